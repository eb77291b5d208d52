using Placement.Core.Costing;

namespace Placement.Planning;

/// <summary>
/// Why a node runs where it does: its candidate, the cheapest feasible alternative with the other nodes
/// kept in place, what switching would change (USD, positive = the switch costs more), and the constraint
/// that forced the choice, if any.
/// </summary>
/// <param name="Node">Node name.</param>
/// <param name="Chosen">The plan's candidate.</param>
/// <param name="Alternative">Cheapest feasible alternative; null when the node has no other candidate.</param>
/// <param name="ComputeDeltaUsd">Change in compute + services + LLM cost when switching.</param>
/// <param name="EgressDeltaUsd">Change in egress cost when switching.</param>
/// <param name="StorageDeltaUsd">Change in storage cost when switching.</param>
/// <param name="ForcedBy">The rule that forced the choice (pin, residency, colocate, ...), or null when the choice is the cheapest.</param>
public sealed record NodeExplanation(
    string Node,
    Candidate Chosen,
    Candidate? Alternative,
    decimal? ComputeDeltaUsd,
    decimal? EgressDeltaUsd,
    decimal? StorageDeltaUsd,
    string? ForcedBy)
{
    /// <summary>Total change when switching to the alternative.</summary>
    public decimal? TotalDeltaUsd => ComputeDeltaUsd + EgressDeltaUsd + StorageDeltaUsd;
}
