using Placement.Core.Pricing;

namespace Placement.Planning;

/// <summary>
/// One egress meter of the bill: the moves out of one source location under one precedence rule (for a pair
/// override, to one destination), whose volume accumulates over the plan and is priced by one marginal tier
/// schedule (<see cref="Placement.Core.Costing.CostModel"/> meters the same way). With published price lists the
/// bill of a meter is concave in its volume (the marginal rate falls from one tier to the next); a rate that rises
/// is handled too (a convex piece).
/// </summary>
/// <param name="Index">Position in <see cref="EgressMeters.All"/>.</param>
/// <param name="Source">Source location index.</param>
/// <param name="Rule">The precedence rule that priced the moves.</param>
/// <param name="Unit">The unit the tiers are quoted in (GB or GiB).</param>
/// <param name="Tiers">Marginal tiers, ascending start, the first at 0.</param>
/// <param name="VolumeUpperBoundUnits">
/// The most volume, in <see cref="Unit"/>, any plan can put through the meter: for every data item and each possible
/// home at this source, the largest read at every destination its readers can reach, plus every route-back that can
/// leave from here. When it is at most the second tier's start, no plan crosses a tier and the first-tier rate is the bill.
/// </param>
public sealed record EgressMeter(int Index, int Source, EgressRule Rule, DataUnit Unit, IReadOnlyList<EgressTier> Tiers, decimal VolumeUpperBoundUnits)
{
    /// <summary>Bytes per unit of the meter.</summary>
    public double BytesPerUnit { get; } = (double)Unit.BytesPerUnit();

    /// <summary>First-tier rate in USD per unit (what the first-tier model charges for every unit).</summary>
    public double FirstTierUsdPerUnit => (double)Tiers[0].UsdPerUnit;

    /// <summary>
    /// The tier boundaries some plan can cross, with the fall in marginal rate there (USD per unit; negative for a
    /// rate that rises): boundaries below <see cref="VolumeUpperBoundUnits"/> where the rate changes.
    /// </summary>
    public IReadOnlyList<(double StartUnits, double RateDropUsdPerUnit)> CrossableBoundaries { get; } =
        Enumerable.Range(1, Math.Max(0, Tiers.Count - 1))
            .Where(i => Tiers[i].StartUnits < VolumeUpperBoundUnits && Tiers[i].UsdPerUnit != Tiers[i - 1].UsdPerUnit)
            .Select(i => ((double)Tiers[i].StartUnits, (double)(Tiers[i - 1].UsdPerUnit - Tiers[i].UsdPerUnit)))
            .ToList();

    /// <summary>True when some plan's volume can reach a cheaper tier: only then does the bill differ from the first-tier model.</summary>
    public bool CanCrossTier => CrossableBoundaries.Count > 0;

    /// <summary>
    /// What the tiers take off the first-tier price of <paramref name="units"/> units (up to the volume upper bound),
    /// in USD (zero or negative when rates only fall): <c>bill(V) - rate_0 V = -sum_i drop_i max(0, V - start_i)</c>.
    /// </summary>
    public double TierDiscountUsd(double units)
    {
        double total = 0;
        foreach (var (start, drop) in CrossableBoundaries)
        {
            if (units > start)
            {
                total -= drop * (units - start);
            }
        }

        return total;
    }

    /// <summary>The billed egress of <paramref name="units"/> units on this meter, in USD (no rounding).</summary>
    public double BillUsd(double units) => (FirstTierUsdPerUnit * units) + TierDiscountUsd(units);
}
