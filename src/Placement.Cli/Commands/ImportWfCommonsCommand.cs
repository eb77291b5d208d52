using System.CommandLine;
using Placement.Cli.Progress;
using Placement.Core.Model;
using Placement.Data;
using Placement.Traces.Import;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement import-wfcommons TRACE.json --map TASK_PATTERN=NODE_TEMPLATE... --out SCENARIO.yaml [--data-home LOC] [--name NAME]</c>:
/// turns a WfCommons trace into a scenario (one node per task, runtimes and bytes from the trace, task types
/// grouped into endpoint kinds by the first matching rule). The scenario is checked against the pricing data
/// before it is written, so what lands on disk passes <c>placement validate</c>.
/// </summary>
internal static class ImportWfCommonsCommand
{
    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var trace = new Argument<string>("trace") { Description = "WfCommons trace (WfFormat 1.3, 1.4, 1.5 or 1.6)" };
        var map = new Option<string[]>("--map") { Description = "TASK_PATTERN=KIND[:NAME[|NAME...]][@LOCATION,...], first match wins; e.g. 'bwa*=vm:m5.2xlarge@aws/us-east-1,gcp/us-west1'", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Scenario YAML file to write", Required = true };
        var dataHome = new Option<string?>("--data-home") { Description = "Location of the trace's input files (default: the first exact location of the rules)" };
        var name = new Option<string?>("--name") { Description = "Scenario name (default: the trace's name)" };
        var command = new Command("import-wfcommons", "Turn a WfCommons trace into a scenario the planner can solve.");
        command.Arguments.Add(trace);
        command.Options.Add(map);
        command.Options.Add(output);
        command.Options.Add(dataHome);
        command.Options.Add(name);
        command.SetAction(parse =>
        {
            var tracePath = parse.GetRequiredValue(trace);
            var outPath = parse.GetRequiredValue(output);
            var rules = TaskMapping.Parse(parse.GetValue(map) ?? []);
            Location? home = null;
            var homeText = parse.GetValue(dataHome);
            var problems = rules.Problems.ToList();
            var outputs = new OutputFiles(tracePath);
            outPath = outputs.File("--out", outPath)!;
            if (homeText is not null)
            {
                if (Location.TryParse(homeText, out var h))
                {
                    home = h;
                }
                else
                {
                    problems.Add(new Problem("command line", 0, 0, "--data-home", $"'{homeText}' is not a location", "write provider/region"));
                }
            }

            outputs.ThrowIfBad(problems);

            CliProgress.Report("import-wfcommons", $"reading {Path.GetFileName(tracePath)}");
            var loaded = SimulationOptionsCli.LoadTrace(tracePath);
            CliProgress.Report("import-wfcommons", $"importing {loaded.Tasks.Count} tasks");
            var result = ScenarioImporter.Import(loaded, tracePath, rules.Value!, parse.GetValue(name), home);
            if (!result.Ok)
            {
                throw new InputException(result.Problems);
            }

            // Check the text exactly as the loader will read it, before anything is written.
            CliProgress.Report("import-wfcommons", "checking the scenario against the pricing data");
            var catalog = Workspace.LoadPricing(Workspace.FindPricingFolder(parse.GetValue(pricing), null));
            var check = Placement.Data.Scenarios.ScenarioLoader.Load(result.Value!, outPath, catalog);
            if (!check.Ok)
            {
                throw new InputException(check.Problems);
            }

            outputs.Write("--out", outPath, result.Value!);
            var s = check.Value!;
            console.Success($"{outPath}: scenario {s.Name} with {s.Nodes.Count} nodes, {s.Datasets.Count} datasets, {s.Edges.Count} edges from {Path.GetFileName(tracePath)} (WfFormat {loaded.SchemaVersion}).");
            return 0;
        });
        return command;
    }
}
