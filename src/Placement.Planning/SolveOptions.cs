namespace Placement.Planning;

/// <summary>What to minimise.</summary>
public enum PlanningObjective
{
    /// <summary>Total cost in USD (cost-model.md).</summary>
    Cost,

    /// <summary>Estimated makespan in hours (critical path, unlimited capacity).</summary>
    Time,
}

/// <summary>Options every solver honours. Validated once at the edge.</summary>
/// <param name="Objective">What to minimise.</param>
/// <param name="TimeLimitSeconds">Wall-clock limit passed to the engine; null means none.</param>
/// <param name="RelativeGap">Stop when the proven relative gap falls below this (0 = prove optimality).</param>
public sealed record SolveOptions(PlanningObjective Objective = PlanningObjective.Cost, double? TimeLimitSeconds = null, double RelativeGap = 0)
{
    /// <summary>Defaults: minimise cost, no time limit, prove optimality.</summary>
    public static SolveOptions Default { get; } = new();

    /// <summary>The engine for the MILP's branch and bound behind its LP stage (<c>plan --engine</c>); auto by default.</summary>
    public BranchAndBoundEngine Engine { get; init; } = BranchAndBoundEngine.Auto;

    /// <summary>Where the solve publishes its best feasible plan and bound as it goes (for a caller with a deadline); null: nowhere.</summary>
    public IncumbentLog? Incumbents { get; init; }
}
