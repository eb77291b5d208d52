using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>Which precedence rule of cost-model.md priced a move.</summary>
public enum EgressRule
{
    /// <summary>Source and destination are the same location: free.</summary>
    SameLocation,

    /// <summary>An explicit pair override.</summary>
    PairOverride,

    /// <summary>Same provider, same geo.</summary>
    InterRegion,

    /// <summary>Same provider, different geo.</summary>
    InterContinental,

    /// <summary>Different provider: the source's internet rate.</summary>
    Internet,
}

/// <summary>One marginal tier: units from <see cref="StartUnits"/> on cost <see cref="UsdPerUnit"/> each.</summary>
public sealed record EgressTier(decimal StartUnits, decimal UsdPerUnit);

/// <summary>
/// The resolved price of moving data from one location to another: the rule that matched and its marginal
/// tiers (ascending start, the first starting at 0). Costs are monotone in volume by construction.
/// </summary>
public sealed record EgressSchedule(Location From, Location To, EgressRule Rule, DataUnit Unit, IReadOnlyList<EgressTier> Tiers)
{
    /// <summary>A free move (same location).</summary>
    public static EgressSchedule Free(Location from, Location to) =>
        new(from, to, EgressRule.SameLocation, DataUnit.GB, [new EgressTier(0, 0)]);

    /// <summary>Rate of the first tier in USD per unit; what a linear model (the planner) uses.</summary>
    public decimal FirstTierUsdPerUnit => Tiers[0].UsdPerUnit;

    /// <summary>First-tier rate in USD per byte, for solvers that work in bytes.</summary>
    public decimal FirstTierUsdPerByte => FirstTierUsdPerUnit / Unit.BytesPerUnit();

    /// <summary>
    /// Cost in USD of moving <paramref name="units"/> more units when <paramref name="alreadyUnits"/> have
    /// already been billed on the same meter this period: each unit is priced by the tier it falls in.
    /// </summary>
    public decimal MarginalCostUsd(decimal alreadyUnits, decimal units)
    {
        if (units <= 0)
        {
            return 0;
        }

        decimal total = 0;
        var from = alreadyUnits;
        var to = alreadyUnits + units;
        for (var i = 0; i < Tiers.Count; i++)
        {
            var tierStart = Tiers[i].StartUnits;
            var tierEnd = i + 1 < Tiers.Count ? Tiers[i + 1].StartUnits : decimal.MaxValue;
            var lo = Math.Max(from, tierStart);
            var hi = Math.Min(to, tierEnd);
            if (hi > lo)
            {
                total += (hi - lo) * Tiers[i].UsdPerUnit;
            }
        }

        return total;
    }

    /// <summary>A short text of the rule for reports, e.g. <c>internet (gcp/us-west1)</c>.</summary>
    public string Describe() => Rule switch
    {
        EgressRule.SameLocation => "same location",
        EgressRule.PairOverride => $"pair {From} -> {To}",
        EgressRule.InterRegion => $"{From.Provider} inter-region",
        EgressRule.InterContinental => $"{From.Provider} inter-continental",
        _ => $"{From.Provider} internet",
    };
}
