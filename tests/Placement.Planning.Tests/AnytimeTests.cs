using Placement.Core.Model;
using Placement.Planning.Baselines;
using Placement.Planning.Milp;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The anytime path of a time-limited solve (issue 13): the constructive plan (<see cref="FeasibleStart"/>), the cost
/// floor (<see cref="PlanningProblem.CostFloorUsd"/>) and the MILP with its budget already spent. No test here depends on
/// machine speed: a limit of 0 leaves no time for anything whatever the machine.
/// </summary>
public class AnytimeTests
{
    private static readonly int[] Seeds = Enumerable.Range(0, 150).ToArray();

    [Fact]
    public void CostFloor_RandomInstances_NeverAboveTheBilledOptimum()
    {
        foreach (var seed in Seeds)
        {
            foreach (var s in new[] { RandomInstances.Scenario(seed, maxNodes: 6), Constrained(seed) })
            {
                foreach (var p in new[] { TryProblem(s), TieredFixtures.TryProblemFor(s) })
                {
                    if (p is null || new BruteForceSolver().Solve(p, SolveOptions.Default) is not { Choice: { } best })
                    {
                        continue;
                    }

                    Assert.True(p.CostFloorUsd() <= p.BilledCostUsd(best) + 1e-9, $"seed {seed}: floor {p.CostFloorUsd()} above the optimum {p.BilledCostUsd(best)}");
                }
            }
        }
    }

    [Fact]
    public void CostFloor_NodeAnchoringItsOutput_CountsItsCheapestRunAndHomeCopy()
    {
        // One VM, no reads: its bill is its run and its output's home copy where it runs, so the floor is the optimum.
        var p = ProblemFor(Scenario([Vm("a", 50_000_000_000)], []));
        var best = new BruteForceSolver().Solve(p, SolveOptions.Default).Choice!;
        Assert.Equal(p.BilledCostUsd(best), p.CostFloorUsd(), 9);
    }

    [Theory]
    [InlineData("aws/us-east-1")]
    [InlineData("gcp/us-west1")]
    public void CostFloor_OneReaderOfARemoteDataset_CountsItsMoveAndStagedCopy(string home)
    {
        // Every term of this bill depends on the one node's location (its run, the dataset's move and staged copy, its
        // output's home copy): the floor is the optimum, wherever the dataset sits.
        var s = Scenario([Vm("a", 1_000_000)], [new Edge("input", "a", null, null)], [new Dataset("input", L(home), 200_000_000_000, [], null)]);
        var p = ProblemFor(s);
        var best = new BruteForceSolver().Solve(p, SolveOptions.Default).Choice!;
        Assert.Equal(p.BilledCostUsd(best), p.CostFloorUsd(), 9);
    }

    [Fact]
    public void FeasibleStart_NoScenarioWideConstraints_IsTheCheapestComputePlan()
    {
        foreach (var seed in Seeds)
        {
            if (TryProblem(RandomInstances.Scenario(seed, maxNodes: 6)) is { } p)
            {
                Assert.Equal(new CheapestComputeSolver().Solve(p, SolveOptions.Default).Choice, FeasibleStart.Build(p, () => false));
            }
        }
    }

    [Fact]
    public void FeasibleStart_GpuCapWithRoomForOne_KeepsTheNodeWithTheLargestRegretWithoutRepair()
    {
        // Two 8-GPU nodes, room for one at the cheap location: the 10-hour node loses most by moving, so it stays.
        var s = Scenario([GpuVm("short", 1_000, hours: 1), GpuVm("long", 1_000, hours: 10)], []);
        var p = ProblemFor(s with { Constraints = ScenarioConstraints.None with { MaxGpusPerLocation = new Dictionary<Location, int> { [L("aws/us-east-1")] = 8 } } });
        var plan = FeasibleStart.Build(p, () => true);
        Assert.Empty(p.Violations(plan));
        Assert.Equal(L("aws/us-east-1"), p.Locations[p.NodeLocations(plan)[1]]);
        Assert.Equal(new BruteForceSolver().Solve(p, SolveOptions.Default).Choice, plan);
    }

    [Fact]
    public void FeasibleStart_AntiAffinityAndColocate_MetWithoutRepair()
    {
        var s = Scenario([Vm("a", 1_000), Vm("b", 1_000), Vm("c", 1_000), Vm("d", 1_000)], []);
        var p = ProblemFor(s with { Constraints = ScenarioConstraints.None with { AntiAffinity = [["a", "b", "c"]], Colocate = [["c", "d"]] } });
        Assert.NotEmpty(p.Violations(new CheapestComputeSolver().Solve(p, SolveOptions.Default).Choice!));
        Assert.Empty(p.Violations(FeasibleStart.Build(p, () => true)));
    }

    [Fact]
    public void FeasibleStart_ConstrainedRandomInstances_FeasibleWheneverBruteForceIs()
    {
        foreach (var seed in Seeds)
        {
            if (TryProblem(Constrained(seed)) is { } p && new BruteForceSolver().Solve(p, SolveOptions.Default).Choice is not null)
            {
                Assert.True(p.IsFeasible(FeasibleStart.Build(p, () => false)), $"seed {seed}: {string.Join("; ", p.Violations(FeasibleStart.Build(p, () => false)))}");
            }
        }
    }

    [Fact]
    public void FeasibleStart_SameProblemTwice_SamePlan()
    {
        var p = ProblemFor(Constrained(7));
        Assert.Equal(FeasibleStart.Build(p, () => false), FeasibleStart.Build(p, () => false));
    }

    [Fact]
    public void Milp_BudgetAlreadySpent_ReturnsAFeasiblePlanWithTheCostFloorAsBound()
    {
        // Limit 0: no time for the model, whatever the machine; the plan comes from the constructive start (and the
        // local search's first check of the clock), its bound is the floor.
        var solved = 0;
        foreach (var seed in Seeds.Take(60))
        {
            if (TryProblem(Constrained(seed)) is not { } p || new BruteForceSolver().Solve(p, SolveOptions.Default) is not { Choice: { } best })
            {
                continue;
            }

            var log = new IncumbentLog();
            var outcome = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default with { TimeLimitSeconds = 0, Incumbents = log });
            Assert.True(outcome.Choice is { } c && p.IsFeasible(c), $"seed {seed}: no feasible plan");
            Assert.Contains("too little time left to build the MILP model", outcome.Notes["fallback"], StringComparison.Ordinal);
            Assert.DoesNotContain("model", outcome.Notes["stages"].Replace("constructive", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(Math.Min(p.CostFloorUsd(), outcome.ObjectiveValue!.Value), outcome.LowerBound!.Value, 9);
            Assert.True(outcome.LowerBound <= p.BilledCostUsd(best) + 1e-9);
            Assert.Equal(outcome.ObjectiveValue!.Value, log.Best.CostUsd, 9);
            solved++;
        }

        Assert.True(solved >= 20, $"only {solved} feasible instances");
    }

    [Fact]
    public void Milp_NoLimit_BuildsTheModelAndNeverTakesTheAnytimePath()
    {
        var p = ProblemFor(Constrained(3));
        var outcome = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default);
        Assert.DoesNotContain("constructive start", outcome.Notes["stages"], StringComparison.Ordinal);
        Assert.StartsWith("model", outcome.Notes["stages"], StringComparison.Ordinal);
    }

    private static Scenario Constrained(int seed) => ConstraintRepairTests.Constrained(seed);
}
