using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Data;
using Placement.Data.Plans;
using Placement.Data.Scenarios;
using Placement.Planning;
using Placement.Simulation.Engine;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using Placement.Traces.Formats;
using Placement.Traces.Import;
using Placement.Traces.Model;

namespace Placement.Bench;

/// <summary>
/// The load-path suite: a stopwatch breakdown of every stage the CLI's <c>validate</c>, <c>plan</c> and
/// <c>simulate</c> go through on one trace (import, pricing, scenario parse + validation, graph, cost model, planning
/// problem, solve, baselines, explanation, plan read/write, trace read, simulation model, one replay, Monte Carlo),
/// each stage timed cold (first call in the process: JIT included) and warm (best of three later calls).
/// A stage whose warm time grows faster than the task count is the non-linear part.
/// </summary>
internal static class LoadPathBench
{
    public static int Run(string[] args)
    {
        // A path, or shape:N for a generated WfCommons-shaped trace of about N tasks.
        var tracePath = args.Length > 0 ? args[0] : "/work/shared/data/wfinstances/bwa-chameleon-large-001.json";
        var replicas = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Console.WriteLine($"Load-path breakdown of {Path.GetFileName(tracePath)} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {load}");
        Console.WriteLine("stage                         cold ms    warm ms");
        foreach (var (stage, cold, warm) in Stages(tracePath, replicas, repeats))
        {
            Console.WriteLine($"{stage,-28} {cold,9:0.0} {warm,10:0.0}");
        }

        return 0;
    }

    /// <summary>Times each stage of the CLI's load path; cold is the first call, warm the best of three more.</summary>
    public static List<(string Stage, double ColdMs, double WarmMs)> Stages(string tracePath, int replicas, int repeats)
    {
        var rows = new List<(string, double, double)>();
        T Time<T>(string stage, Func<T> step)
        {
            var watch = Stopwatch.StartNew();
            var value = step();
            var cold = watch.Elapsed.TotalMilliseconds;
            var warm = double.MaxValue;
            for (var i = 0; i < repeats; i++)
            {
                watch.Restart();
                value = step();
                warm = Math.Min(warm, watch.Elapsed.TotalMilliseconds);
            }

            rows.Add((stage, cold, warm));
            return value;
        }

        var pricingFolder = Path.Combine(SimulatorWorkloads.Root, "pricing-data");
        var shape = tracePath.StartsWith("shape:", StringComparison.Ordinal) ? int.Parse(tracePath[6..], CultureInfo.InvariantCulture) : (int?)null;
        var traceText = Time(shape is null ? "read trace file" : "generate trace", () => shape is { } n ? WfCommonsShapes.Generate(n) : File.ReadAllText(tracePath));
        var trace = Time("trace parse (TraceReader)", () => Ok(TraceReader.Read(traceText, tracePath)));
        var rules = TaskMapping.Parse(shape is null ? ["bwa=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1", "*=vm@aws/us-east-1"] : WfCommonsShapes.Rules).Value!;
        var yaml = Time("import (ScenarioImporter)", () => Ok(ScenarioImporter.Import(trace, tracePath, rules, null, null)));
        var pricing = Time("pricing load", () => Workspace.LoadPricing(pricingFolder));
        Time("  of which YAML tree (YamlDotNet)", () =>
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count;
        });
        var scenario = Time("scenario load + validate", () => Ok(ScenarioLoader.Load(yaml, "bench.yaml", pricing)));
        var graph = Time("workflow graph", () => WorkflowGraph.Build(scenario));
        var costModel = Time("cost model", () => new CostModel(graph, pricing));
        var problem = Time("planning problem", () => PlanningProblem.Build(costModel, new NetworkModel(pricing)));
        var options = new SolveOptions(PlanningObjective.Cost, null, 0);
        var solver = Time("auto solver choice", () => SolverCatalog.Auto(problem, options));
        var plan = Time("solve + price (" + solver.Name + ")", () => Planner.Solve(problem, solver, options));
        Time("baselines", () => SolverCatalog.Baselines.Select(b => b.Solve(problem, options with { TimeLimitSeconds = 10 })).Count());
        Time("explanation" + (problem.Nodes.Count > 20_000 ? " (skipped)" : ""), () => problem.Nodes.Count > 20_000 ? 0 : Explainer.Explain(problem, plan).Count);
        var planText = Time("plan write (JSON)", () => PlanJson.Write(plan));
        var planFile = Time("plan read (JSON)", () => Ok(PlanJson.Read(planText, "bench.json")));
        var loadedPlan = Time("plan price (Plan.Create)", () => Core.Plans.Plan.Create(costModel, planFile.Assignment, planFile.Solver));
        var replay = Time("replay from trace", () => Replay(trace, scenario));
        var links = new NetworkLinkTable(new NetworkModel(pricing));
        var model = Time("simulation model", () => SimulationModel.Build(costModel, loadedPlan.Assignment, links, SimulationOptions.Exact, replay));
        Time("one replay", () => Simulator.Run(model, new SeededRandomSource(1)).MakespanSeconds);
        var noisy = SimulationOptions.Exact with { Runtime = new Variation(0.2) };
        var noisyModel = SimulationModel.Build(costModel, loadedPlan.Assignment, links, noisy, replay);
        Time($"{replicas} replicas (cv 0.2)", () => MonteCarloRunner.Run(noisyModel, replicas, 1).Runs.Count);
        return rows;
    }

    /// <summary>The CLI's replay: runtimes of the trace's tasks that are nodes, their output bytes, dataset sizes.</summary>
    public static WorkloadReplay Replay(Placement.Traces.Model.Trace trace, Scenario scenario)
    {
        var dag = TraceDag.Of(trace);
        var nodes = scenario.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var runtimes = trace.Tasks.Where(t => nodes.Contains(t.Id)).ToDictionary(t => t.Id, t => t.RuntimeSeconds, StringComparer.Ordinal);
        var bytes = runtimes.Keys.ToDictionary(k => k, k => dag.OutputBytes[k], StringComparer.Ordinal);
        foreach (var d in scenario.Datasets.Where(d => dag.FileBytes.ContainsKey(d.Name)))
        {
            bytes[d.Name] = dag.FileBytes[d.Name];
        }

        return new WorkloadReplay(runtimes, bytes);
    }

    private static T Ok<T>(LoadResult<T> result) where T : class => result.Ok ? result.Value! : throw new InputException(result.Problems);
}
