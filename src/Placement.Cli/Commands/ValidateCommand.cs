using System.CommandLine;
using Placement.Core.Costing;

namespace Placement.Cli.Commands;

/// <summary><c>placement validate SCENARIO</c>: checks a scenario against the pricing data and lists every problem.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file" };
        var command = new Command("validate", "Check a scenario: every problem at once, each with file, line and field (exit code 2).");
        command.Arguments.Add(scenario);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(scenario);
            var (catalog, s, warnings) = CommandSupport.LoadCounting(path, parse.GetValue(pricing), console);
            var candidates = s.Nodes.Sum(n => CandidateFinder.For(n, s.Constraints, catalog).Count);
            var note = warnings > 0 ? $" {warnings} warning(s) on standard error: values that are valid but probably mistakes." : "";
            console.Success($"{path}: OK. Scenario {s.Name}: {s.Nodes.Count} nodes, {s.Datasets.Count} datasets, {s.Edges.Count} edges, {candidates} candidates.{note}");
            return 0;
        });
        return command;
    }
}
