using System.CommandLine;
using System.Globalization;
using Placement.Cli.Progress;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Data;
using Placement.Data.Reports;
using Placement.Simulation.Engine;
using Placement.Simulation.Events;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Randomness;
using Placement.Traces.Formats;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement simulate SCENARIO --plan PLAN.json [--trace TRACE] [--replicas N] [--seed S] [--events FILE]</c>:
/// runs the plan through the discrete-event simulator N times and prints makespan and cost distributions, per-location
/// utilisation and the critical path of the first replica; <c>--events</c> writes that replica's event log (JSON lines).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file" };
        var plan = new Option<string>("--plan") { Description = "Plan JSON file to simulate", Required = true };
        var events = new Option<string?>("--events") { Description = "Write the event log of replica 0 to FILE (JSON lines)" };
        var traceOut = new Option<string?>("--trace-out") { Description = "Write replica 0 as a placement-trace/1 trace to FILE (docs/trace-format.md)" };
        var ganttPng = new Option<string?>("--gantt-png") { Description = "Write the Gantt of replica 0 to FILE (PNG)" };
        var shared = new SimulationOptionsCli();
        var command = new Command("simulate", "Simulate a plan: network sharing, capacity queues, failures and variation; Monte Carlo summary.");
        command.Arguments.Add(scenario);
        command.Options.Add(plan);
        command.Options.Add(events);
        command.Options.Add(traceOut);
        command.Options.Add(ganttPng);
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(scenario);
            CliProgress.Report("simulate", $"loading {Path.GetFileName(path)}");
            var planPath = parse.GetRequiredValue(plan);
            var outputs = new OutputFiles(path, planPath, parse.GetValue(shared.Trace));
            var eventsPath = outputs.File("--events", parse.GetValue(events));
            var traceOutPath = outputs.File("--trace-out", parse.GetValue(traceOut));
            outputs.File("--gantt-png", parse.GetValue(ganttPng));
            outputs.ThrowIfBad();
            shared.StartReadingTrace(parse);
            var (catalog, s) = CommandSupport.Load(path, parse.GetValue(pricing), console);
            var costModel = new CostModel(WorkflowGraph.Build(s), catalog);
            StageTimings.Mark("graph and cost model");
            var (loaded, evaluation) = Workspace.LoadPlanEvaluated(planPath, costModel);
            StageTimings.Mark("plan loaded and priced");
            var settings = shared.Read(parse, catalog);
            StageTimings.Mark("options and trace read");
            var model = SimulationOptionsCli.Compile(costModel, loaded, planPath, settings, evaluation);
            StageTimings.Mark("simulation model compiled");
            CliProgress.Report("simulate", $"{settings.Replicas} replicas of {s.Nodes.Count} nodes on {Environment.ProcessorCount} cores");
            var summary = MonteCarloRunner.Run(model, settings.Replicas, settings.Seed);
            CliProgress.Report("simulate", $"{settings.Replicas} replicas done");
            StageTimings.Mark($"{settings.Replicas} replicas simulated");

            // Replica 0 again, with its event log and cost lines: the same seed gives the same run as in the summary.
            if (eventsPath is not null || traceOutPath is not null)
            {
                var seed = ReplicaSeeds.For(settings.Seed, 0);
                var log = new EventLogText(model);
                var first = Simulator.Run(model, new SeededRandomSource(seed), eventsPath is null ? null : log, seed, withCostLines: true);
                if (eventsPath is not null)
                {
                    outputs.Stage("--events", eventsPath, log.Text);
                }

                if (traceOutPath is not null)
                {
                    outputs.Stage("--trace-out", traceOutPath, TraceWriter.Write(SimulatedTrace.From(costModel.Graph, first)));
                }

                outputs.Commit();
            }

            if (parse.GetValue(ganttPng) is { } pngPath)
            {
                PictureFiles.Gantt(pngPath, loaded, summary.First, $"Simulated run of {s.Name} (replica 0)");
            }

            StageTimings.Mark("replica 0 outputs");
            console.Heading($"Simulation of {Path.GetFileName(planPath)} on scenario {s.Name}: {settings.Replicas} replicas, seed {settings.Seed}");
            console.Line(settings.TracePath is null
                ? "Runtimes and bytes: scenario estimates" + (settings.Options.IsDeterministic ? " (no randomness: every replica is identical)" : "")
                : $"Runtimes and bytes: replayed from {Path.GetFileName(settings.TracePath)}"
                  + (settings.Trace?.MakespanSeconds is { } recorded
                      ? $" (recorded makespan {DurationText.Format(recorded)}; --overhead auto fits the engine overhead to it)"
                      : ""));
            if (settings.OverheadAuto)
            {
                console.Line($"Engine overhead: {model.Options.EngineOverheadSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s per task, fitted so the replay (unlimited slots, instant transfers) matches the recorded makespan");
            }

            console.Line($"Planned cost (cost model): {CostReport.Usd(loaded.Cost.Totals.TotalUsd)} USD");
            console.Line();
            console.Line("Outcomes");
            console.Table(SimulationReport.Outcomes(summary));
            console.Line($"Completed runs: {(summary.CompletedShare * 100).ToString("0.0", CultureInfo.InvariantCulture)} %; events per run: {summary.Runs.Average(r => r.EventCount).ToString("0", CultureInfo.InvariantCulture)}");
            console.Line();
            console.Line("Locations (replica 0)");
            console.Table(SimulationReport.Locations(summary.First));
            console.Line();
            console.Line("Critical path (replica 0)");
            console.Table(SimulationReport.CriticalPath(summary.First));
            if (eventsPath is not null)
            {
                console.Line();
                console.Line($"Event log of replica 0 written to {eventsPath}");
            }

            if (traceOutPath is not null)
            {
                console.Line($"Trace of replica 0 written to {traceOutPath}");
            }

            return 0;
        });
        return command;
    }
}
