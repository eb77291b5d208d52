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
    public static Plan Create(CostModel model, IReadOnlyDictionary<string, Candidate> assignment, SolverReport solver) =>
        CreateEvaluated(model, assignment, solver).Plan;

    /// <summary>
    /// As <see cref="Create"/>, also returning the evaluation the cost came from (homes and moves), which the
    /// simulator compiles the plan from: one evaluation for both instead of two.
    /// </summary>
    public static (Plan Plan, PlanEvaluation Evaluation) CreateEvaluated(CostModel model, IReadOnlyDictionary<string, Candidate> assignment, SolverReport solver)
    {
        var evaluation = model.EvaluateWithMoves(assignment);
        var ordered = model.Graph.Scenario.Nodes.ToDictionary(n => n.Name, n => assignment[n.Name], StringComparer.Ordinal);
        return (new Plan(model.Graph.Scenario.Name, model.Graph.Scenario.ContentHash, ordered, evaluation.Cost, solver), evaluation);
    }
}
