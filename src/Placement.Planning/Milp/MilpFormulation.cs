namespace Placement.Planning.Milp;

/// <summary>How <see cref="MilpSolver"/> writes the product "item's home is H" x "reader is at l" as linear rows.</summary>
public enum MilpFormulation
{
    /// <summary>
    /// Per destination, the rate is split into its distinct levels and each level is linearised by its convex
    /// hull (see <c>EgressByLevels</c>); location indicators replace per-SKU sums. Tighter LP, the default.
    /// </summary>
    RateLevels,

    /// <summary>
    /// Per destination, one rate column and per reader a big-M row <c>y &gt;= bytes x (rate - max x (1 - at))</c>.
    /// Smaller, but its LP relaxation is weak; kept as the benchmark's baseline.
    /// </summary>
    BigM,
}
