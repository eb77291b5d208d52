namespace Placement.Planning;

/// <summary>A lower bound on the billed cost that needs no model: what a time-limited solve can prove at once.</summary>
public sealed partial class PlanningProblem
{
    /// <summary>
    /// A lower bound on <see cref="BilledCostUsd"/> of every plan, in USD: each node on the candidate that minimises its
    /// run cost plus the home copies of the items it anchors (stored where it runs), plus the home copies of items with a
    /// fixed home. Every other term of the bill (transfers, staged copies, route-backs: egress and storage, whatever the
    /// volume tiers) is at least 0, and the constraints only remove plans, so no plan costs less. Linear in the node
    /// candidates; where moves are a small part of the bill (the realistic family: about 1 %) it proves a gap of about
    /// that much before any model is built.
    /// </summary>
    public double CostFloorUsd()
    {
        var anchored = new double[NodeCount][];
        double total = 0;
        foreach (var item in Items.Where(i => i.Bytes > 0))
        {
            if (item.AnchorNode < 0)
            {
                total += double.IsNaN(storage[item.FixedHome]) ? 0 : item.Bytes * storage[item.FixedHome];
                continue;
            }

            var n = Nodes[item.AnchorNode];
            var perCandidate = anchored[n.Index] ??= new double[n.Candidates.Count];
            for (var c = 0; c < perCandidate.Length; c++)
            {
                var rate = storage[n.LocationIndex[c]];
                perCandidate[c] += double.IsNaN(rate) ? 0 : item.Bytes * rate;
            }
        }

        foreach (var n in Nodes)
        {
            var best = double.PositiveInfinity;
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                best = Math.Min(best, (double)n.RunUsd[c] + (anchored[n.Index]?[c] ?? 0));
            }

            total += n.Candidates.Count == 0 ? 0 : best;
        }

        return total;
    }
}
