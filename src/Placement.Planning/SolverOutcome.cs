namespace Placement.Planning;

/// <summary>What a solver returns, in its own terms (for cost: the billed objective <see cref="PlanningProblem.BilledCostUsd"/>).</summary>
/// <param name="Choice">Candidate index per node (topological order), or null when no plan was found.</param>
/// <param name="Status"><c>optimal</c> (for the bill), <c>within-gap</c>, <c>feasible</c>, <c>time-limit</c>, <c>infeasible</c>, <c>heuristic</c> or <c>baseline</c> (a baseline solved to optimality in its own model).</param>
/// <param name="ObjectiveValue">The solver's objective for the choice (USD, or hours for the time objective).</param>
/// <param name="LowerBound">Proven lower bound on the optimum in the same unit (for cost: on the billed optimum); null when none.</param>
/// <param name="Notes">Model size and other facts.</param>
public sealed record SolverOutcome(int[]? Choice, string Status, double? ObjectiveValue, double? LowerBound, IReadOnlyDictionary<string, string> Notes)
{
    /// <summary>No plan satisfies the constraints.</summary>
    public static SolverOutcome Infeasible(IReadOnlyDictionary<string, string>? notes = null) =>
        new(null, "infeasible", null, null, notes ?? new Dictionary<string, string>());
}
