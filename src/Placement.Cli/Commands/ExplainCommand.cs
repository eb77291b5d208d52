using System.CommandLine;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Data;
using Placement.Data.Reports;
using Placement.Planning;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement explain PLAN.json SCENARIO</c>: for each node, the chosen candidate, the best alternative and
/// what switching would cost (compute, egress and storage deltas), and the constraint that forced the choice.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var planFile = new Argument<string>("plan") { Description = "Plan JSON file (from placement plan --out)" };
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file the plan was made for" };
        var command = new Command("explain", "Explain a plan node by node: best alternative, cost deltas, forcing constraint.");
        command.Arguments.Add(planFile);
        command.Arguments.Add(scenario);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(scenario);
            var (catalog, s) = CommandSupport.Load(path, parse.GetValue(pricing), console);
            var model = new CostModel(WorkflowGraph.Build(s), catalog);
            var plan = Workspace.LoadPlan(parse.GetRequiredValue(planFile), model);
            var problem = PlanCommand.Build(model, path);
            console.Heading($"Explanation of the plan for scenario {plan.ScenarioName}: total ${CostReport.Usd(plan.Cost.Totals.TotalUsd)}");
            PlanCommand.PrintExplanation(console, Explainer.Explain(problem, plan));
            return 0;
        });
        return command;
    }
}
