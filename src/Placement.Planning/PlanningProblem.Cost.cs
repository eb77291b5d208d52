namespace Placement.Planning;

/// <summary>The linear (first-tier) objective of a <see cref="PlanningProblem"/>: run cost, route-backs and item costs.</summary>
public sealed partial class PlanningProblem
{
    /// <summary>The linear objective (see remarks of the class) of a choice, in USD.</summary>
    public double CostUsd(int[] choice)
    {
        var loc = NodeLocations(choice);
        double total = 0;
        foreach (var n in Nodes)
        {
            total += (double)n.RunUsd[choice[n.Index]];
            if (!n.IsNative)
            {
                total += RouteBackUsd(n.Index, loc);
            }
        }

        foreach (var item in Items)
        {
            total += ItemCostUsd(item, loc);
        }

        return total;
    }

    /// <summary>
    /// The route-back of a node without storage under given node locations, in USD: its output moved from
    /// where it ran to its home (fixed, or its anchor's location).
    /// </summary>
    public double RouteBackUsd(int node, int[] loc)
    {
        var home = NodeFixedHome[node] >= 0 ? NodeFixedHome[node] : loc[NodeHomeAnchor[node]];
        return Nodes[node].Node.OutputBytes * egress[loc[node], home];
    }

    /// <summary>Home copy, transfers and staged copies of one item under given node locations, in USD.</summary>
    public double ItemCostUsd(DataItem item, int[] loc)
    {
        var home = HomeOf(item, loc);
        var total = item.Bytes > 0 && !double.IsNaN(storage[home]) ? item.Bytes * storage[home] : 0;
        if (item.Readers.Count == 0)
        {
            return total;
        }

        // Per remote reader location: the largest read moves; the largest read of a reader with storage is staged.
        var dests = new Dictionary<int, (long Max, long Staged)>();
        foreach (var r in item.Readers)
        {
            var l = loc[r.Node];
            if (l == home)
            {
                continue;
            }

            var staged = Nodes[r.Node].IsNative ? r.Bytes : 0;
            dests[l] = dests.TryGetValue(l, out var d) ? (Math.Max(d.Max, r.Bytes), Math.Max(d.Staged, staged)) : (r.Bytes, staged);
        }

        foreach (var (l, d) in dests)
        {
            total += d.Max * egress[home, l];
            if (d.Staged > 0 && !double.IsNaN(storage[l]))
            {
                total += d.Staged * storage[l];
            }
        }

        return total;
    }
}
