namespace Placement.Planning.Milp;

/// <summary>The egress and staged-copy columns of one (item, destination) of the MILP.</summary>
internal sealed partial class MilpModel
{
    /// <summary>
    /// One column per (item, destination): for every reader r that can be at l,
    /// <c>y &gt;= bytes_r x (rate(home, l) if r is at l)</c>, so y pays the largest read there, once.
    /// </summary>
    private void Egress(DataItem item, int[] homes, int l, List<(int Node, long Bytes)> readers, double stagedRate, bool tiersDone)
    {
        if (readers.Count == 0)
        {
            return;
        }

        // Moves on a meter that can cross a volume tier are priced by the tier rows; the rest here.
        List<((int Column, double Weight)[] At, long Bytes)>? readerTerms = null;
        foreach (var h in homes)
        {
            if (!tiersDone && h != l && tiers.Owns(h, l))
            {
                readerTerms ??= readers.Select(r => (At(r.Node, l), r.Bytes)).ToList();
                tiers.AddMove(h, l, item.AnchorNode >= 0 ? At(item.AnchorNode, h) : [], readerTerms);
            }
        }

        // USD per byte moved from home h to l, plus the staged copy at l when it is charged with the move.
        double Rate(int h) => h == l ? 0 : FlatEgress(h, l) + stagedRate;
        if (item.AnchorNode < 0)
        {
            var rate = Rate(item.FixedHome);
            if (rate == 0)
            {
                return;
            }

            if (readers.Count == 1)
            {
                foreach (var (col, w) in At(readers[0].Node, l))
                {
                    Lp.AddCost(col, readers[0].Bytes * rate * w);
                }

                return;
            }

            var t = Lp.AddColumn(0, Ceiling(readers.Max(r => r.Bytes) * rate), 1, false);
            RecordMove(item, l, t, rate, []);
            foreach (var r in readers)
            {
                Lp.AddRow(Scaled(At(r.Node, l), -r.Bytes * rate).Append((t, 1)), 0, double.PositiveInfinity, isLazy: true);
            }

            return;
        }

        var max = homes.Max(Rate);
        if (max == 0)
        {
            return;
        }

        if (kind == MilpFormulation.RateLevels)
        {
            EgressByLevels(item, homes, l, readers, Rate);
            return;
        }

        // rate = sum_H rate(H, l) x home(H), in USD per GB so coefficients stay well scaled for CBC (its
        // tolerances drop coefficients near 1e-10, which a rate per byte is); shared by every reader's row
        // through one column when there are several.
        const double BytesPerGb = 1e9;
        var rateTerms = homes.SelectMany(h => Scaled(At(item.AnchorNode, h), Rate(h) * BytesPerGb)).ToList();
        if (readers.Count > 1)
        {
            var rateColumn = Lp.AddColumn(0, Ceiling(max * BytesPerGb), 0, false);
            Lp.AddRow(Scaled(rateTerms, -1).Append((rateColumn, 1.0)), 0, 0);
            rateTerms = [(rateColumn, 1.0)];
        }

        var y = Lp.AddColumn(0, Ceiling(readers.Max(r => r.Bytes) * max), 1, false);
        foreach (var r in readers)
        {
            var terms = new List<(int, double)> { (y, 1) };
            terms.AddRange(Scaled(rateTerms, -r.Bytes / BytesPerGb));
            terms.AddRange(Scaled(At(r.Node, l), -r.Bytes * max));
            Lp.AddRow(terms, -r.Bytes * max, double.PositiveInfinity, isLazy: true);
        }
    }

    /// <summary>
    /// The move of an item whose home is an anchor node's location to destination l, by rate levels. The rate
    /// from home H to l is a staircase over H: <c>rate(H) = sum_j delta_j [rate(H) &gt;= v_j]</c> for its distinct
    /// positive values <c>v_1 &lt; v_2 &lt; ...</c>. Per level one column <c>w_j</c> (GB) pays <c>delta_j</c> per GB, with
    /// <c>w_j &gt;= bytes_r (at(r, l) - sum of home(H) over H cheaper than v_j)</c> for every reader r: the product
    /// of "r is at l" and "the home is at least that dear" written as its convex hull's lower face. At integer
    /// points the levels add up to the true rate times the largest read at l; and when the home is decided but
    /// the readers are split fractionally, the LP already pays the exact expected cost, where a big-M row
    /// pays nothing. That is what makes the relaxation tight enough to skip most of branch and bound.
    /// </summary>
    private void EgressByLevels(DataItem item, int[] homes, int l, List<(int Node, long Bytes)> readers, Func<int, double> rate)
    {
        const double BytesPerGb = 1e9;
        var anchor = item.AnchorNode;
        var largest = readers.Max(r => r.Bytes) / BytesPerGb;
        var rates = new double[homes.Length];
        for (var i = 0; i < homes.Length; i++)
        {
            rates[i] = rate(homes[i]);
        }

        var readerAt = readers.Select(r => At(r.Node, l)).ToArray();
        var levels = rates.Where(v => v > 0).Distinct().Order().ToList();
        var homeSides = HomeSides(anchor, homes, rates, levels);
        var previous = 0.0;
        var terms = new List<(int Column, double Value)>();
        for (var j = 0; j < levels.Count; j++)
        {
            var level = levels[j];
            var (side, constant) = homeSides[j];
            var w = Lp.AddColumn(0, Ceiling(largest), (level - previous) * BytesPerGb, false);
            if (RecordsMoves(item))
            {
                RecordMove(item, l, w, 1 / BytesPerGb, CheaperHomes(anchor, homes, rates, level));
            }

            previous = level;
            for (var k = 0; k < readers.Count; k++)
            {
                var gb = readers[k].Bytes / BytesPerGb;
                terms.Clear();
                foreach (var (column, weight) in readerAt[k])
                {
                    terms.Add((column, -gb * weight));
                }

                foreach (var (column, weight) in side)
                {
                    terms.Add((column, gb * weight));
                }

                terms.Add((w, 1.0));
                Lp.AddRow(terms, -gb * constant, double.PositiveInfinity, isLazy: true);
            }
        }
    }

    /// <summary>
    /// The staged copy at l: the largest read of a native reader there, when the home is not there (readers
    /// without storage stream and stage nothing). Each native reader q bounds it by its own read.
    /// </summary>
    private void Staged(DataItem item, int l, List<(int Node, long Bytes)> here)
    {
        var s = p.StorageUsdPerByte(l);
        if (double.IsNaN(s) || s == 0 || (item.AnchorNode < 0 && item.FixedHome == l))
        {
            return;
        }

        var bounded = here.Where(q => p.Nodes[q.Node].IsNative && q.Bytes > 0).ToList();
        if (bounded.Count == 0)
        {
            return;
        }

        var homeHere = item.AnchorNode >= 0 ? At(item.AnchorNode, l) : [];
        if (bounded.Count == 1 && homeHere.Length == 0)
        {
            foreach (var (col, w) in At(bounded[0].Node, l))
            {
                Lp.AddCost(col, bounded[0].Bytes * s * w);
            }

            return;
        }

        var d = Lp.AddColumn(0, Ceiling(bounded.Max(r => r.Bytes) * s), 1, false);
        foreach (var q in bounded)
        {
            var rate = q.Bytes * s;
            Lp.AddRow(Scaled(At(q.Node, l), -rate).Concat(Scaled(homeHere, rate)).Append((d, 1)), 0, double.PositiveInfinity, isLazy: true);
        }
    }
}
