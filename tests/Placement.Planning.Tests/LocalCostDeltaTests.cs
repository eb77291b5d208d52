using FsCheck;
using FsCheck.Fluent;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>The local change of one node's move (used to explain large plans) against the whole linear objective.</summary>
public class LocalCostDeltaTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150);

    [Fact]
    public void Delta_AnyMove_EqualsChangeOfWholeObjective()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7));
            var rng = new Random(pick);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var v = rng.Next(p.NodeCount);
            var c = rng.Next(p.Nodes[v].Candidates.Count);
            var before = p.CostUsd(choice);
            var loc = p.NodeLocations(choice);
            var (run, egress, storage) = new LocalCostDelta(p).Delta(v, choice[v], c, loc);
            var unchanged = loc.SequenceEqual(p.NodeLocations(choice));
            choice[v] = c;
            return unchanged && Close(before + run + egress + storage, p.CostUsd(choice));
        }).Check(Runs);
    }

    [Fact]
    public void Explain_LargeWork_MatchesExactExplanationWhereLinearEqualsExact()
    {
        // Over random small instances the local explainer and the exact one agree on every chosen candidate and
        // on whether an alternative exists (their deltas differ only by volume tiers and rounding).
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 6));
            var plan = Planner.Solve(p, new Milp.MilpSolver(), SolveOptions.Default);
            var exact = Explainer.Explain(p, plan);
            var local = LocalExplainer.Explain(p, plan, p.Choice(plan.Assignment)!);
            return exact.Count == local.Count && exact.Zip(local).All(x => x.First.Node == x.Second.Node && x.First.Chosen == x.Second.Chosen
                && (x.First.Alternative is null) == (x.Second.Alternative is null));
        }).Check(Runs);
    }
}
