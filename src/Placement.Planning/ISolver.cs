namespace Placement.Planning;

/// <summary>
/// A placement solver: picks one candidate per node of a <see cref="PlanningProblem"/>. Implementations keep
/// their engine's types private; they never read files, the console or the clock (a time limit is passed
/// to the engine, which measures it itself).
/// </summary>
public interface ISolver
{
    /// <summary>Short name used in reports and on the command line, e.g. <c>milp</c>.</summary>
    string Name { get; }

    /// <summary>True when the solver proves optimality whenever it finishes within its limits.</summary>
    bool IsExact { get; }

    /// <summary>True when the solver can handle this problem (e.g. the tree DP needs a tree-shaped problem).</summary>
    bool Applies(PlanningProblem problem, SolveOptions options);

    /// <summary>Solves; returns the best choice found (null when none) with the solver's own figures.</summary>
    SolverOutcome Solve(PlanningProblem problem, SolveOptions options);
}
