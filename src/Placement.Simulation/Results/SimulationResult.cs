using Placement.Core.Costing;

namespace Placement.Simulation.Results;

/// <summary>
/// What one simulated run gives: whether every node finished, when the last event happened, the cost lines
/// of the cost model computed from simulated actuals, egress, per-location utilisation and queue waits, the
/// critical path, and per-node and per-move outcomes.
/// </summary>
/// <param name="Seed">Seed of the random source used.</param>
/// <param name="Completed">True when every node finished (no node exhausted its attempts).</param>
/// <param name="MakespanSeconds">Simulated seconds from start to the last event (last byte stored).</param>
/// <param name="Cost">Cost totals by component from simulated actuals (USD).</param>
/// <param name="EgressBytes">Bytes moved between locations.</param>
/// <param name="Locations">Utilisation and queueing per location, ordered by location.</param>
/// <param name="CriticalPath">The chain of tasks and transfers that ended last, from the first to the last.</param>
/// <param name="Nodes">Per node, in scenario order.</param>
/// <param name="Transfers">Per move that happened, in the cost model's order.</param>
/// <param name="EventCount">Events processed (stale link wake-ups excluded).</param>
public sealed record SimulationResult(
    int Seed,
    bool Completed,
    double MakespanSeconds,
    CostTotals Cost,
    long EgressBytes,
    IReadOnlyList<LocationStats> Locations,
    IReadOnlyList<CriticalStep> CriticalPath,
    IReadOnlyList<NodeOutcome> Nodes,
    IReadOnlyList<TransferOutcome> Transfers,
    long EventCount)
{
    /// <summary>Every cost line from simulated actuals (same shapes as the cost model's); null unless requested.</summary>
    public PlanCost? CostLines { get; init; }

    /// <summary>Size of each dataset in this replica, bytes.</summary>
    public IReadOnlyDictionary<string, long> DatasetBytes { get; init; } = new Dictionary<string, long>();

    /// <summary>Egress in GB (10^9 bytes).</summary>
    public double EgressGb => EgressBytes / 1e9;

    /// <summary>Makespan in hours.</summary>
    public double MakespanHours => MakespanSeconds / 3600.0;
}
