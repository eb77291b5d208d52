namespace Placement.Core.Model;

/// <summary>Scenario-wide constraints the planner honours on top of each node's candidate rules.</summary>
/// <param name="Allow">Every node must match one of these patterns (when any are given).</param>
/// <param name="Deny">No node may match any of these.</param>
/// <param name="Colocate">Groups of nodes that must share one location.</param>
/// <param name="AntiAffinity">Groups of nodes that must all be at different locations.</param>
/// <param name="MaxGpusPerLocation">GPU cap per location (GPUs summed over VM nodes placed there).</param>
/// <param name="DefaultMaxGpusPerLocation">Cap for locations not listed above; null means unlimited.</param>
/// <param name="BudgetUsd">Upper bound on the plan's total cost in USD; null means none.</param>
/// <param name="DeadlineHours">Upper bound on the estimated makespan in hours; null means none.</param>
public sealed record ScenarioConstraints(
    IReadOnlyList<LocationPattern> Allow,
    IReadOnlyList<LocationPattern> Deny,
    IReadOnlyList<IReadOnlyList<string>> Colocate,
    IReadOnlyList<IReadOnlyList<string>> AntiAffinity,
    IReadOnlyDictionary<Location, int> MaxGpusPerLocation,
    int? DefaultMaxGpusPerLocation,
    decimal? BudgetUsd,
    decimal? DeadlineHours)
{
    /// <summary>No constraints.</summary>
    public static ScenarioConstraints None { get; } = new([], [], [], [], new Dictionary<Location, int>(), null, null, null);

    /// <summary>True when the global allow/deny patterns admit the location.</summary>
    public bool Admits(Location location) =>
        (Allow.Count == 0 || Allow.Any(p => p.Matches(location))) && !Deny.Any(p => p.Matches(location));
}
