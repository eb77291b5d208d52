using Placement.Cli.Commands;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Planning;
using static Placement.Testing.Fixtures;

namespace Placement.Cli.Tests;

/// <summary>
/// <c>plan --time-limit</c>'s deadline (<see cref="DeadlineSolve"/>) with the plan already due (a budget spent before the
/// solve starts) and a solver that does not return until the test lets it: what the plan file gets, whatever the
/// machine's speed. The stand-in solver is managed code, so leaving it waiting is safe in the test host.
/// </summary>
public class DeadlineSolveTests
{
    [Fact]
    public void Run_DueWithNothingPublished_ReturnsTheConstructivePlanWithStatusTimeLimitAndTheFloor()
    {
        var problem = Problem(gpuCap: 8);
        using var solver = new WaitingSolver();
        var (plan, abandoned) = DeadlineSolve.Run(problem, solver, SolveOptions.Default with { TimeLimitSeconds = 1 }, new IncumbentLog(), 0, 0.05, 1);
        Assert.True(abandoned);
        Assert.Equal("time-limit", plan.Solver.Status);
        Assert.Contains("the constructive plan", plan.Solver.Notes["fallback"], StringComparison.Ordinal);
        Assert.Empty(problem.Violations(problem.Choice(plan.Assignment)!));
        Assert.Equal(Math.Round((decimal)problem.CostFloorUsd(), 6), plan.Solver.LowerBoundUsd);
    }

    [Fact]
    public void Run_DueWithAPlanPublished_ReturnsThatPlanAndItsBound()
    {
        var problem = Problem(gpuCap: 16);
        var published = problem.Nodes.Select(n => n.Candidates.Count - 1).ToArray();
        var log = new IncumbentLog();
        log.Offer(published, problem.BilledCostUsd(published), "the test");
        log.Bound(1);
        using var solver = new WaitingSolver();
        var (plan, abandoned) = DeadlineSolve.Run(problem, solver, SolveOptions.Default with { TimeLimitSeconds = 1 }, log, 0, 0.05, 1);
        Assert.True(abandoned);
        Assert.Equal(published, problem.Choice(plan.Assignment));
        Assert.Contains("by the test", plan.Solver.Notes["fallback"], StringComparison.Ordinal);
        Assert.Equal(1m, plan.Solver.LowerBoundUsd);
    }

    [Fact]
    public void Run_DueWithNoFeasiblePlanAnywhere_ReportsNoPlanWithinTheLimit()
    {
        // Three 8-GPU nodes, room for two at the two locations they may use: nothing is feasible, the constructive plan included.
        var problem = Problem(gpuCap: 8, extraGpuNode: true);
        using var solver = new WaitingSolver();
        var e = Assert.Throws<PlanningException>(() => DeadlineSolve.Run(problem, solver, SolveOptions.Default with { TimeLimitSeconds = 1 }, new IncumbentLog(), 0, 0.05, 1));
        Assert.Contains("found no plan meeting every constraint within --time-limit 1 s", Assert.Single(e.Conflicts), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SolverDoneBeforeItIsDue_ReturnsItsPlanNotAbandoned()
    {
        var problem = Problem(gpuCap: 16);
        using var solver = new WaitingSolver();
        solver.Release();
        var (plan, abandoned) = DeadlineSolve.Run(problem, solver, SolveOptions.Default, new IncumbentLog(), null, 0.05, null);
        Assert.False(abandoned);
        Assert.Equal("waiting", plan.Solver.Name);
        Assert.Equal("heuristic", plan.Solver.Status);
    }

    /// <summary>Two (or three) 8-GPU nodes and a VM; at most <paramref name="gpuCap"/> GPUs per location.</summary>
    private static PlanningProblem Problem(int gpuCap, bool extraGpuNode = false)
    {
        List<WorkflowNode> nodes = [GpuVm("g0", 1_000, hours: 1), GpuVm("g1", 1_000, hours: 10), Vm("v", 1_000)];
        if (extraGpuNode)
        {
            nodes.Add(GpuVm("g2", 1_000, hours: 2));
        }

        var s = Scenario(nodes, [new Edge("g0", "v", null)]);
        s = s with { Constraints = ScenarioConstraints.None with { DefaultMaxGpusPerLocation = gpuCap } };
        return PlanningProblem.Build(new CostModel(WorkflowGraph.Build(s), Catalog), new NetworkModel(Catalog));
    }

    /// <summary>A solver that returns the cheapest-compute plan once released (at the latest when disposed).</summary>
    private sealed class WaitingSolver : ISolver, IDisposable
    {
        private readonly ManualResetEventSlim released = new();

        public string Name => "waiting";

        public bool IsExact => false;

        public bool Applies(PlanningProblem problem, SolveOptions options) => true;

        public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
        {
            released.Wait();
            var choice = problem.Nodes.Select(Placement.Planning.Baselines.CheapestComputeSolver.Cheapest).ToArray();
            return new SolverOutcome(choice, "heuristic", problem.BilledCostUsd(choice), null, new Dictionary<string, string>());
        }

        public void Release() => released.Set();

        public void Dispose() => released.Set();
    }
}
