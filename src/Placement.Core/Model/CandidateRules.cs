namespace Placement.Core.Model;

/// <summary>
/// Narrows where a node may run: it must match at least one <see cref="Allow"/> pattern (when any are
/// given), no <see cref="Deny"/> pattern, and equal <see cref="Pin"/> when pinned.
/// </summary>
public sealed record CandidateRules(IReadOnlyList<LocationPattern> Allow, IReadOnlyList<LocationPattern> Deny, Location? Pin)
{
    /// <summary>No restriction.</summary>
    public static CandidateRules Any { get; } = new([], [], null);

    /// <summary>True when the location passes these rules.</summary>
    public bool Admits(Location location) =>
        (Pin is null || Pin.Value == location)
        && (Allow.Count == 0 || Allow.Any(p => p.Matches(location)))
        && !Deny.Any(p => p.Matches(location));
}
