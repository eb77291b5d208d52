namespace Placement.Planning.Milp;

/// <summary>
/// Branch and bound over a <see cref="LinearModel"/>, after the LP stage: the same model, gap and wall-clock limit
/// for every engine, and a result in the same terms (objective and bound without the model's constant).
/// </summary>
internal interface IBranchAndBoundEngine
{
    /// <summary>The engine's command-line name (<c>cbc</c>, <c>scip</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Solves; <paramref name="timeLimitSeconds"/> counts wall time from this call (building the engine's model
    /// included); <paramref name="start"/> optionally gives integer columns of a feasible plan to start from.
    /// Throws <see cref="BranchAndBoundException"/> when the engine fails.
    /// </summary>
    MilpResult Solve(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start);
}
