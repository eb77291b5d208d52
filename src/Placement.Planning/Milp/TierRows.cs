namespace Placement.Planning.Milp;

/// <summary>
/// The volume-tiered egress of the MILP, exact at integer points, for the meters whose volume can cross a tier
/// (<see cref="EgressMeters.Crossable"/>; every other move keeps its first-tier rate in the transfer rows).
/// </summary>
/// <remarks>
/// <para>Per move on a crossable meter, a volume column <c>y</c> (in the meter's unit, cost: the first-tier rate)
/// with <c>y &gt;= units_r x (at(r, L) + home(H) - 1)</c> for every reader r (the home term is absent for a fixed home;
/// with one reader and a fixed home the indicator terms themselves are the volume). The meter's volume is
/// <c>V = sum y</c>, and its bill <c>rate_0 V - sum_i drop_i max(0, V - start_i)</c> (concave: marginal rates fall).
/// Maximising a convex discount needs integers: per crossable boundary i a binary <c>b_i</c> and a column
/// <c>e_i</c> in <c>[0, Vmax - start_i]</c>, cost <c>-drop_i</c>, with <c>e_i &lt;= V - start_i b_i</c> and
/// <c>e_i &lt;= (Vmax - start_i) b_i</c>: at <c>b_i = 0</c> no discount, at <c>b_i = 1</c> at most <c>V - start_i</c>,
/// so the best choice of <c>b</c> gives exactly <c>max(0, V - start_i)</c>. Ordering rows <c>b_(i+1) &lt;= b_i</c> are
/// valid and cut fractional points. The LP relaxation of one meter is the chord of its bill over
/// <c>[0, Vmax]</c>, its convex envelope. A rate that rises at a boundary (no published price list does) is a
/// convex piece and needs no integer: a column <c>s &gt;= V - start_i</c>, <c>s &gt;= 0</c>, costing the rise.</para>
/// <para>No column can profit from overstating a volume: each unit of <c>y</c> costs <c>rate_0</c> and earns at most
/// <c>rate_0 - rate_last</c> of discount, so at every integer point the cheapest completion is the true volume and
/// the objective is the bill.</para>
/// </remarks>
internal sealed class TierRows
{
    private readonly LinearModel lp;
    private readonly EgressMeters meters;
    private readonly List<(int Column, double Weight)>[] volume;
    private readonly List<(int Meter, double StartUnits, int Binary)> binaries = [];

    public TierRows(LinearModel lp, EgressMeters meters)
    {
        this.lp = lp;
        this.meters = meters;
        volume = meters.All.Select(_ => new List<(int, double)>()).ToArray();
    }

    /// <summary>Number of boundary binaries added by <see cref="Finish"/>.</summary>
    public int Binaries => binaries.Count;

    /// <summary>Meters that received tier rows.</summary>
    public int MetersModelled { get; private set; }

    /// <summary>True when the move from one location index to another is billed on a crossable meter (so its egress belongs here).</summary>
    public bool Owns(int from, int to) => meters.CrossableMeterOf(from, to) >= 0;

    /// <summary>
    /// One move from <paramref name="from"/> to <paramref name="to"/>, of the largest read of the readers there: it
    /// happens when the home indicator <paramref name="homeAt"/> is 1 (empty: a fixed home) and some reader is at
    /// <paramref name="to"/> (each reader: its location indicator terms and the bytes it reads).
    /// </summary>
    public void AddMove(int from, int to, (int Column, double Weight)[] homeAt, IReadOnlyList<((int Column, double Weight)[] At, long Bytes)> readers)
    {
        var m = meters.CrossableMeterOf(from, to);
        var meter = meters.All[m];

        // Loops, not LINQ: one call per (item, home, destination) on a crossable meter, a sixth of the model build at
        // 1,000 realistic nodes.
        var count = 0;
        var last = -1;
        var most = 0.0;
        for (var i = 0; i < readers.Count; i++)
        {
            if (readers[i].Bytes > 0 && readers[i].At.Length > 0)
            {
                count++;
                last = i;
                most = Math.Max(most, readers[i].Bytes / meter.BytesPerUnit);
            }
        }

        if (count == 0)
        {
            return;
        }

        if (homeAt.Length == 0 && count == 1)
        {
            var units = readers[last].Bytes / meter.BytesPerUnit;
            foreach (var (col, w) in readers[last].At)
            {
                lp.AddCost(col, units * meter.FirstTierUsdPerUnit * w);
                volume[m].Add((col, units * w));
            }

            return;
        }

        var y = lp.AddColumn(0, Ceiling(most), meter.FirstTierUsdPerUnit, false);
        var terms = new List<(int Column, double Value)>();
        foreach (var (at, bytes) in readers)
        {
            if (bytes <= 0 || at.Length == 0)
            {
                continue;
            }

            var units = bytes / meter.BytesPerUnit;
            terms.Clear();
            foreach (var (column, weight) in at)
            {
                terms.Add((column, -weight * units));
            }

            foreach (var (column, weight) in homeAt)
            {
                terms.Add((column, -weight * units));
            }

            terms.Add((y, 1.0));
            lp.AddRow(terms, homeAt.Length == 0 ? 0 : -units, double.PositiveInfinity, isLazy: true);
        }

        volume[m].Add((y, 1.0));
    }

    /// <summary>
    /// A move of one node's bytes that happens exactly when node A is at one of some locations and node B at one of
    /// others (an item with a single reader: its home and its reader; a route-back: the node and its home), all on
    /// one meter. Each side is the sum of one node's location indicators, so at most 1; the move's volume is
    /// <c>z &gt;= units x (A + B - 1)</c>, one column per (move, meter) instead of one per pair of locations. An empty
    /// side <paramref name="a"/> stands for a fixed end (constant 1): the volume is then linear in B.
    /// </summary>
    public void AddPairedMove(int meterIndex, (int Column, double Weight)[] a, (int Column, double Weight)[] b, long bytes)
    {
        var meter = meters.All[meterIndex];
        var units = bytes / meter.BytesPerUnit;
        if (units <= 0 || b.Length == 0)
        {
            return;
        }

        if (a.Length == 0)
        {
            foreach (var (col, w) in b)
            {
                lp.AddCost(col, units * meter.FirstTierUsdPerUnit * w);
                volume[meterIndex].Add((col, units * w));
            }

            return;
        }

        var z = lp.AddColumn(0, Ceiling(units), meter.FirstTierUsdPerUnit, false);
        lp.AddRow(a.Concat(b).Select(t => (t.Column, -t.Weight * units)).Append((z, 1.0)), -units, double.PositiveInfinity, isLazy: true);
        volume[meterIndex].Add((z, 1.0));
    }

    /// <summary>Adds each crossable meter's volume column, boundary binaries and discount columns.</summary>
    public void Finish()
    {
        foreach (var meter in meters.Crossable.Where(m => volume[m.Index].Count > 0))
        {
            MetersModelled++;
            var most = Ceiling((double)meter.VolumeUpperBoundUnits);
            var v = lp.AddColumn(0, most, 0, false);
            lp.AddRow(volume[meter.Index].Select(t => (t.Column, -t.Weight)).Append((v, 1.0)), 0, 0);
            var previous = -1;
            foreach (var (start, drop) in meter.CrossableBoundaries)
            {
                if (drop < 0)
                {
                    var s = lp.AddColumn(0, most - start, -drop, false);
                    lp.AddRow([(s, 1.0), (v, -1.0)], -start, double.PositiveInfinity);
                    continue;
                }

                var b = lp.AddColumn(0, 1, 0, true);
                var e = lp.AddColumn(0, most - start, -drop, false);
                lp.AddRow([(e, 1.0), (v, -1.0), (b, start)], double.NegativeInfinity, 0);
                lp.AddRow([(e, 1.0), (b, -(most - start))], double.NegativeInfinity, 0);
                if (previous >= 0)
                {
                    lp.AddRow([(b, 1.0), (previous, -1.0)], double.NegativeInfinity, 0);
                }

                previous = b;
                binaries.Add((meter.Index, start, b));
            }
        }
    }

    /// <summary>Start values of the boundary binaries for a plan with these per-meter volumes: 1 exactly where its volume passes the boundary.</summary>
    public IEnumerable<(int Column, double Value)> StartValues(double[] volumes) =>
        binaries.Select(b => (b.Binary, volumes[b.Meter] > b.StartUnits ? 1.0 : 0.0));

    private static double Ceiling(double most) => most * (1 + 1e-6) + 1e-9;
}
