namespace Placement.Planning.Milp;

/// <summary>
/// Shared sums of an anchor node's location indicators over sets of homes: the "home is cheaper than this level"
/// terms of the rate-level transfer rows (<see cref="EgressByLevels"/>) and route-back rows.
/// </summary>
/// <remarks>
/// <para>The rate-level row of (item, destination l, level j, reader r) is <c>w_j &gt;= GB_r (X[r,l] - sum_{H in S_j} X[a,H])</c>
/// with <c>S_j</c> the anchor's homes whose rate into l is below level j. Written out, every such row carries one term
/// per home in <c>S_j</c> (up to about 50 on the real catalogue), and the realistic 200-node scenario had 3 million
/// non-zeros. The sum depends only on the anchor and the set, so it is one continuous column <c>C_S = sum_{H in S} X[a,H]</c>
/// (an equality row), shared by every item the anchor homes, every reader, every level and every destination with
/// the same set: rates depend on provider and continent, so destinations of one rate class give the same sets above
/// their lowest level. The levels of one destination are nested, <c>S_1 ⊂ S_2 ⊂ ...</c>, so each new set's row is the
/// previous set's column plus the homes it adds. The LP is the same polyhedron projected (the new columns are
/// determined by the x columns), so the relaxation and every bound are unchanged; only its size shrinks.</para>
/// </remarks>
internal sealed partial class MilpModel
{
    private readonly Dictionary<(int Anchor, string Set), (int Column, double Weight)[]> homeSums = [];

    internal static bool ShareSums = false;
    internal static bool RouteBackLevels = true;

    /// <summary>
    /// For each threshold (ascending), the terms of <c>sum of home(H)</c> over the homes whose rate is below it; empty
    /// terms for an empty set. <paramref name="homes"/> and <paramref name="rates"/> are parallel.
    /// </summary>
    private (int Column, double Weight)[][] CheaperHomeSums(int anchor, int[] homes, double[] rates, IReadOnlyList<double> thresholds)
    {
        var order = Enumerable.Range(0, homes.Length).OrderBy(i => rates[i]).ThenBy(i => homes[i]).ToArray();
        var result = new (int Column, double Weight)[thresholds.Count][];
        var members = new List<int>();
        (int Column, double Weight)[] current = [];
        var next = 0;
        for (var j = 0; j < thresholds.Count; j++)
        {
            var added = new List<int>();
            while (next < order.Length && rates[order[next]] < thresholds[j])
            {
                added.Add(homes[order[next]]);
                next++;
            }

            if (added.Count > 0)
            {
                members.AddRange(added);
                current = HomeSum(anchor, members, current, added);
            }

            result[j] = current;
        }

        return result;
    }

    /// <summary>
    /// The terms of <c>sum_{H in members} X[anchor, H]</c>: the indicator itself for one home, else the shared column of
    /// that set, created on first use as <paramref name="previous"/> (the sum over the members before
    /// <paramref name="added"/>) plus the added homes' indicators.
    /// </summary>
    private (int Column, double Weight)[] HomeSum(int anchor, List<int> members, (int Column, double Weight)[] previous, List<int> added)
    {
        if (members.Count == 1 && At(anchor, members[0]) is { Length: 1 } single)
        {
            return single;
        }

        if (!ShareSums)
        {
            return members.SelectMany(m => At(anchor, m)).ToArray();
        }

        var sorted = members.ToArray();
        Array.Sort(sorted);
        var key = (anchor, new string(Array.ConvertAll(sorted, m => (char)m)));
        if (homeSums.TryGetValue(key, out var terms))
        {
            return terms;
        }

        var column = Lp.AddColumn(0, 1, 0, false);
        var row = new List<(int Column, double Weight)> { (column, 1.0) };
        row.AddRange(previous.Select(t => (t.Column, -t.Weight)));
        foreach (var h in added)
        {
            row.AddRange(At(anchor, h).Select(t => (t.Column, -t.Weight)));
        }

        Lp.AddRow(row, 0, 0);
        terms = [(column, 1.0)];
        homeSums[key] = terms;
        return terms;
    }
}
