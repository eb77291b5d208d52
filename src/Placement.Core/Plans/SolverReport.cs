namespace Placement.Core.Plans;

/// <summary>
/// Who made a plan and how good it is known to be. A hand-written plan has <see cref="Empty"/>.
/// </summary>
/// <param name="Name">Solver name (e.g. <c>milp-cbc</c>, <c>dag-dp</c>, <c>baseline-single-location</c>); empty for hand-written.</param>
/// <param name="Status">Outcome, e.g. <c>optimal</c>, <c>feasible</c>, <c>time-limit</c>; empty for hand-written.</param>
/// <param name="ObjectiveUsd">Objective value the solver reported, in USD.</param>
/// <param name="LowerBoundUsd">Proven lower bound on the optimum, in USD; null when none was proven.</param>
/// <param name="Gap">Relative gap (objective - bound) / objective; 0 when proven optimal.</param>
/// <param name="Seconds">Solve time in seconds, measured at the edge (the core has no clock).</param>
/// <param name="Notes">Free-form facts (options used, model size).</param>
public sealed record SolverReport(
    string Name,
    string Status,
    decimal? ObjectiveUsd,
    decimal? LowerBoundUsd,
    double? Gap,
    double? Seconds,
    IReadOnlyDictionary<string, string> Notes)
{
    /// <summary>The report of a hand-written plan.</summary>
    public static SolverReport Empty { get; } = new("", "", null, null, null, null, new Dictionary<string, string>());

    /// <summary>True for a hand-written plan.</summary>
    public bool IsEmpty => Name.Length == 0;
}
