namespace Placement.Planning.Milp;

/// <summary>How close a proven bound must come to a plan's cost to prove it optimal, or within a requested gap.</summary>
internal static class OptimalityTolerance
{
    /// <summary>
    /// The bound that proves a plan of cost <paramref name="cost"/> within <paramref name="relativeGap"/>; with no
    /// gap, within a micro-dollar (the cost model's resolution) or 1e-7 of the cost, whichever is larger.
    /// </summary>
    public static double Target(double cost, double relativeGap) =>
        relativeGap > 0 ? cost - (relativeGap * Math.Abs(cost)) : cost - Resolution(cost);

    /// <summary>How far below a plan's cost a bound may stay and still prove it optimal: a micro-dollar or 1e-7 of the cost.</summary>
    public static double Resolution(double cost) => Math.Max(1e-6, 1e-7 * Math.Abs(cost));
}
