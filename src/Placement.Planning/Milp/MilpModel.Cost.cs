namespace Placement.Planning.Milp;

/// <summary>The cost part of the MILP: home copies, route-backs and the transfers of every data item.</summary>
internal sealed partial class MilpModel
{
    public void BuildCost()
    {
        foreach (var n in p.Nodes.Where(n => !n.IsNative && n.Node.OutputBytes > 0))
        {
            RouteBack(n.Index);
        }

        foreach (var item in p.Items)
        {
            HomeCopy(item);
            if (item.Readers.Count > 0)
            {
                Transfers(item);
            }
        }

        tiers.Finish();
    }

    private void HomeCopy(DataItem item)
    {
        if (item.Bytes <= 0)
        {
            return;
        }

        if (item.AnchorNode < 0)
        {
            var s = p.StorageUsdPerByte(item.FixedHome);
            Lp.ObjectiveConstant += double.IsNaN(s) ? 0 : item.Bytes * s;
            return;
        }

        var a = p.Nodes[item.AnchorNode];
        for (var c = 0; c < a.Candidates.Count; c++)
        {
            var s = p.StorageUsdPerByte(a.LocationIndex[c]);
            Lp.AddCost(x[a.Index][c], double.IsNaN(s) ? 0 : item.Bytes * s);
        }
    }

    private void RouteBack(int v)
    {
        var n = p.Nodes[v];
        var bytes = n.Node.OutputBytes;
        if (p.NodeFixedHome[v] >= 0)
        {
            var fixedHome = p.NodeFixedHome[v];
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                Lp.AddCost(x[v][c], bytes * FlatEgress(n.LocationIndex[c], fixedHome));
            }

            foreach (var l in n.Locations.Where(l => tiers.Owns(l, fixedHome)))
            {
                tiers.AddPairedMove(p.Meters.MeterOf(l, fixedHome), [], At(v, l), bytes);
            }

            return;
        }

        var anchor = p.NodeHomeAnchor[v];
        var homes = p.Nodes[anchor].Locations;
        foreach (var l in n.Locations)
        {
            // The anchor is at one place: per meter out of l, one column over all the homes it bills.
            foreach (var group in homes.Where(h => tiers.Owns(l, h)).GroupBy(h => p.Meters.MeterOf(l, h)))
            {
                tiers.AddPairedMove(group.Key, At(v, l), group.SelectMany(h => At(anchor, h)).ToArray(), bytes);
            }
        }

        if (n.Locations.All(l => homes.All(h => FlatEgress(l, h) == 0)))
        {
            return;
        }

        if (kind == MilpFormulation.RateLevels)
        {
            RouteBackByLevels(v, anchor, homes, bytes);
            return;
        }

        var rb = Lp.AddColumn(0, Ceiling(bytes * n.Locations.Max(l => homes.Max(h => FlatEgress(l, h)))), 1, false);
        foreach (var l in n.Locations)
        {
            var max = homes.Max(h => FlatEgress(l, h));
            var terms = new List<(int, double)> { (rb, 1) };
            foreach (var h in homes)
            {
                terms.AddRange(Scaled(At(anchor, h), -bytes * FlatEgress(l, h)));
            }

            terms.AddRange(Scaled(At(v, l), -bytes * max));
            Lp.AddRow(terms, -bytes * max, double.PositiveInfinity, isLazy: true);
        }
    }

    /// <summary>
    /// The route-back of node v (no storage) to its anchor's location, by rate levels as a transfer with one reader:
    /// per location l of v and level j of the rates out of l, <c>w_j &gt;= GB (X[v,l] - sum_{H: rate(l, H) &lt; v_j} X[a,H])</c>.
    /// At integer points the levels at v's location add up to the rate to the anchor's; the big-M row it replaces
    /// (<c>rb &gt;= bytes (rate - max (1 - X[v,l]))</c>) paid nothing at fractional points.
    /// </summary>
    private void RouteBackByLevels(int v, int anchor, int[] homes, long bytes)
    {
        const double BytesPerGb = 1e9;
        var gb = bytes / BytesPerGb;
        foreach (var l in p.Nodes[v].Locations)
        {
            var rates = homes.Select(h => FlatEgress(l, h)).ToArray();
            var levels = rates.Where(r => r > 0).Distinct().Order().ToList();
            var homeSides = HomeSides(anchor, homes, rates, levels);
            var previous = 0.0;
            for (var j = 0; j < levels.Count; j++)
            {
                var w = Lp.AddColumn(0, Ceiling(gb), (levels[j] - previous) * BytesPerGb, false);
                previous = levels[j];
                var (side, constant) = homeSides[j];
                Lp.AddRow(Scaled(At(v, l), -gb).Concat(Scaled(side, gb)).Append((w, 1.0)), -gb * constant, double.PositiveInfinity, isLazy: true);
            }
        }
    }

    private void Transfers(DataItem item)
    {
        var homes = HomeLocations(item.AnchorNode, item.FixedHome).ToArray();
        var readers = item.Readers.GroupBy(r => r.Node).Select(g => (Node: g.Key, Bytes: g.Max(r => r.Bytes))).ToList();
        var single = readers.Count == 1;
        if (single)
        {
            // One reader is at one place: per (home, meter) one volume column over every destination the meter bills.
            var r = readers[0];
            foreach (var h in homes)
            {
                var homeAt = item.AnchorNode >= 0 ? At(item.AnchorNode, h) : [];
                foreach (var group in p.Nodes[r.Node].Locations.Where(l => l != h && tiers.Owns(h, l)).GroupBy(l => p.Meters.MeterOf(h, l)))
                {
                    tiers.AddPairedMove(group.Key, homeAt, group.SelectMany(l => At(r.Node, l)).ToArray(), r.Bytes);
                }
            }
        }

        foreach (var l in readers.SelectMany(r => p.Nodes[r.Node].Locations).Distinct().Order())
        {
            var here = readers.Where(r => at[r.Node].ContainsKey(l)).ToList();

            // When every reader that can run at l has storage, the staged copy is the transfer's twin (same
            // bytes, same condition), so its rate joins the egress rate and needs no rows of its own.
            var storage = p.StorageUsdPerByte(l);
            if (here.All(r => p.Nodes[r.Node].IsNative) && !double.IsNaN(storage))
            {
                Egress(item, homes, l, here.Where(r => r.Bytes > 0).ToList(), storage, single);
            }
            else
            {
                Egress(item, homes, l, here.Where(r => r.Bytes > 0).ToList(), 0, single);
                Staged(item, l, here);
            }
        }
    }
}
