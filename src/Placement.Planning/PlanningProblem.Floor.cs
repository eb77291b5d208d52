namespace Placement.Planning;

/// <summary>A lower bound on the billed cost that needs no model: what a time-limited solve can prove at once.</summary>
public sealed partial class PlanningProblem
{
    /// <summary>
    /// A lower bound on <see cref="BilledCostUsd"/> of every plan, in USD, from the terms of the bill that depend on one
    /// node's location only: each node on the candidate that minimises its run cost, the home copies of the items it
    /// anchors (stored where it runs), its route-back to a fixed home, and, for each item with a fixed home, the move of
    /// the read of one designated reader (its largest, the first of those) with its staged copy; plus the home copies of
    /// items with a fixed home. Every other term is at least 0 (an item's transfer to a location is at least its
    /// designated reader's read there), moves are priced at their meter's lowest marginal rate (a bill is never below its
    /// volume at that rate, whatever the volume tiers), and the constraints only remove plans, so no plan costs less.
    /// Linear in the node candidates and reads; where moves are a small part of the bill (the realistic family) it proves
    /// a gap of well under 1 % before any model is built.
    /// </summary>
    public double CostFloorUsd()
    {
        var perCandidate = Nodes.Select(n => n.RunUsd.Select(r => (double)r).ToArray()).ToArray();
        double total = 0;
        foreach (var item in Items)
        {
            if (item.AnchorNode >= 0)
            {
                var anchor = Nodes[item.AnchorNode];
                for (var c = 0; c < anchor.Candidates.Count; c++)
                {
                    perCandidate[anchor.Index][c] += StoredUsd(item.Bytes, anchor.LocationIndex[c]);
                }

                continue;
            }

            var home = item.FixedHome;
            total += StoredUsd(item.Bytes, home);
            if (item.Readers.Count == 0)
            {
                continue;
            }

            var reader = item.Readers.MaxBy(r => r.Bytes)!;
            var n = Nodes[reader.Node];
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                var l = n.LocationIndex[c];
                if (l != home)
                {
                    perCandidate[n.Index][c] += (reader.Bytes * LowestEgressUsdPerByte(home, l)) + (n.IsNative ? StoredUsd(reader.Bytes, l) : 0);
                }
            }
        }

        foreach (var n in Nodes.Where(n => !n.IsNative && NodeFixedHome[n.Index] >= 0))
        {
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                var l = n.LocationIndex[c];
                perCandidate[n.Index][c] += l == NodeFixedHome[n.Index] ? 0 : n.Node.OutputBytes * LowestEgressUsdPerByte(l, NodeFixedHome[n.Index]);
            }
        }

        return total + perCandidate.Sum(costs => costs.Length == 0 ? 0 : costs.Min());
    }

    private double StoredUsd(long bytes, int location) => bytes > 0 && !double.IsNaN(storage[location]) ? bytes * storage[location] : 0;

    /// <summary>The lowest marginal rate a move from <paramref name="from"/> to <paramref name="to"/> can be billed at, USD per byte.</summary>
    private double LowestEgressUsdPerByte(int from, int to)
    {
        if (Meters.CrossableMeterOf(from, to) is not (>= 0 and var m))
        {
            return egress[from, to];
        }

        var meter = Meters.All[m];
        var reachable = meter.Tiers.Where((t, i) => i == 0 || t.StartUnits < meter.VolumeUpperBoundUnits);
        return meter.FirstTierUsdPerUnit <= 0 ? 0 : egress[from, to] * ((double)reachable.Min(t => t.UsdPerUnit) / meter.FirstTierUsdPerUnit);
    }
}
