namespace Placement.Planning.Milp;

/// <summary>
/// The stronger side-constraint rows of the MILP (on unless <see cref="MilpSolver.StrongSideRows"/> is off):
/// presolve-style fixing of candidates no feasible plan can use, earliest/latest finish windows under a deadline,
/// and anti-affinity reader rows on the egress columns. Each is valid (cuts no plan) and none changes the optimum;
/// they only raise the LP bound and shrink the tree.
/// </summary>
internal sealed partial class MilpModel
{
    /// <summary>Slack in hours for the deadline windows: a candidate is fixed only when it misses the deadline by more.</summary>
    private const double WindowSlackHours = 1e-6;

    private readonly bool strong;

    /// <summary>Per item (by reference) and destination, the egress columns of its move (<see cref="MoveColumn"/>).</summary>
    private readonly Dictionary<DataItem, Dictionary<int, List<MoveColumn>>> moves = new(ReferenceEqualityComparer.Instance);

    /// <summary>Earliest and latest finish (hours) per node under the deadline; null without one.</summary>
    private (double[] Earliest, double[] Latest)? windows;

    /// <summary>
    /// One egress column of an (item, destination) move, as its rows bound it: <c>Column &gt;= bytes_r x PerByte x
    /// (at(r, l) - sum Minus)</c> for every reader r there (Minus: the home indicators of the homes that do not pay
    /// this column; empty for a fixed home).
    /// </summary>
    private sealed record MoveColumn(int Column, double PerByte, (int Column, double Weight)[] Minus);

    /// <summary>The items two or more members of one anti-affinity group read (bytes &gt; 0): the only moves <see cref="AntiAffinityReaderRows"/> bounds.</summary>
    private HashSet<DataItem>? antiAffinityItems;

    /// <summary>
    /// True when the egress columns of <paramref name="item"/>'s moves are recorded for the anti-affinity reader rows:
    /// strong rows on and two members of one group read it. Recording every move (its home sides copied per level) was a
    /// fifth of the model build at 200 realistic nodes, which have no such item.
    /// </summary>
    private bool RecordsMoves(DataItem item)
    {
        if (!strong)
        {
            return false;
        }

        if (antiAffinityItems is null)
        {
            var index = p.Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
            var groups = p.Constraints.AntiAffinity.Select(g => g.Select(m => index[m]).ToHashSet()).ToList();
            antiAffinityItems = new HashSet<DataItem>(ReferenceEqualityComparer.Instance);
            foreach (var candidate in p.Items)
            {
                if (groups.Any(g => candidate.Readers.Where(r => r.Bytes > 0 && g.Contains(r.Node)).Select(r => r.Node).Distinct().Count() >= 2))
                {
                    antiAffinityItems.Add(candidate);
                }
            }
        }

        return antiAffinityItems.Contains(item);
    }

    private void RecordMove(DataItem item, int l, int column, double perByte, IEnumerable<(int Column, double Weight)> minus)
    {
        if (!RecordsMoves(item))
        {
            return;
        }

        if (!moves.TryGetValue(item, out var byLocation))
        {
            moves[item] = byLocation = [];
        }

        if (!byLocation.TryGetValue(l, out var list))
        {
            byLocation[l] = list = [];
        }

        list.Add(new MoveColumn(column, perByte, minus.ToArray()));
    }

    /// <summary>
    /// Anti-affinity reader rows: the members of a group sit at distinct locations, so at most one of them is at l
    /// and <c>sum over members r of at(r, l)</c> is the 0/1 indicator "some member is at l". Every member that reads
    /// an item reads at least the smallest of their reads, so each egress column of the move to l is bounded by that
    /// read times the indicator: <c>Column &gt;= minBytes x PerByte x (sum_r at(r, l) - sum Minus)</c>. The per-reader
    /// rows take the largest single fraction; when the relaxation spreads the members over locations (1/3 each),
    /// these rows make it pay a move to every location the group occupies, as a plan does.
    /// </summary>
    private int AntiAffinityReaderRows(IReadOnlyList<int[]> groups)
    {
        var added = 0;
        foreach (var group in groups)
        {
            var members = group.ToHashSet();
            foreach (var item in p.Items)
            {
                if (!moves.TryGetValue(item, out var byLocation))
                {
                    continue;
                }

                var reads = item.Readers.Where(r => members.Contains(r.Node) && r.Bytes > 0).GroupBy(r => r.Node)
                    .Select(g => (Node: g.Key, Bytes: g.Max(r => r.Bytes))).ToList();
                if (reads.Count < 2)
                {
                    continue;
                }

                foreach (var (l, columns) in byLocation)
                {
                    var here = reads.Where(r => at[r.Node].ContainsKey(l)).ToList();
                    if (here.Count < 2)
                    {
                        continue;
                    }

                    var bytes = (double)here.Min(r => r.Bytes);
                    foreach (var move in columns)
                    {
                        var k = bytes * move.PerByte;
                        var terms = here.SelectMany(r => Scaled(At(r.Node, l), -k)).Concat(Scaled(move.Minus, k)).Append((move.Column, 1.0));
                        Lp.AddRow(terms, 0, double.PositiveInfinity, isLazy: true);
                        added++;
                    }
                }
            }
        }

        return added;
    }

    /// <summary>
    /// Fixes to 0 the candidates no feasible plan can use: a GPU SKU needing more GPUs than its location's cap; a
    /// location some member of its (transitive) colocate group cannot use; under a deadline, a candidate whose
    /// earliest finish (its fastest predecessors, their shortest transfers) is past its latest finish (the deadline
    /// less the fastest remaining path). Returns the number of columns fixed.
    /// </summary>
    private int FixUnfit(IReadOnlyList<int[]> colocate)
    {
        var fixedColumns = new HashSet<int>();
        void Fix(int v, int c)
        {
            if (fixedColumns.Add(x[v][c]))
            {
                Lp.SetUpper(x[v][c], 0);
            }
        }

        foreach (var n in p.Nodes)
        {
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                if (n.Gpus[c] > 0 && p.GpuCap(n.LocationIndex[c]) is { } cap && n.Gpus[c] > cap)
                {
                    Fix(n.Index, c);
                }
            }
        }

        foreach (var group in ColocateUnits(colocate))
        {
            var shared = group.Select(v => (IEnumerable<int>)p.Nodes[v].Locations).Aggregate((a, b) => a.Intersect(b)).ToHashSet();
            foreach (var v in group)
            {
                var n = p.Nodes[v];
                for (var c = 0; c < n.Candidates.Count; c++)
                {
                    if (!shared.Contains(n.LocationIndex[c]))
                    {
                        Fix(v, c);
                    }
                }
            }
        }

        if (windows is { } w && (w.Earliest, w.Latest) is var (earliest, latest))
        {
            foreach (var n in p.Nodes)
            {
                for (var c = 0; c < n.Candidates.Count; c++)
                {
                    if (EarliestFinish(n.Index, c, earliest) > latest[n.Index] + WindowSlackHours)
                    {
                        Fix(n.Index, c);
                    }
                }
            }
        }

        return fixedColumns.Count;
    }

    /// <summary>
    /// Earliest and latest finish per node under <paramref name="deadline"/>, from lower bounds on every term of
    /// the finish-time rows (transfers at their shortest over the possible homes, own runtime and route-back at
    /// the node's fastest): a plan meeting the deadline finishes every node inside its window.
    /// </summary>
    private (double[] Earliest, double[] Latest) Windows(double deadline)
    {
        var earliest = new double[p.NodeCount];
        foreach (var n in p.Nodes)
        {
            var best = double.PositiveInfinity;
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                best = Math.Min(best, EarliestFinish(n.Index, c, earliest));
            }

            earliest[n.Index] = best;
        }

        // Latest: a reader w finishes at least its fastest own time (runtime plus route-back) after each node it reads.
        var latest = Enumerable.Repeat(deadline, p.NodeCount).ToArray();
        for (var v = p.NodeCount - 1; v >= 0; v--)
        {
            var n = p.Nodes[v];
            var own = Enumerable.Range(0, n.Candidates.Count).Min(c => n.WallClockHours[c] + RouteBackHours(v, c));
            foreach (var (item, _) in p.ReadsOf[v])
            {
                if (p.Items[item].Producer is var u and >= 0)
                {
                    latest[u] = Math.Min(latest[u], latest[v] - own);
                }
            }
        }

        return (earliest, latest);
    }

    /// <summary>The earliest finish of node v on candidate c: its reads' producers at their earliest, each read at its shortest transfer.</summary>
    private double EarliestFinish(int v, int c, double[] earliest)
    {
        var n = p.Nodes[v];
        var l = n.LocationIndex[c];
        double start = 0;
        foreach (var (itemIndex, bytes) in p.ReadsOf[v])
        {
            var item = p.Items[itemIndex];
            var ready = item.Producer >= 0 ? earliest[item.Producer] : 0;
            var move = HomeLocations(item.AnchorNode, item.FixedHome).Min(h => p.TransferSeconds(h, l, bytes)) / 3600.0;
            start = Math.Max(start, ready + move);
        }

        return start + n.WallClockHours[c] + RouteBackHours(v, c);
    }

    /// <summary>The shortest route-back of node v's output from candidate c's location (0 for a node with storage).</summary>
    private double RouteBackHours(int v, int c)
    {
        var n = p.Nodes[v];
        if (n.IsNative)
        {
            return 0;
        }

        var l = n.LocationIndex[c];
        var homes = p.NodeFixedHome[v] >= 0 ? [p.NodeFixedHome[v]] : p.Nodes[p.NodeHomeAnchor[v]].Locations;
        return homes.Min(h => p.TransferSeconds(l, h, n.Node.OutputBytes)) / 3600.0;
    }

    /// <summary>The transitive colocate groups with at least two members.</summary>
    private List<int[]> ColocateUnits(IReadOnlyList<int[]> colocate)
    {
        var parent = Enumerable.Range(0, p.NodeCount).ToArray();
        int Find(int v) => parent[v] == v ? v : parent[v] = Find(parent[v]);
        foreach (var g in colocate)
        {
            foreach (var m in g.Skip(1))
            {
                var (a, b) = (Find(g[0]), Find(m));
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }

        return colocate.SelectMany(g => g).Distinct().GroupBy(Find).Select(g => g.ToArray()).Where(g => g.Length > 1).ToList();
    }
}
