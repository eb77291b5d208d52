using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Plans;
using Placement.Planning.Milp;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>Exact solvers against brute force, and plans against the cost model, on seeded random small instances.</summary>
public class SolverProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(120);

    [Fact]
    public void CostUsd_AnyChoice_EqualsCostModelWithinRounding()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var s = RandomInstances.Scenario(seed, maxNodes: 7);
            var p = ProblemFor(s);
            var rng = new Random(pick);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var cost = ModelFor(s).Evaluate(p.Assignment(choice));
            var lines = cost.Nodes.Count + cost.Transfers.Count + cost.Storage.Count;
            return Math.Abs((double)cost.Totals.TotalUsd - p.CostUsd(choice)) <= 1e-6 * (lines + 1) + 1e-9 * p.CostUsd(choice);
        }).Check(Runs);
    }

    [Fact]
    public void Milp_RandomInstances_MatchesBruteForce()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var milp = new MilpSolver().Solve(p, SolveOptions.Default);
            return milp.Status == "optimal" && Close(p.CostUsd(milp.Choice!), brute.ObjectiveValue!.Value) && Close(milp.ObjectiveValue!.Value, brute.ObjectiveValue.Value);
        }).Check(Runs);
    }

    [Fact]
    public void Milp_RandomConstraints_MatchesBruteForceAndSatisfiesEveryConstraint()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, constraints: true)) is not { } p)
            {
                return true;
            }

            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var milp = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default);
            if (brute.Choice is null)
            {
                return milp.Choice is null;
            }

            return milp.Choice is { } c && p.Violations(c).Count == 0 && Close(p.CostUsd(c), brute.ObjectiveValue!.Value);
        }).Check(Runs);
    }

    [Fact]
    public void Milp_TimeObjective_MatchesBruteForceMakespan()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed));
            var options = SolveOptions.Default with { Objective = PlanningObjective.Time };
            var brute = new BruteForceSolver().Solve(p, options);
            var milp = new MilpSolver().Solve(p, options);
            return Math.Abs(p.MakespanHours(milp.Choice!) - brute.ObjectiveValue!.Value) <= 1e-5;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void TreeDp_TreeInstances_MatchesBruteForce()
    {
        var applied = 0;
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 6, tree: true));
            var dp = new TreeDpSolver();
            if (!dp.Applies(p, SolveOptions.Default))
            {
                return true;
            }

            applied++;
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var result = dp.Solve(p, SolveOptions.Default);
            return Close(p.CostUsd(result.Choice!), brute.ObjectiveValue!.Value) && Close(result.ObjectiveValue!.Value, brute.ObjectiveValue.Value);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
        Assert.True(applied > 100, $"the DP applied to only {applied} of 200 tree instances");
    }

    [Fact]
    public void Planner_AnySolver_PlanCostEqualsCostModelEvaluation()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var s = RandomInstances.Scenario(seed);
            var p = ProblemFor(s);
            return new[] { "milp", "treewidth-dp", "local-search", "single-location", "follow-the-data", "cheapest-compute", "pairwise-cloud-ilp" }.All(name =>
            {
                if (!SolverCatalog.Create(name)!.Applies(p, SolveOptions.Default))
                {
                    return true;
                }

                var plan = Planner.Solve(p, SolverCatalog.Create(name)!, SolveOptions.Default);
                var again = ModelFor(s).Evaluate(plan.Assignment);
                return plan.Cost.Totals == again.Totals && plan.Solver.ObjectiveUsd == again.Totals.TotalUsd;
            });
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Baselines_RandomInstances_NeverBeatTheMilp()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7));
            var best = new MilpSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            return SolverCatalog.Baselines.All(b => p.CostUsd(b.Solve(p, SolveOptions.Default).Choice!) >= best - 1e-6 * Math.Max(1, best));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Milp_SameInputTwice_SamePlan()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var s = RandomInstances.Scenario(seed, maxNodes: 7, constraints: true);
            if (TryProblem(s) is not { } p)
            {
                continue;
            }

            var a = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default).Choice;
            var b = new MilpSolver(new LocalSearchSolver()).Solve(ProblemFor(s), SolveOptions.Default).Choice;
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Pareto_RandomInstances_EveryBruteForceTradeOffIsMatchedOrDominated()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 4));
            var frontier = ParetoFrontier.Compute(p, SolveOptions.Default);
            var strictlyImproving = frontier.Zip(frontier.Skip(1)).All(z => z.Second.CostUsd >= z.First.CostUsd - 1e-9 && z.Second.MakespanHours < z.First.MakespanHours);

            // No plan at all may beat a frontier point on both axes, and every plan must be matched or beaten by one.
            var all = new List<(double Cost, double Hours)>();
            var choice = new int[p.NodeCount];
            while (true)
            {
                all.Add((p.CostUsd(choice), p.MakespanHours(choice)));
                var i = 0;
                while (i < choice.Length && ++choice[i] == p.Nodes[i].Candidates.Count)
                {
                    choice[i++] = 0;
                }

                if (i == choice.Length)
                {
                    break;
                }
            }

            var covered = all.All(a => frontier.Any(f => f.CostUsd <= a.Cost + 1e-6 && f.MakespanHours <= a.Hours + 1e-3 * Math.Max(1, a.Hours)));
            return frontier.Count > 0 && strictlyImproving && covered;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }
}
