using System.CommandLine;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Data;
using Placement.Data.Plans;
using Placement.Data.Reports;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement cost SCENARIO --assign NODE=LOCATION[:SKU]... | --plan PLAN.json [--csv FILE] [--json [FILE]]</c>:
/// prices a placement with the cost model and prints per-node lines, transfers, storage and totals.
/// </summary>
internal static class CostCommand
{
    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file" };
        var assign = new Option<string[]>("--assign", "-a")
        {
            Description = "NODE=LOCATION[:SKU]; without SKU the node's cheapest offering at that location is used",
            AllowMultipleArgumentsPerToken = true,
        };
        var plan = new Option<string?>("--plan") { Description = "Plan JSON file to price instead of --assign" };
        var csv = new Option<string?>("--csv") { Description = "Write the CSV cost report to FILE" };
        var json = new Option<string?>("--json") { Description = "Write the plan file to FILE (or print it instead of tables when no FILE)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("cost", "Price a placement: per-node lines, transfer lines, storage, totals.");
        command.Arguments.Add(scenario);
        command.Options.Add(assign);
        command.Options.Add(plan);
        command.Options.Add(csv);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(scenario);
            var planPath = parse.GetValue(plan);
            var outputs = new OutputFiles(path, planPath);
            var csvPath = outputs.File("--csv", parse.GetValue(csv));
            var jsonPath = outputs.File("--json", parse.GetValue(json));
            outputs.ThrowIfBad();
            var (catalog, s) = CommandSupport.Load(path, parse.GetValue(pricing), console);
            var model = new CostModel(WorkflowGraph.Build(s), catalog);
            var assignments = parse.GetValue(assign) ?? [];
            if ((assignments.Length == 0) == (planPath is null))
            {
                throw new InputException(new Problem("command line", 0, 0, "--assign/--plan", "give either --assign NODE=LOCATION[:SKU]... or --plan PLAN.json", "e.g. placement cost " + path + " --assign " + s.Nodes[0].Name + "=aws/us-east-1"));
            }

            var result = planPath is not null ? Workspace.LoadPlan(planPath, model) : FromAssignments(model, assignments);
            var jsonResult = parse.GetResult(json);

            // Everything is computed before anything is written, so bad input never leaves a partial file.
            if (csvPath is not null)
            {
                outputs.Stage("--csv", csvPath, CostReport.Csv(result));
            }

            if (jsonPath is not null)
            {
                outputs.Stage("--json", jsonPath, PlanJson.Write(result));
            }

            outputs.Commit();

            if (jsonResult is not null && jsonPath is null)
            {
                console.Out.Write(PlanJson.Write(result));
                return 0;
            }

            Print(console, result);
            if (csvPath is not null)
            {
                console.Line($"CSV cost report written to {csvPath}");
            }

            if (jsonPath is not null)
            {
                console.Line($"Plan written to {jsonPath}");
            }

            return 0;
        });
        return command;
    }

    public static void Print(CliConsole console, Plan plan)
    {
        var text = CostReport.Text(plan);
        var first = text.IndexOf('\n');
        console.Heading(text[..first]);
        console.Line();
        PrintLines(console, plan.Cost, "Nodes");
    }

    /// <summary>The node, transfer, storage and total tables of a plan's cost; commands that print a plan share it.</summary>
    public static void PrintLines(CliConsole console, PlanCost cost, string nodesTitle)
    {
        console.Line(nodesTitle);
        console.Table(CostReport.Nodes(cost));
        console.Line();
        console.Line("Transfers");
        if (cost.Transfers.Count == 0)
        {
            console.Line("(none: every consumer runs where its data lives)");
        }
        else
        {
            console.Table(CostReport.Transfers(cost));
        }

        console.Line();
        console.Line("Storage");
        console.Table(CostReport.Storage(cost));
        console.Line();
        console.Line("Totals");
        console.Table(CostReport.Totals(cost.Totals));
    }

    /// <summary>Parses <c>NODE=LOCATION[:SKU]</c> items into a priced plan; every bad item is reported.</summary>
    public static Plan FromAssignments(CostModel model, IReadOnlyList<string> items)
    {
        var problems = new List<Problem>();
        var assignment = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var scenario = model.Graph.Scenario;
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add(new Problem("command line", 0, 0, "--assign", $"'{item}' is not NODE=LOCATION[:SKU]", "e.g. --assign split=gcp/us-west1:n2-standard-8"));
                continue;
            }

            var node = item[..eq];
            var rest = item[(eq + 1)..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            var locText = colon < 0 ? rest : rest[..colon];
            var sku = colon < 0 ? null : rest[(colon + 1)..];
            if (!model.Graph.IsNode(node))
            {
                problems.Add(new Problem("command line", 0, 0, "--assign", $"'{node}' is not a node of scenario {scenario.Name}", $"nodes are {string.Join(", ", scenario.Nodes.Select(n => n.Name))}"));
                continue;
            }

            if (!Location.TryParse(locText, out var loc))
            {
                problems.Add(new Problem("command line", 0, 0, "--assign", $"'{locText}' is not a location", "write provider/region, e.g. aws/us-east-1"));
                continue;
            }

            var candidates = CandidateFinder.For(model.Graph.Node(node), scenario.Constraints, model.Pricing).Where(c => c.Location == loc).ToList();
            Candidate? choice = sku is null
                ? candidates.OrderBy(c => NodeRunPrice.TryPrice(model.Graph.Node(node), c, model.Pricing, out _)?.TotalUsd ?? decimal.MaxValue).ThenBy(c => c).FirstOrDefault()
                : candidates.FirstOrDefault(c => c.Offering == sku);
            if (choice is null)
            {
                var at = CandidateFinder.For(model.Graph.Node(node), scenario.Constraints, model.Pricing);
                var hint = candidates.Count > 0
                    ? $"at {loc} it can use {string.Join(", ", candidates.Select(c => c.Offering))}"
                    : $"its candidates are at {string.Join(", ", at.Select(c => c.Location.ToString()).Distinct().Take(10))}";
                problems.Add(new Problem("command line", 0, 0, "--assign", $"node {node} cannot run at {rest}", hint));
                continue;
            }

            if (!assignment.TryAdd(node, choice))
            {
                problems.Add(new Problem("command line", 0, 0, "--assign", $"node {node} is assigned twice", "assign each node once"));
            }
        }

        var unassigned = problems.Count == 0 ? scenario.Nodes.Where(n => !assignment.ContainsKey(n.Name)).ToList() : [];
        foreach (var n in unassigned)
        {
            problems.Add(new Problem("command line", 0, 0, "--assign", $"node {n.Name} is not assigned", $"add --assign {n.Name}=LOCATION"));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        try
        {
            return Plan.Create(model, assignment, Core.Plans.SolverReport.Empty);
        }
        catch (CostModelException e)
        {
            throw new InputException(e.Problems.Select(p => new Problem("command line", 0, 0, "--assign", p)).ToList());
        }
    }
}
