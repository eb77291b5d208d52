namespace Placement.Planning.Milp;

/// <summary>CBC (<see cref="CbcEngine"/>) behind <see cref="IBranchAndBoundEngine"/>: the planner's original engine.</summary>
internal sealed class CbcBranchAndBound : IBranchAndBoundEngine
{
    /// <summary>The one instance (CBC keeps process-wide state anyway; see <see cref="CbcEngine.Gate"/>).</summary>
    public static CbcBranchAndBound Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "cbc";

    /// <inheritdoc />
    public MilpResult Solve(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start) =>
        CbcEngine.Solve(lp, timeLimitSeconds, relativeGap, start);
}
