using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Data;
using Placement.Data.Scenarios;
using Placement.Planning;
using Placement.Simulation.Engine;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using Placement.Traces.Formats;
using Placement.Traces.Import;

namespace Placement.Bench;

/// <summary>
/// The scale suite: generated WfCommons-shaped traces of 1,000 / 10,000 / 100,000 tasks and the real traces, each in
/// its own child process (so peak memory is its own), measuring import (trace parse + importer), validate (scenario
/// load and checks), plan (problem build + solve, with its proven gap), one simulation (model build + one replay),
/// Monte Carlo replicas and the simulator core's events per second. The same-process baseline is a bare
/// System.Text.Json parse of the trace text (the least any loader must do): every stage is also given as a multiple of
/// it, and as time per task against the 1,000-task size (1.0 = linear).
/// </summary>
internal static class ScaleBench
{
    private static readonly string[] Columns = ["tasks", "edges", "baseline ms", "import ms", "validate ms", "plan ms", "gap %", "solver", "1 sim ms", "replicas", "replicas s", "Mevents/s", "peak MiB"];

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var planLimit = args.SkipWhile(a => a != "--plan-limit").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(60);
        // Seconds of Monte Carlo a row may spend (replicas = min(1,000, what fits), printed beside the time).
        var replicaBudget = args.SkipWhile(a => a != "--replica-budget").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(120);
        var sizes = quick ? new[] { "shape:1000", "shape:10000" } : new[] { "shape:1000", "shape:10000", "shape:100000" };
        var real = Directory.Exists(WfInstances) ? Directory.GetFiles(WfInstances, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Console.WriteLine($"Scale benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {load} at start; plan time limit {planLimit} s; replicas: 1,000 or as many as fit in {replicaBudget} s; each row is its own process (peak = its VmHWM)");
        Console.WriteLine(string.Join(" | ", Columns.Prepend("trace")));
        var rows = new List<Dictionary<string, string>>();
        foreach (var input in sizes.Concat(quick ? [] : real))
        {
            var child = RunChild(input, planLimit, replicaBudget);
            if (child is null)
            {
                Console.WriteLine($"{Name(input)} | failed");
                continue;
            }

            rows.Add(child);
            Console.WriteLine(string.Join(" | ", Columns.Select(c => child.GetValueOrDefault(c, "-")).Prepend(Name(input))));
        }

        // Ratios: each stage against the bare parse of its own trace, and per task against the 1,000-task shape.
        Console.WriteLine();
        Console.WriteLine("Ratios: stage / bare JSON parse of the same trace (same process); in brackets per-task time / per-task time at shape-1000 (1.0 = linear)");
        var first = rows.FirstOrDefault();
        Console.WriteLine("trace | import | validate | plan | 1 sim | per replica");
        foreach (var r in rows)
        {
            string Ratio(string column, bool perReplica = false)
            {
                var v = Num(r, column) / (perReplica ? Num(r, "replicas") : 1) * (column == "replicas s" ? 1000 : 1);
                var b = Num(r, "baseline ms");
                var baseline = first is null ? double.NaN : Num(first, column) / (perReplica ? Num(first, "replicas") : 1) * (column == "replicas s" ? 1000 : 1) / Num(first, "tasks");
                return $"{v / b:0.0}x [{v / Num(r, "tasks") / baseline:0.00}]";
            }

            Console.WriteLine($"{r["name"]} | {Ratio("import ms")} | {Ratio("validate ms")} | {Ratio("plan ms")} | {Ratio("1 sim ms")} | {Ratio("replicas s", perReplica: true)}");
        }

        return 0;
    }

    private static string WfInstances => "/work/shared/data/wfinstances";

    private static string Name(string input) => input.StartsWith("shape:", StringComparison.Ordinal) ? "shape-" + input[6..] : Path.GetFileNameWithoutExtension(input);

    private static double Num(Dictionary<string, string> row, string column) =>
        double.TryParse(row.GetValueOrDefault(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    private static Dictionary<string, string>? RunChild(string input, double planLimit, double replicaBudget)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!self.EndsWith("Placement.Bench", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(typeof(ScaleBench).Assembly.Location);
        }

        foreach (var a in new[] { "scale-one", input, planLimit.ToString(CultureInfo.InvariantCulture), replicaBudget.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var line = stdout.Result.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine(stderr.Result);
            return null;
        }

        return JsonSerializer.Deserialize<Dictionary<string, string>>(line);
    }

    /// <summary>One size in this process: warms the code up on a small shape, then measures each stage once.</summary>
    public static int RunOne(string[] args)
    {
        var input = args[0];
        var planLimit = double.Parse(args[1], CultureInfo.InvariantCulture);
        var replicaBudget = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 120;
        // Warm-up, not reported: the same input when it is small, else a 10,000-task shape (tiered JIT settles first).
        var size = input.StartsWith("shape:", StringComparison.Ordinal) ? int.Parse(input[6..], CultureInfo.InvariantCulture) : 0;
        Measure(size <= 10_000 ? input : "shape:10000", planLimit, replicas: 20, replicaBudget);
        var row = Measure(input, planLimit, replicas: 1000, replicaBudget);
        row["peak MiB"] = PeakMib().ToString("0", CultureInfo.InvariantCulture);
        row["name"] = Name(input);
        Console.WriteLine(JsonSerializer.Serialize(row));
        return 0;
    }

    private static Dictionary<string, string> Measure(string input, double planLimit, int replicas, double replicaBudget)
    {
        var row = new Dictionary<string, string>();
        var watch = Stopwatch.StartNew();
        double Lap()
        {
            var ms = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            return ms;
        }

        string F(double v) => v.ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
        var shape = input.StartsWith("shape:", StringComparison.Ordinal) ? int.Parse(input[6..], CultureInfo.InvariantCulture) : (int?)null;
        var text = shape is { } n ? WfCommonsShapes.Generate(n) : File.ReadAllText(input);
        var rules = TaskMapping.Parse(shape is null ? RulesFor(input) : WfCommonsShapes.Rules).Value!;
        var pricing = SimulatorWorkloads.Pricing;

        Lap();
        using (JsonDocument.Parse(text))
        {
        }

        row["baseline ms"] = F(Lap());
        var trace = Ok(TraceReader.Read(text, input));
        var yaml = Ok(ScenarioImporter.Import(trace, input, rules, null, null));
        row["import ms"] = F(Lap());
        var scenario = Ok(ScenarioLoader.Load(yaml, "bench.yaml", pricing));
        row["validate ms"] = F(Lap());
        row["tasks"] = scenario.Nodes.Count.ToString(CultureInfo.InvariantCulture);
        row["edges"] = scenario.Edges.Count.ToString(CultureInfo.InvariantCulture);

        var costModel = new CostModel(WorkflowGraph.Build(scenario), pricing);
        var problem = PlanningProblem.Build(costModel, new NetworkModel(pricing));
        var options = new SolveOptions(PlanningObjective.Cost, planLimit, 0);
        var solver = SolverCatalog.Auto(problem, options);
        var plan = Planner.Solve(problem, solver, options);
        row["plan ms"] = F(Lap());
        row["gap %"] = plan.Solver.Gap is { } g ? (g * 100).ToString("0.000", CultureInfo.InvariantCulture) : "none";
        row["solver"] = solver.Name;

        var links = new NetworkLinkTable(new NetworkModel(pricing));
        var replay = LoadPathBench.Replay(trace, scenario);
        Lap();
        var model = SimulationModel.Build(costModel, plan.Assignment, links, SimulationOptions.Exact, replay);
        Simulator.Run(model, new SeededRandomSource(1));
        row["1 sim ms"] = F(Lap());

        var noisy = SimulationModel.Build(costModel, plan.Assignment, links, SimulationOptions.Exact with { Runtime = new Variation(0.2) }, replay);
        var events = Simulator.CountEvents(noisy, new SeededRandomSource(1));
        Lap();
        var count = 0L;
        var runs = 0;
        while (runs < 3 || watch.Elapsed.TotalSeconds < 1)
        {
            count += Simulator.CountEvents(noisy, new SeededRandomSource(runs++));
        }

        row["Mevents/s"] = (count / watch.Elapsed.TotalSeconds / 1e6).ToString("0.00", CultureInfo.InvariantCulture);
        _ = events;

        // Replicas: 1,000, fewer where one takes long (the count is printed beside the time; never extrapolated).
        var oneSecond = watch.Elapsed.TotalSeconds / runs;
        var r = Math.Max(10, Math.Min(replicas, (int)(replicaBudget / Math.Max(oneSecond, 1e-6))));
        Lap();
        MonteCarloRunner.Run(noisy, r, 1);
        row["replicas s"] = (Lap() / 1000).ToString("0.00", CultureInfo.InvariantCulture);
        row["replicas"] = r.ToString(CultureInfo.InvariantCulture);
        return row;
    }

    /// <summary>Task-type rules for a real trace: its most frequent type may run on two clouds, the rest on one.</summary>
    private static string[] RulesFor(string path)
    {
        var trace = Ok(TraceReader.Read(File.ReadAllText(path), path));
        var top = trace.Tasks.GroupBy(t => t.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        return [$"{top}=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1", "*=vm@aws/us-east-1"];
    }

    private static double PeakMib()
    {
        var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
        var hwm = status.FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return hwm is null ? double.NaN : double.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static T Ok<T>(LoadResult<T> result) where T : class => result.Ok ? result.Value! : throw new InputException(result.Problems);
}
