using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Planning;
using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>
/// <c>bench abandon NODES SECONDS</c>: starts CBC on the realistic scenario's MILP on a background thread and returns from
/// Main after SECONDS while it still runs (as an in-process caller of an abandoned <c>plan --time-limit</c> solve would).
/// </summary>
internal static class AbandonProbe
{
    public static int Run(string[] args)
    {
        var nodes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var wait = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
        var pricing = Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null));
        var problem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(PlannerBench.RealisticScenario(nodes, 1)), pricing), new NetworkModel(pricing));
        var f = new MilpModel(problem, MilpFormulation.RateLevels, true);
        f.BuildCost();
        f.BuildConstraints();
        var thread = new Thread(() => CbcEngine.Solve(f.Lp, 1, 0, null), 64 << 20) { IsBackground = true };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        thread.Start();
        var done = thread.Join(TimeSpan.FromSeconds(wait));
        Console.WriteLine($"CBC {(done ? "done" : "still running")} after {clock.Elapsed.TotalSeconds:0.0} s; returning from Main");
        return 0;
    }
}
