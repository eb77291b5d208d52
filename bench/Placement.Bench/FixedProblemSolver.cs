using Placement.Planning;

namespace Placement.Bench;

/// <summary>
/// Runs a solver on another problem than the one it is handed (the same scenario priced differently), so the
/// benchmark can time both through one loop. Its outcome's choice indexes that other problem, which has the same
/// nodes and candidates; costs printed for it are the tiered problem's bill of the same choice.
/// </summary>
internal sealed class FixedProblemSolver(ISolver inner, PlanningProblem problem) : ISolver
{
    public string Name => inner.Name;

    public bool IsExact => inner.IsExact;

    public bool Applies(PlanningProblem ignored, SolveOptions options) => inner.Applies(problem, options);

    public SolverOutcome Solve(PlanningProblem ignored, SolveOptions options) => inner.Solve(problem, options);
}
