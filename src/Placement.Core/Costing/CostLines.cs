using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Core.Costing;

/// <summary>A node's placement and its run cost (USD, rounded to micro-dollars).</summary>
/// <param name="Node">Node name.</param>
/// <param name="Location">Where it runs.</param>
/// <param name="Offering">VM SKU, service or model it runs on.</param>
/// <param name="StorageHome">Where its output is stored (co-located storage rules).</param>
/// <param name="ComputeUsd">VM cost.</param>
/// <param name="ServicesUsd">Managed service cost.</param>
/// <param name="LlmUsd">LLM token cost.</param>
/// <param name="RuntimeHours">Runtime estimate used for VM nodes; null for others.</param>
/// <param name="Basis">The arithmetic behind the amount, for reports.</param>
public sealed record NodeCostLine(
    string Node,
    Location Location,
    string Offering,
    Location StorageHome,
    decimal ComputeUsd,
    decimal ServicesUsd,
    decimal LlmUsd,
    decimal? RuntimeHours,
    string Basis);

/// <summary>
/// One direct move of a data item from its source to a destination location, paid once however many
/// consumers there read it (fan-out dedupe). <see cref="Bytes"/> is the union of what they read: the largest
/// read of an undivided item, each part read once for an item with parts.
/// </summary>
/// <param name="Data">Data item (node output or dataset name).</param>
/// <param name="From">Source location (the item's home, or the producing API's location for a route-back).</param>
/// <param name="To">Destination location.</param>
/// <param name="Bytes">Bytes moved.</param>
/// <param name="Rule">Which egress precedence rule priced it.</param>
/// <param name="UsdPerUnit">First-tier rate applied, in USD per <paramref name="Unit"/>.</param>
/// <param name="Unit">GB or GiB.</param>
/// <param name="Usd">Cost in USD (marginal volume tiers applied).</param>
/// <param name="Consumers">Nodes at the destination that read it; empty for a route-back.</param>
/// <param name="IsRouteBack">True for the output of a node without storage travelling to its home.</param>
public sealed record TransferLine(
    string Data,
    Location From,
    Location To,
    long Bytes,
    EgressRule Rule,
    decimal UsdPerUnit,
    DataUnit Unit,
    decimal Usd,
    IReadOnlyList<string> Consumers,
    bool IsRouteBack);

/// <summary>Whether a stored copy is a data item's home copy or a staged copy at a consumer's bucket.</summary>
public enum StorageCopy
{
    /// <summary>The copy at the item's home.</summary>
    Home,

    /// <summary>A copy staged at a consumer's bucket after a transfer.</summary>
    Staged,
}

/// <summary>A stored copy: bytes x $/unit-month x retention months.</summary>
public sealed record StorageLine(string Data, Location Location, long Bytes, StorageCopy Copy, decimal UsdPerUnitMonth, DataUnit Unit, decimal Months, decimal Usd);

/// <summary>Cost totals by component in USD; <see cref="TotalUsd"/> is their exact sum.</summary>
public sealed record CostTotals(decimal ComputeUsd, decimal ServicesUsd, decimal LlmUsd, decimal EgressUsd, decimal StorageUsd)
{
    /// <summary>Compute + services + LLM + egress + storage.</summary>
    public decimal TotalUsd => ComputeUsd + ServicesUsd + LlmUsd + EgressUsd + StorageUsd;
}

/// <summary>The full cost of a placement: one line per node, transfer and stored copy, and the totals.</summary>
public sealed record PlanCost(
    IReadOnlyList<NodeCostLine> Nodes,
    IReadOnlyList<TransferLine> Transfers,
    IReadOnlyList<StorageLine> Storage,
    CostTotals Totals)
{
    /// <summary>Bytes moved across locations, summed over transfers.</summary>
    public long EgressBytes => Transfers.Sum(t => t.Bytes);
}
