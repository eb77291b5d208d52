using Placement.Core.Costing;
using Placement.Simulation.Costing;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Events;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Engine;

/// <summary>
/// Assembles what a finished replica gives: the full <see cref="SimulationResult"/> (cost, transfers, locations, nodes
/// and datasets, copied out of the reused state), or only the few numbers a Monte Carlo summary keeps.
/// </summary>
internal sealed partial class Replica
{
    private decimal[]? meters;

    /// <summary>The numbers Monte Carlo keeps: no per-node or per-move objects.</summary>
    public ReplicaSummary Summary(int replica, int seed)
    {
        var (cost, _) = Cost(withCostLines: false);
        long egress = 0;
        for (var k = 0; k < moveEnd.Length; k++)
        {
            if (!double.IsNaN(moveEnd[k]))
            {
                egress = checked(egress + moveBytes[k]);
            }
        }

        return new ReplicaSummary(replica, seed, Completed(), queue.Now, cost, egress, Events);
    }

    public SimulationResult Result(int seed, bool withCostLines)
    {
        var makespan = queue.Now;
        var completed = Completed();
        var (cost, lines) = Cost(withCostLines);
        long egress = 0;
        var transfers = new List<TransferOutcome>();
        for (var k = 0; k < m.MoveCount; k++)
        {
            if (double.IsNaN(moveEnd[k]))
            {
                continue;
            }

            egress = checked(egress + moveBytes[k]);
            var (data, from, to, routeBack) = m.Move(k);
            transfers.Add(new TransferOutcome(data, from, to, moveBytes[k], moveStart[k], moveEnd[k], routeBack));
        }

        var locations = new List<LocationStats>(m.LocationArray.Length);
        for (var l = 0; l < m.LocationArray.Length; l++)
        {
            int? slots = m.LocationSlots[l] >= 0 ? m.LocationSlots[l] : null;
            double? utilisation = slots is { } s && makespan > 0 ? Math.Min(1.0, busy[l] / (s * makespan)) : null;
            locations.Add(new LocationStats(m.LocationArray[l], slots, started[l], busy[l], peak[l], utilisation, waitTotal[l], waitMax[l]));
        }

        var nodes = new List<NodeOutcome>(m.NodeCount);
        for (var i = 0; i < m.NodeCount; i++)
        {
            nodes.Add(new NodeOutcome(m.NodeName(i), readyAt[i], startAt[i], endAt[i], attempts[i], succeeded[i], billedHours[i], ItemBytes(i)));
        }

        var datasets = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var item = m.NodeCount; item < m.ItemCount; item++)
        {
            datasets[m.ItemName(item)] = ItemBytes(item);
        }

        return new SimulationResult(seed, completed, makespan, cost, egress, locations, CriticalPath(), nodes, transfers, Events)
        {
            CostLines = lines,
            DatasetBytes = datasets,
        };
    }

    private bool Completed()
    {
        if (abandoned)
        {
            return false;
        }

        foreach (var s in succeeded)
        {
            if (!s)
            {
                return false;
            }
        }

        return true;
    }

    private (CostTotals Totals, PlanCost? Lines) Cost(bool withCostLines) =>
        SimulatedCost.Compute(m, attempts, billedHours, storedAt, moveBytes, moveEnd, itemFactor, meters ??= new decimal[m.MeterCount], withCostLines);

    private long ItemBytes(int item)
    {
        var f = itemFactor[item];
        return ScaledBytes.Of(m.ItemBaseBytes[item], f, m);
    }
}
