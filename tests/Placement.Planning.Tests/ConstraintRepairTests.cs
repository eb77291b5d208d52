using FsCheck;
using FsCheck.Fluent;
using Placement.Bench;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>The local search's repair phase (<see cref="ConstraintRepair"/>): feasible warm starts where single-node moves plateau.</summary>
public class ConstraintRepairTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(100);

    [Fact]
    public void LocalSearch_ConstrainedRandomInstances_FeasibleWheneverBruteForceIs()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(Constrained(seed)) is not { } p)
            {
                return true;
            }

            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var local = new LocalSearchSolver().Solve(p, SolveOptions.Default);
            return brute.Choice is null || (local.Status == "heuristic" && p.Violations(local.Choice!).Count == 0);
        }).Check(Runs);
    }

    [Fact]
    public void LocalSearch_AntiAffinityTripleSharingItsInput_SpreadsAllThree()
    {
        // The three readers of one dataset all start beside it; moving one away leaves the group broken, so with a
        // violated/not measure no single move helps (the local search before the repair returned this plan infeasible).
        var s = Scenario([Vm("a", 1000), Vm("b", 1000), Vm("c", 1000)], [new Edge("input", "a", null, null), new Edge("input", "b", null, null), new Edge("input", "c", null, null)],
            [new Dataset("input", L("aws/us-east-1"), 50_000_000_000, [], null)]);
        var p = ProblemFor(s with { Constraints = ScenarioConstraints.None with { AntiAffinity = [["a", "b", "c"]] } });
        var repaired = new LocalSearchSolver().Solve(p, SolveOptions.Default);
        Assert.Equal("heuristic", repaired.Status);
        Assert.Empty(p.Violations(repaired.Choice!));
        Assert.Equal(3, p.NodeLocations(repaired.Choice!).Distinct().Count());
    }

    [Theory]
    [InlineData("diamond")]
    [InlineData("layered")]
    public void LocalSearch_HardFamily50Nodes_FeasibleWarmStart(string shape)
    {
        Func<int, int, Scenario> make = shape == "diamond" ? PlannerScenarios.Diamond : PlannerScenarios.Layered;
        var pricing = HardScenarios.Catalog(20, 1);
        var hard = HardScenarios.Make(make, 50, 1);
        var p = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(hard), pricing), new NetworkModel(pricing));
        var repaired = new LocalSearchSolver().Solve(p, SolveOptions.Default);
        Assert.Equal("heuristic", repaired.Status);
        Assert.Empty(p.Violations(repaired.Choice!));
    }

    [Fact]
    public void LocalSearch_SameProblemTwice_SamePlan()
    {
        var pricing = HardScenarios.Catalog(20, 3);
        var hard = HardScenarios.Make(PlannerScenarios.Diamond, 50, 3);
        var p = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(hard), pricing), new NetworkModel(pricing));
        Assert.Equal(new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice, new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice);
    }

    [Fact]
    public void Shortfall_AntiAffinityTriple_CountsMissingDistinctLocations()
    {
        var s = Scenario([Vm("a", 1000), Vm("b", 1000), Vm("c", 1000)], []);
        var p = ProblemFor(s with { Constraints = ScenarioConstraints.None with { AntiAffinity = [["a", "b", "c"]] } });
        var repair = new ConstraintRepair(p);
        int At(int node, string location) => Enumerable.Range(0, p.Nodes[node].Candidates.Count).First(c => p.Locations[p.Nodes[node].LocationIndex[c]] == L(location));
        Assert.Equal(2, repair.Shortfall([At(0, "aws/us-east-1"), At(1, "aws/us-east-1"), At(2, "aws/us-east-1")]));
        Assert.Equal(1, repair.Shortfall([At(0, "aws/us-east-1"), At(1, "gcp/us-east1"), At(2, "aws/us-east-1")]));
        Assert.Equal(0, repair.Shortfall([At(0, "aws/us-east-1"), At(1, "gcp/us-east1"), At(2, "aws/us-east-2")]));
    }

    [Fact]
    public void TryScore_RandomUnitMoves_EqualsScoreOfMovedPlanAndLeavesPlan()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var s = Constrained(seed);
            var rng = new Random(seed);
            s = s with { Constraints = s.Constraints with { BudgetUsd = rng.Next(2) == 0 ? rng.Next(1, 300) : null, DeadlineHours = rng.Next(2) == 0 ? rng.Next(1, 40) / 4m : null } };
            if (TryProblem(s) is not { } p)
            {
                return true;
            }

            var repair = new ConstraintRepair(p);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var before = choice.ToArray();
            var nodes = Enumerable.Range(0, p.NodeCount).Where(_ => rng.Next(2) == 0).ToArray();
            var picks = new int[p.NodeCount];
            var moved = choice.ToArray();
            foreach (var v in nodes)
            {
                moved[v] = picks[v] = rng.Next(p.Nodes[v].Candidates.Count);
            }

            var incremental = repair.TryScore(choice, nodes, picks, LocalSearchSolver.ViolationPenaltyUsd);
            var full = repair.Score(moved, LocalSearchSolver.ViolationPenaltyUsd);
            return Math.Abs(incremental - full) <= 1e-9 * Math.Max(1, Math.Abs(full)) && choice.SequenceEqual(before);
        }).Check(Runs);
    }

    [Fact]
    public void StaysFeasible_RandomSingleMovesFromFeasiblePlans_AgreesWithViolations()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(Constrained(seed)) is not { } p || new BruteForceSolver().Solve(p, SolveOptions.Default).Choice is not { } feasible)
            {
                return true;
            }

            var rng = new Random(seed);
            var p2 = p.WithConstraints(p.Constraints with
            {
                BudgetUsd = (decimal)Math.Round(p.BilledCostUsd(feasible) * (1 + rng.NextDouble()), 2) + 0.01m,
                DeadlineHours = rng.Next(2) == 0 ? null : (decimal)Math.Round(p.MakespanHours(feasible) * (1 + rng.NextDouble()), 4) + 0.0001m,
            });
            var repair = new ConstraintRepair(p2);
            var v = rng.Next(p2.NodeCount);
            var moved = feasible.ToArray();
            moved[v] = rng.Next(p2.Nodes[v].Candidates.Count);
            return repair.StaysFeasible(moved, v, p2.BilledCostUsd(moved)) == (p2.Violations(moved).Count == 0);
        }).Check(Runs);
    }

    [Fact]
    public void Polish_FeasibleRandomPlans_StaysFeasibleAndNeverDearer()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(Constrained(seed)) is not { } p || new BruteForceSolver().Solve(p, SolveOptions.Default).Choice is not { } optimum)
            {
                return true;
            }

            // Start from the optimum moved one node away where that stays feasible, so there is something to polish.
            var rng = new Random(seed);
            var repair = new ConstraintRepair(p);
            var choice = optimum.ToArray();
            var v = rng.Next(p.NodeCount);
            choice[v] = rng.Next(p.Nodes[v].Candidates.Count);
            if (p.Violations(choice).Count > 0)
            {
                choice = optimum.ToArray();
            }

            var before = p.BilledCostUsd(choice);
            repair.Polish(choice, LocalSearchSolver.ViolationPenaltyUsd, LocalSearchSolver.PolishRounds, () => false);
            return p.Violations(choice).Count == 0 && p.BilledCostUsd(choice) <= before + 1e-9 && p.BilledCostUsd(choice) >= p.BilledCostUsd(optimum) - 1e-6;
        }).Check(Runs);
    }

    [Fact]
    public void LocalSearch_ColocatedPairAwayFromItsData_FindsOptimum()
    {
        // a and b must share a location and read a 50 GB dataset in aws/us-east-1. Start: both elsewhere is what the
        // cheapest-compute start gives when gcp/us-east1 is cheapest; a single move of a or b breaks the colocate pair,
        // so only a unit move brings both next to their data.
        var s = Scenario([Vm("a", 1000), Vm("b", 1000)], [new Edge("input", "a", null, null), new Edge("a", "b", null, null)],
            [new Dataset("input", L("aws/us-east-1"), 50_000_000_000, [], null)]);
        var p = ProblemFor(s with { Constraints = ScenarioConstraints.None with { Colocate = [["a", "b"]] } });
        var local = new LocalSearchSolver().Solve(p, SolveOptions.Default);
        var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
        Assert.Empty(p.Violations(local.Choice!));
        Assert.True(Close(p.BilledCostUsd(local.Choice!), brute.ObjectiveValue!.Value), $"local {p.BilledCostUsd(local.Choice!)} brute {brute.ObjectiveValue}");
    }

    /// <summary>A random small DAG with an anti-affinity triple, a colocate pair and GPU caps of 0 or 8 per GPU region.</summary>
    /// <summary>A random instance with an anti-affinity triple, sometimes a colocate pair, and GPU caps of 0 or 8 at two locations.</summary>
    internal static Scenario Constrained(int seed)
    {
        var s = RandomInstances.Scenario(seed, maxNodes: 5);
        var rng = new Random(unchecked(seed * 17 + 3));
        var names = s.Nodes.Select(n => n.Name).OrderBy(_ => rng.Next()).ToList();
        var anti = names.Count >= 3 ? new List<IReadOnlyList<string>> { names.Take(3).Order(StringComparer.Ordinal).ToList() } : [];
        var colocate = names.Count >= 5 && rng.Next(2) == 0 ? new List<IReadOnlyList<string>> { names.Skip(3).Take(2).Order(StringComparer.Ordinal).ToList() } : [];
        var caps = new Dictionary<Location, int> { [L("aws/us-east-1")] = rng.Next(2) * 8, [L("gcp/us-west1")] = rng.Next(2) * 8 };
        return s with { Constraints = ScenarioConstraints.None with { AntiAffinity = anti, Colocate = colocate, MaxGpusPerLocation = caps } };
    }
}
