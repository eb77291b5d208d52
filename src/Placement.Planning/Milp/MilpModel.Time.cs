namespace Placement.Planning.Milp;

/// <summary>The time part of the MILP: finish times, transfer delays and the makespan.</summary>
internal sealed partial class MilpModel
{
    /// <summary>Finish-time columns (hours) per node and a makespan column; returns the makespan column.</summary>
    public int BuildTime()
    {
        // Under a deadline every feasible plan finishes each node by it: finite bounds let the LP bound stage
        // certify its bound (LpBoundEngine needs every column bounded) and cut no plan.
        var most = p.Constraints.DeadlineHours is { } deadline ? Ceiling((double)deadline) : double.PositiveInfinity;
        if (strong && p.Constraints.DeadlineHours is { } limit)
        {
            windows = Windows((double)limit);
        }

        // Within the windows every feasible plan finishes each node (empty windows: left to the deadline row).
        var finish = p.Nodes.Select(n => windows is { } w && w.Earliest[n.Index] <= w.Latest[n.Index] + WindowSlackHours
            ? Lp.AddColumn(Math.Max(0, w.Earliest[n.Index] - WindowSlackHours), Math.Min(most, w.Latest[n.Index] + WindowSlackHours), 0, false)
            : Lp.AddColumn(0, most, 0, false)).ToArray();
        var makespan = Lp.AddColumn(0, most, 0, false);
        foreach (var n in p.Nodes)
        {
            var v = n.Index;
            var own = Enumerable.Range(0, n.Candidates.Count).Select(c => (x[v][c], -n.WallClockHours[c])).ToList();
            if (!n.IsNative)
            {
                own.AddRange(Delay(p.NodeHomeAnchor[v], p.NodeFixedHome[v], v, n.Node.OutputBytes, routeBack: true));
            }

            if (p.ReadsOf[v].Count == 0)
            {
                Lp.AddRow(own.Append((finish[v], 1.0)), 0, double.PositiveInfinity);
            }

            foreach (var (itemIndex, bytes) in p.ReadsOf[v])
            {
                var item = p.Items[itemIndex];
                var terms = new List<(int, double)>(own) { (finish[v], 1.0) };
                terms.AddRange(Delay(item.AnchorNode, item.FixedHome, v, bytes, routeBack: false));
                if (item.Producer >= 0)
                {
                    terms.Add((finish[item.Producer], -1.0));
                }

                Lp.AddRow(terms, 0, double.PositiveInfinity);
            }

            Lp.AddRow([(makespan, 1.0), (finish[v], -1.0)], 0, double.PositiveInfinity);
        }

        return makespan;
    }

    /// <summary>
    /// Negated terms of a transfer time in hours between an item's home and node v's location (or back, for
    /// a route-back); a pairwise time gets its own column.
    /// </summary>
    private List<(int, double)> Delay(int anchor, int fixedHome, int v, long bytes, bool routeBack)
    {
        double Hours(int home, int l) => (routeBack ? p.TransferSeconds(l, home, bytes) : p.TransferSeconds(home, l, bytes)) / 3600.0;
        var n = p.Nodes[v];
        if (anchor < 0)
        {
            return Enumerable.Range(0, n.Candidates.Count).Select(c => (x[v][c], -Hours(fixedHome, n.LocationIndex[c]))).ToList();
        }

        var homes = p.Nodes[anchor].Locations;

        // Hours per (location, home), computed once: the transfer time model is the dearest part of this row set.
        var locations = n.Locations;
        var hours = new double[locations.Length][];
        var most = new double[locations.Length];
        for (var i = 0; i < locations.Length; i++)
        {
            hours[i] = new double[homes.Length];
            for (var k = 0; k < homes.Length; k++)
            {
                hours[i][k] = Hours(homes[k], locations[i]);
            }

            most[i] = hours[i].Max();
        }

        // At an integer point the delay is the hours of one (home, location) pair: at most the largest of them.
        var t = Lp.AddColumn(0, Ceiling(most.Max()), 0, false);
        var terms = new List<(int, double)>();
        for (var i = 0; i < locations.Length; i++)
        {
            terms.Clear();
            terms.Add((t, 1));
            for (var k = 0; k < homes.Length; k++)
            {
                foreach (var (column, weight) in At(anchor, homes[k]))
                {
                    terms.Add((column, -hours[i][k] * weight));
                }
            }

            foreach (var (column, weight) in At(v, locations[i]))
            {
                terms.Add((column, -most[i] * weight));
            }

            Lp.AddRow(terms, -most[i], double.PositiveInfinity);
        }

        return [(t, -1.0)];
    }
}
