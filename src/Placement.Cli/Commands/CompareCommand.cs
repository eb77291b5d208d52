using System.CommandLine;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Data;
using Placement.Simulation.MonteCarlo;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement compare SCENARIO --plans A.json B.json ... [--trace T] [--replicas N] [--csv FILE]</c>: simulates
/// each plan with the same settings and seeds and prints one row per plan (cost p50/p95, makespan p50/p95,
/// egress GB, mean cost per component); <c>--csv</c> writes the same rows as CSV.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file" };
        var plans = new Option<string[]>("--plans") { Description = "Plan JSON files to compare", Required = true, AllowMultipleArgumentsPerToken = true };
        var csv = new Option<string?>("--csv") { Description = "Write the comparison as CSV to FILE" };
        var shared = new SimulationOptionsCli();
        var command = new Command("compare", "Simulate several plans of one scenario under the same conditions and compare them side by side.");
        command.Arguments.Add(scenario);
        command.Options.Add(plans);
        command.Options.Add(csv);
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(scenario);
            var planPaths = parse.GetValue(plans) ?? [];
            var outputs = new OutputFiles([path, parse.GetValue(shared.Trace), .. planPaths]);
            var csvPath = outputs.File("--csv", parse.GetValue(csv));
            outputs.ThrowIfBad();
            var (catalog, s) = CommandSupport.Load(path, parse.GetValue(pricing), console);
            var costModel = new CostModel(WorkflowGraph.Build(s), catalog);
            var settings = shared.Read(parse, catalog);
            if (planPaths.Length == 0)
            {
                throw new InputException(new Problem("command line", 0, 0, "--plans", "give at least one plan file", "e.g. --plans a.json b.json"));
            }

            // Every plan is loaded and compiled before any is simulated, so one bad plan fails fast with all problems.
            var problems = new List<Problem>();
            var models = new List<(string Name, decimal Planned, Simulation.Setup.SimulationModel Model)>();
            foreach (var planPath in planPaths)
            {
                try
                {
                    var plan = Workspace.LoadPlan(planPath, costModel);
                    models.Add((Path.GetFileName(planPath), plan.Cost.Totals.TotalUsd, SimulationOptionsCli.Compile(costModel, plan, planPath, settings)));
                }
                catch (InputException e)
                {
                    problems.AddRange(e.Problems);
                }
            }

            if (problems.Count > 0)
            {
                throw new InputException(problems);
            }

            var rows = models.Select(m => (m.Name, m.Planned, MonteCarloRunner.Run(m.Model, settings.Replicas, settings.Seed))).ToList();
            if (csvPath is not null)
            {
                outputs.Write("--csv", csvPath, SimulationReport.CompareCsv(rows));
            }

            console.Heading($"Comparison of {rows.Count} plans on scenario {s.Name}: {settings.Replicas} replicas each, seed {settings.Seed}"
                + (settings.TracePath is null ? "" : $", replaying {Path.GetFileName(settings.TracePath)}"));
            console.Line("Costs in USD (component columns are means); makespan in the unit its header names; egress GB is the mean.");
            console.Table(SimulationReport.Compare(rows));
            if (csvPath is not null)
            {
                console.Line($"CSV written to {csvPath}");
            }

            return 0;
        });
        return command;
    }
}
