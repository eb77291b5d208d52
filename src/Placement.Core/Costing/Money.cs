namespace Placement.Core.Costing;

/// <summary>
/// Money rules: USD in <see cref="decimal"/>, every cost line rounded once to a micro-dollar
/// (half to even), totals are exact sums of rounded lines so a plan always adds up.
/// </summary>
public static class Money
{
    /// <summary>Decimal places kept on a cost line (micro-dollars).</summary>
    public const int LineDecimals = 6;

    /// <summary>Rounds an amount to a micro-dollar, half to even.</summary>
    public static decimal Line(decimal usd) => Math.Round(usd, LineDecimals, MidpointRounding.ToEven);
}
