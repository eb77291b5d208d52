using Placement.Core.Costing;

namespace Placement.Core.Plans;

/// <summary>
/// The hand-off between planner, simulator and executors: which candidate each node runs on, the cost the
/// model gives that placement (homes, transfers, lines, totals), and who made it. The scenario is named
/// and identified by its content hash so a plan is never applied to another scenario by mistake.
/// </summary>
public sealed record Plan(
    string ScenarioName,
    string ScenarioHash,
    IReadOnlyDictionary<string, Candidate> Assignment,
    PlanCost Cost,
    SolverReport Solver)
{
    /// <summary>Prices an assignment with the cost model and wraps it as a plan.</summary>
    public static Plan Create(CostModel model, IReadOnlyDictionary<string, Candidate> assignment, SolverReport solver)
    {
        var cost = model.Evaluate(assignment);
        var ordered = model.Graph.Scenario.Nodes.ToDictionary(n => n.Name, n => assignment[n.Name], StringComparer.Ordinal);
        return new Plan(model.Graph.Scenario.Name, model.Graph.Scenario.ContentHash, ordered, cost, solver);
    }
}
