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
        // Summed in order of the locations' first reader. Small spans and a linear search instead of a dictionary:
        // the local search prices millions of trial moves through here, and an item has few remote locations.
        var readers = item.Readers;
        var most = Math.Min(readers.Count, Locations.Count);
        Span<int> at = most <= 64 ? stackalloc int[most] : new int[most];
        Span<long> moved = most <= 64 ? stackalloc long[most] : new long[most];
        Span<long> stagedMost = most <= 64 ? stackalloc long[most] : new long[most];
        var count = 0;
        for (var k = 0; k < readers.Count; k++)
        {
            var r = readers[k];
            var l = loc[r.Node];
            if (l == home)
            {
                continue;
            }

            var staged = Nodes[r.Node].IsNative ? r.Bytes : 0;
            var j = at[..count].IndexOf(l);
            if (j < 0)
            {
                (at[count], moved[count], stagedMost[count]) = (l, r.Bytes, staged);
                count++;
            }
            else
            {
                moved[j] = Math.Max(moved[j], r.Bytes);
                stagedMost[j] = Math.Max(stagedMost[j], staged);
            }
        }

        for (var j = 0; j < count; j++)
        {
            var l = at[j];
            total += moved[j] * egress[home, l];
            if (stagedMost[j] > 0 && !double.IsNaN(storage[l]))
            {
                total += stagedMost[j] * storage[l];
            }
        }

        return total;
    }
}
