namespace Placement.Planning;

/// <summary>
/// The change of the planner's linear objective when one node moves to another candidate, the rest of the
/// choice unchanged, computed from the node's neighbourhood only (the items it reads or anchors, and the
/// route-backs that depend on its location) in time proportional to that neighbourhood, not to the plan.
/// Used to explain large plans, where pricing every alternative with the full cost model would be quadratic.
/// </summary>
internal sealed class LocalCostDelta
{
    private readonly PlanningProblem problem;
    private readonly int[][] items;
    private readonly int[][] routeBacks;

    public LocalCostDelta(PlanningProblem problem)
    {
        this.problem = problem;
        var footprint = new MoveFootprint(problem);
        items = footprint.Items;
        routeBacks = footprint.RouteBacks;
    }

    /// <summary>
    /// (run, egress, storage) change in USD of moving node <paramref name="v"/> to candidate <paramref name="candidate"/>
    /// under node locations <paramref name="loc"/> (restored before returning).
    /// </summary>
    public (double Run, double Egress, double Storage) Delta(int v, int current, int candidate, int[] loc)
    {
        var node = problem.Nodes[v];
        var (egressBefore, storageBefore) = Local(v, loc);
        var was = loc[v];
        loc[v] = node.LocationIndex[candidate];
        var (egressAfter, storageAfter) = Local(v, loc);
        loc[v] = was;
        return ((double)(node.RunUsd[candidate] - node.RunUsd[current]), egressAfter - egressBefore, storageAfter - storageBefore);
    }

    private (double Egress, double Storage) Local(int v, int[] loc)
    {
        double egress = 0, storage = 0;
        foreach (var i in items[v])
        {
            var item = problem.Items[i];
            var s = StorageUsd(item, loc);
            storage += s;
            egress += problem.ItemCostUsd(item, loc) - s;
        }

        foreach (var w in routeBacks[v])
        {
            egress += problem.RouteBackUsd(w, loc);
        }

        return (egress, storage);
    }

    /// <summary>The storage part of an item's cost: its home copy and the staged copies at native readers elsewhere.</summary>
    private double StorageUsd(DataItem item, int[] loc)
    {
        var home = problem.HomeOf(item, loc);
        var rate = problem.StorageUsdPerByte(home);
        var total = item.Bytes > 0 && !double.IsNaN(rate) ? item.Bytes * rate : 0;
        // As the objective does: a staged copy where a native reader is, of the largest amount any reader there reads.
        var staged = new Dictionary<int, (long Max, bool Native)>();
        foreach (var r in item.Readers)
        {
            var l = loc[r.Node];
            if (l != home)
            {
                var native = problem.Nodes[r.Node].IsNative;
                staged[l] = staged.TryGetValue(l, out var d) ? (Math.Max(d.Max, r.Bytes), d.Native || native) : (r.Bytes, native);
            }
        }

        foreach (var (l, d) in staged)
        {
            var at = problem.StorageUsdPerByte(l);
            total += d.Native && d.Max > 0 && !double.IsNaN(at) ? d.Max * at : 0;
        }

        return total;
    }
}
