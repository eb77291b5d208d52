using Placement.Core.Model;

namespace Placement.Core.Costing;

/// <summary>
/// One way to run a node: a location and an offering there (VM SKU, service name or LLM model).
/// Ordered by location then offering, so candidate lists are deterministic.
/// </summary>
public sealed record Candidate(Location Location, string Offering) : IComparable<Candidate>
{
    /// <inheritdoc />
    public int CompareTo(Candidate? other) =>
        other is null ? 1 : Location.CompareTo(other.Location) is var c && c != 0 ? c : string.CompareOrdinal(Offering, other.Offering);

    /// <summary>Text form <c>provider/region:offering</c>, as accepted by <c>--assign</c>.</summary>
    public override string ToString() => $"{Location}:{Offering}";
}
