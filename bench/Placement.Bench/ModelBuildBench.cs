using System.Diagnostics;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using Placement.Traces.Formats;

namespace Placement.Bench;

/// <summary>
/// <c>model-build</c>: the time <see cref="SimulationModel.Build"/> takes on the WfCommons shapes at 1k, 10k and 100k tasks,
/// in one process, with the cost-model stages it calls timed on their own (evaluate, homes, transfers) and CPU ms per
/// 1,000 tasks against the first row (1.0 = linear). Best of a few rounds, on the process CPU clock too (garbage collection included).
/// </summary>
internal static class ModelBuildBench
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
        var network = new NetworkLinkTable(new NetworkModel(SimulatorWorkloads.Pricing));
        var noisy = SimulationOptions.Exact with { Runtime = new Variation(0.2), Bytes = new Variation(0.1), FailureProbability = 0.01, MaxAttempts = 3, DefaultSlots = 48 };
        Console.WriteLine($"Model build on {Environment.ProcessorCount} cores, load average {LoadAverage()} at start; best of rounds, wall and process CPU ms (GC threads included); gen2 GCs per build");
        Console.WriteLine("    tasks    edges  evaluate ms  homes ms  transfers ms  first build ms   build ms   build CPU ms  gen2 GCs   CPU ms per 1k tasks");
        double? baseline = null;
        foreach (var tasks in sizes)
        {
            var read = TraceReader.Read(WfCommonsShapes.Generate(tasks), $"shape-{tasks}.json");
            var trace = read.Value! with { Name = $"shape-{tasks}" };
            var (cm, plan) = SimulatorWorkloads.Planned(trace);
            var locations = cm.Graph.Scenario.Nodes.ToDictionary(n => n.Name, n => plan[n.Name].Location, StringComparer.Ordinal);
            var rounds = tasks >= 100_000 ? 2 : tasks >= 10_000 ? 3 : 5;
            var evaluate = Best(rounds, () => cm.Evaluate(plan));
            IReadOnlyDictionary<string, Location> homes = null!;
            var homesMs = Best(rounds, () => homes = cm.Homes(locations, []));
            var transfers = Best(rounds, () => cm.PlanTransfers(locations, homes));
            var gen2 = GC.CollectionCount(2);
            var build = Best(rounds, () => SimulationModel.Build(cm, plan, network, noisy));
            gen2 = (GC.CollectionCount(2) - gen2) / rounds;
            var perK = build.Cpu / (tasks / 1000.0);
            baseline ??= perK;
            var edges = cm.Graph.Scenario.Edges.Count;
            Console.WriteLine($"   {tasks,6} {edges,8} {evaluate.Wall,12:0} {homesMs.Wall,9:0} {transfers.Wall,13:0} {build.FirstWall,15:0} {build.Wall,10:0} {build.Cpu,14:0} {gen2,9} {perK,12:0.0} ({perK / baseline:0.00}x of the first row)");
        }

        return 0;
    }

    private static (double Wall, double Cpu, double FirstWall) Best(int rounds, Func<object> run)
    {
        var first = 0.0;
        var wall = double.MaxValue;
        var cpu = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var c = CpuSeconds();
            var w = Stopwatch.StartNew();
            GC.KeepAlive(run());
            first = r == 0 ? w.Elapsed.TotalMilliseconds : first;
            wall = Math.Min(wall, w.Elapsed.TotalMilliseconds);
            cpu = Math.Min(cpu, (CpuSeconds() - c) * 1000);
        }

        return (wall, cpu, first);
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
