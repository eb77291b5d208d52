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

    [Fact]
    public void Milp_WithAnIncumbentLog_PublishesFeasiblePlansAtTheirBilledCostAndValidBounds()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 8));
            var log = new IncumbentLog();
            new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default with { Incumbents = log });
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            var best = log.Best;
            Assert.NotNull(best.Choice);
            Assert.True(p.IsFeasible(best.Choice!), $"seed {seed}: the published plan breaks a constraint");
            Assert.Equal(p.BilledCostUsd(best.Choice!), best.CostUsd, 6);
            Assert.True(best.CostUsd >= brute - 1e-6, $"seed {seed}: published cost {best.CostUsd} below the optimum {brute}");
            Assert.True(best.BoundUsd is null || best.BoundUsd <= brute + 1e-6, $"seed {seed}: bound {best.BoundUsd} above the optimum {brute}");
        }
    }

    [Fact]
    public void IncumbentLog_Offers_KeepsTheCheapestPlanAndTheHighestBoundNeverAboveIt()
    {
        var log = new IncumbentLog();
        Assert.Null(log.Best.Choice);
        log.Offer([1, 2], 10, "first");
        log.Offer([3, 4], 12, "worse");
        log.Bound(8);
        log.Bound(7);
        Assert.Equal([1, 2], log.Best.Choice!);
        Assert.Equal((10.0, (double?)8.0, "first"), (log.Best.CostUsd, log.Best.BoundUsd, log.Best.Stage));
        log.Bound(11);
        Assert.Equal(10, log.Best.BoundUsd);
    }

    [Fact]
    public void Planner_MilpOutOfTimeWithNoPlan_SaysSoInsteadOfDiagnosingConflicts()
    {
        // No warm start and no time: the MILP does not start branch and bound (its root LP does not watch the clock),
        // and the planner reports the time-out, not a conflict among constraints that may all be satisfiable.
        var p = ProblemFor(RandomInstances.Scenario(1, maxNodes: 8));
        var solver = new MilpSolver();
        var outcome = solver.Solve(p, SolveOptions.Default with { TimeLimitSeconds = 0 });
        Assert.Equal(("time-limit", (int[]?)null), (outcome.Status, outcome.Choice));
        var e = Assert.Throws<PlanningException>(() => Planner.Solve(p, solver, SolveOptions.Default with { TimeLimitSeconds = 0 }));
        Assert.Contains("found no plan meeting every constraint within its time limit", Assert.Single(e.Conflicts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milp_NativeSolverHeldByAnAbandonedSolve_ReturnsTheWarmStartInsteadOfWaiting()
    {
        // A solve abandoned at its time limit keeps CBC (and its gate) until CBC returns; a later time-limited solve in the
        // same process waits half of what it has left, then returns its warm start. Here the gate is held until the test
        // ends: without the bounded wait the solve would block on it (the hang guard below would fail).
        var p = Enumerable.Range(0, 50).Select(s => TryProblem(ConstraintRepairTests.Constrained(s)))
            .First(q => q is not null && new BruteForceSolver().Solve(q, SolveOptions.Default).Choice is not null)!;
        var optimum = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (CbcEngine.Gate)
            {
                entered.Set();
                release.Wait();
            }
        }) { IsBackground = true };
        holder.Start();
        entered.Wait();
        try
        {
            var solve = Task.Run(() => new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default with { TimeLimitSeconds = 2 }));
            Assert.True(await Task.WhenAny(solve, Task.Delay(TimeSpan.FromMinutes(2))) == solve, "the solve waited for the native solver held by another thread");
            var outcome = await solve;
            Assert.Contains("still running an earlier solve", outcome.Notes["fallback"], StringComparison.Ordinal);
            Assert.Equal("time-limit", outcome.Status);
            Assert.True(p.IsFeasible(outcome.Choice!));
            Assert.True(outcome.LowerBound <= optimum + 1e-6, $"bound {outcome.LowerBound} above the optimum {optimum}");
        }
        finally
        {
            release.Set();
            holder.Join();
        }
    }
}
