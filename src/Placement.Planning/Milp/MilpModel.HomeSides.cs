namespace Placement.Planning.Milp;

/// <summary>
/// The home side of the rate-level rows (<see cref="EgressByLevels"/>, <see cref="RouteBackByLevels"/>): "the anchor's home
/// is cheaper than this level", written with the fewer of the two sets of homes.
/// </summary>
/// <remarks>
/// The row of (item, destination l, level j, reader r) is <c>w_j &gt;= GB_r (X[r,l] - sum_{H in S_j} X[a,H])</c> with
/// <c>S_j</c> the anchor's homes whose rate into l is below level j. Written out it carries one term per home in
/// <c>S_j</c> (up to about 50 on the real catalogue: the realistic 200-node scenario had 3.1 million non-zeros). The
/// anchor's indicators sum to 1, so <c>sum_{S_j} = 1 - sum_{not S_j}</c>: each row takes the smaller side, the same
/// polyhedron with at most half the homes per row (1.5 million non-zeros there). Shared sum columns per (anchor, set),
/// tried too, made the model five times sparser but CLP's dual simplex slower (13.7 s against 8.5 s on that LP).
/// </remarks>
internal sealed partial class MilpModel
{
    /// <summary>The terms of <c>sum of home(H)</c> over the anchor's homes whose rate is below <paramref name="level"/>.</summary>
    private (int Column, double Weight)[] CheaperHomes(int anchor, int[] homes, double[] rates, double level)
    {
        var terms = new List<(int Column, double Weight)>();
        for (var i = 0; i < homes.Length; i++)
        {
            if (rates[i] < level)
            {
                terms.AddRange(At(anchor, homes[i]));
            }
        }

        return [.. terms];
    }

    /// <summary>
    /// For each threshold (ascending), <c>sum of home(H)</c> over the homes whose rate is below it, as
    /// <c>Constant + sum of Terms</c>: the cheaper homes' indicators, or <c>1 - </c> the dearer homes' when those are fewer
    /// (the anchor's indicators sum to 1, so both are the same polyhedron, and a row carries at most half the homes).
    /// <paramref name="homes"/> and <paramref name="rates"/> are parallel.
    /// </summary>
    private ((int Column, double Weight)[] Terms, double Constant)[] HomeSides(int anchor, int[] homes, double[] rates, IReadOnlyList<double> thresholds)
    {
        var result = new ((int Column, double Weight)[] Terms, double Constant)[thresholds.Count];
        var terms = new List<(int Column, double Weight)>();
        for (var j = 0; j < thresholds.Count; j++)
        {
            var cheaper = 0;
            foreach (var rate in rates)
            {
                cheaper += rate < thresholds[j] ? 1 : 0;
            }

            // Plain loops: once per (item, destination) and level, the second largest part of the model build.
            var dear = 2 * cheaper > homes.Length;
            terms.Clear();
            for (var i = 0; i < homes.Length; i++)
            {
                if ((rates[i] >= thresholds[j]) == dear)
                {
                    foreach (var (column, weight) in At(anchor, homes[i]))
                    {
                        terms.Add((column, dear ? -weight : weight));
                    }
                }
            }

            result[j] = ([.. terms], dear ? 1 : 0);
        }

        return result;
    }
}
