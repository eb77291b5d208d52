using System.CommandLine;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Data;
using Placement.Planning;
using Placement.Reports;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement report PLAN.json SCENARIO [--simulate N] [--runtime-cv CV] [--seed S] [--trace RUN_TRACE] [--pareto] --out REPORT.html</c>:
/// writes one self-contained HTML page (inline SVG, no script, no network) with the placement map, cost breakdown,
/// baselines and savings, explanations, optionally the cost/makespan frontier, the Monte Carlo distributions and
/// Gantt of a simulation, and the Gantt and predicted-vs-measured figures of a measured run.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Time limit of the pairwise ILP baseline, in seconds (as in <c>placement plan</c>).</summary>
    private const double BaselineSeconds = 10;

    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var planArg = new Argument<string>("plan") { Description = "Plan JSON file" };
        var scenarioArg = new Argument<string>("scenario") { Description = "Scenario YAML file the plan was made for" };
        var output = new Option<string>("--out", "-o") { Description = "Write the HTML report here", Required = true };
        var simulate = NumberOptions.OptionalInt("--simulate", "Simulate the plan N times (Monte Carlo) and add distributions and a Gantt", 1, SimulationOptionsCli.MaxReplicas);
        var runtimeCv = NumberOptions.Double("--runtime-cv", "With --simulate: coefficient of variation of runtimes (0 replays the estimates exactly)", 0, SimulationOptionsCli.MaxCv, 0);
        var seed = NumberOptions.Int("--seed", "With --simulate: master seed", int.MinValue, int.MaxValue, () => 1);
        var trace = new Option<string?>("--trace") { Description = "A measured run's trace.json (placement-trace/1): adds its Gantt and predicted-vs-measured figures" };
        var pareto = new Option<bool>("--pareto") { Description = "Add the cost/makespan frontier (every non-dominated plan, up to 20)" };
        var command = new Command("report", "Write a self-contained HTML report of a plan (map, costs, baselines, explanations, frontier, simulation, measured run).");
        command.Arguments.Add(planArg);
        command.Arguments.Add(scenarioArg);
        foreach (var o in new Option[] { output, simulate, runtimeCv, seed, trace, pareto })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            // Numbers were checked while parsing; the output path is checked before any work.
            var replicas = parse.GetValue(simulate);
            var cv = parse.GetValue(runtimeCv);
            var scenarioPath = parse.GetRequiredValue(scenarioArg);
            var outputs = new OutputFiles(scenarioPath, parse.GetRequiredValue(planArg), parse.GetValue(trace));
            var outPath = outputs.File("--out", parse.GetRequiredValue(output));
            outputs.ThrowIfBad();
            var (catalog, scenario) = CommandSupport.Load(scenarioPath, parse.GetValue(pricing), console);
            var model = new CostModel(WorkflowGraph.Build(scenario), catalog);
            var planPath = parse.GetRequiredValue(planArg);
            var plan = Workspace.LoadPlan(planPath, model);
            var measured = parse.GetValue(trace) is { } tracePath ? Measured(tracePath) : null;

            var problem = PlanCommand.Build(model, scenarioPath);
            var options = new SolveOptions(PlanningObjective.Cost, BaselineSeconds, 0);
            var baselines = ReportAnalysis.Baselines(problem, options);
            var explanations = Explainer.Explain(problem, plan);
            var frontier = parse.GetValue(pareto) ? ReportAnalysis.Frontier(problem, plan, ParetoFrontier.Compute(problem, options with { TimeLimitSeconds = null })) : [];

            SimulatedRun? simulated = null;
            if (replicas is { } n)
            {
                var settings = new SimulationOptionsCli.Settings(SimulationOptions.Exact with { Runtime = new Variation(cv) },
                    new NetworkLinkTable(new NetworkModel(catalog)), n, parse.GetValue(seed), null, null, false);
                var compiled = SimulationOptionsCli.Compile(model, plan, planPath, settings);
                var summary = MonteCarloRunner.Run(compiled, n, settings.Seed);
                var lanes = plan.Assignment.ToDictionary(p => p.Key, p => p.Value.Location.ToString(), StringComparer.Ordinal);
                simulated = new SimulatedRun(summary, GanttBars.FromSimulation(summary.First, lanes));
            }

            outputs.Write("--out", outPath!, HtmlReport.Write(new ReportContent(plan, baselines, explanations, frontier, simulated, measured)));
            console.Line($"Report of {Path.GetFileName(planPath)} (total {CostReport(plan.Cost.Totals.TotalUsd)} USD) written to {outPath}");
            return 0;
        });
        return command;
    }

    private static MeasuredRun Measured(string path)
    {
        return MeasuredRun.From(SimulationOptionsCli.LoadTrace(path), Path.GetFileName(path));
    }

    private static string CostReport(decimal usd) => usd.ToString("0.00", CultureInfo.InvariantCulture);
}
