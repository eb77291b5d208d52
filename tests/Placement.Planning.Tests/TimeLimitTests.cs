using Placement.Planning.Milp;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>Every stage honours the wall-clock limit it is given: local search stops between moves, the MILP returns a plan.</summary>
public class TimeLimitTests
{
    [Fact]
    public void LocalSearch_NoTimeLeft_StopsBeforeTheFirstMoveWithAPlan()
    {
        var p = ProblemFor(RandomInstances.Scenario(3, maxNodes: 8));
        var outcome = new LocalSearchSolver().Solve(p, SolveOptions.Default with { TimeLimitSeconds = 0 });
        Assert.NotNull(outcome.Choice);
        Assert.Equal("0", outcome.Notes["moves"]);
        Assert.True(outcome.Notes.ContainsKey("time-limit"));
    }

    [Fact]
    public void LocalSearch_NoLimit_RunsToALocalOptimum()
    {
        var p = ProblemFor(RandomInstances.Scenario(3, maxNodes: 8));
        var outcome = new LocalSearchSolver().Solve(p, SolveOptions.Default);
        Assert.False(outcome.Notes.ContainsKey("time-limit"));
    }

    [Fact]
    public void Milp_TinyLimit_StillReturnsAFeasiblePlanAndAValidBound()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 8));
            var outcome = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default with { TimeLimitSeconds = 0.01 });
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            Assert.NotNull(outcome.Choice);
            Assert.True(p.IsFeasible(outcome.Choice!));
            Assert.True(outcome.LowerBound is null || outcome.LowerBound <= brute + 1e-6, $"seed {seed}: bound {outcome.LowerBound} above the optimum {brute}");
        }
    }
}
