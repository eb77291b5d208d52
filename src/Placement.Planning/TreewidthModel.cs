using System.Runtime.CompilerServices;

namespace Placement.Planning;

/// <summary>
/// The cost of a <see cref="PlanningProblem"/> as a sum of factors over node locations, for
/// <see cref="TreewidthDpSolver"/>. A node's variable is its location; the cheapest candidate to run at each
/// location stands for all candidates there, which is exact for the cost objective without scenario-wide
/// constraints (every other term depends on locations only). Nodes with a single location are constants.
/// Terms, each the exact expression of <see cref="PlanningProblem.CostUsd"/>: a node's run cost (scope: the
/// node); a route-back (the node and its anchor); and per data item its home copy, one transfer per remote
/// reader location of the largest read there, and the staged copy there (scope: the anchor and every reader,
/// since fan-out dedupe couples them all). Terms with the same scope share one table.
/// </summary>
internal sealed class TreewidthModel
{
    private readonly PlanningProblem problem;
    private readonly List<(int[] Scope, List<(TermKind Kind, int Index)> Terms)> groups = [];
    private readonly double[][] runByValue;
    private readonly int locationCount;
    private readonly double[] egress;
    private readonly double[] storage;
    private readonly (int Anchor, int FixedHome, long Bytes, int[] Readers, long[] ReadBytes, bool[] ReaderNative)[] items;

    private TreewidthModel(PlanningProblem problem)
    {
        this.problem = problem;
        var n = problem.NodeCount;
        Domain = new int[n];
        ValueLocation = new int[n][];
        ValueCandidate = new int[n][];
        runByValue = new double[n][];
        foreach (var node in problem.Nodes)
        {
            var locations = node.Locations;
            Domain[node.Index] = locations.Length;
            ValueLocation[node.Index] = locations;
            ValueCandidate[node.Index] = new int[locations.Length];
            runByValue[node.Index] = new double[locations.Length];
            for (var x = 0; x < locations.Length; x++)
            {
                // Cheapest candidate to run at the location; ties: the lowest candidate index.
                var best = -1;
                for (var c = 0; c < node.Candidates.Count; c++)
                {
                    if (node.LocationIndex[c] == locations[x] && (best < 0 || node.RunUsd[c] < node.RunUsd[best]))
                    {
                        best = c;
                    }
                }

                ValueCandidate[node.Index][x] = best;
                runByValue[node.Index][x] = (double)node.RunUsd[best];
            }
        }

        // Flat copies of the rates and items: the tables evaluate these millions of times.
        locationCount = problem.Locations.Count;
        egress = new double[locationCount * locationCount];
        storage = new double[locationCount];
        for (var a = 0; a < locationCount; a++)
        {
            storage[a] = problem.StorageUsdPerByte(a);
            for (var b = 0; b < locationCount; b++)
            {
                egress[(a * locationCount) + b] = problem.EgressUsdPerByte(a, b);
            }
        }

        items = problem.Items.Select(i => (i.AnchorNode, i.FixedHome, i.Bytes, i.Readers.Select(r => r.Node).ToArray(),
            i.Readers.Select(r => r.Bytes).ToArray(), i.Readers.Select(r => problem.Nodes[r.Node].IsNative).ToArray())).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(IEnumerable<int> nodes, TermKind kind, int termIndex)
        {
            var scope = nodes.Where(v => Domain[v] > 1).Distinct().Order().ToArray();
            var key = string.Join(",", scope);
            if (!index.TryGetValue(key, out var g))
            {
                g = groups.Count;
                index[key] = g;
                groups.Add((scope, []));
            }

            groups[g].Terms.Add((kind, termIndex));
        }

        foreach (var node in problem.Nodes)
        {
            Add([node.Index], TermKind.Run, node.Index);
            if (!node.IsNative && node.Node.OutputBytes > 0)
            {
                var anchor = problem.NodeHomeAnchor[node.Index];
                Add(anchor >= 0 ? [node.Index, anchor] : [node.Index], TermKind.RouteBack, node.Index);
            }
        }

        for (var i = 0; i < problem.Items.Count; i++)
        {
            var item = problem.Items[i];
            var scope = item.Readers.Select(r => r.Node);
            Add(item.AnchorNode >= 0 ? scope.Append(item.AnchorNode) : scope, TermKind.Item, i);
        }
    }

    private enum TermKind
    {
        Run,
        RouteBack,
        Item,
    }

    /// <summary>Per node, the number of distinct locations it can run at (its variable's domain).</summary>
    public int[] Domain { get; }

    /// <summary>Per node and value, the location index.</summary>
    public int[][] ValueLocation { get; }

    /// <summary>Per node and value, the candidate chosen at that location (cheapest to run).</summary>
    public int[][] ValueCandidate { get; }

    /// <summary>The scope of every table (ascending node indices; empty for constant terms).</summary>
    public IEnumerable<int[]> Scopes => groups.Select(g => g.Scope);

    /// <summary>Builds the model's scopes (no tables yet).</summary>
    public static TreewidthModel Build(PlanningProblem problem) => new(problem);

    /// <summary>Fills the tables: the factors with a non-empty scope, and the sum of the constant terms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (List<CostFactor> Factors, double Constant) Tables()
    {
        var n = problem.NodeCount;
        var value = new int[n];
        var loc = problem.Nodes.Select(v => ValueLocation[v.Index][0]).ToArray();
        var factors = new List<CostFactor>();
        double constant = 0;
        foreach (var (scope, terms) in groups)
        {
            var factor = new CostFactor(scope, Domain);
            var table = factor.Table;
            foreach (var v in scope)
            {
                value[v] = 0;
                loc[v] = ValueLocation[v][0];
            }

            for (var idx = 0; idx < table.Length; idx++)
            {
                double sum = 0;
                foreach (var (kind, t) in terms)
                {
                    sum += Evaluate(kind, t, value, loc);
                }

                table[idx] = sum;
                for (var k = scope.Length - 1; k >= 0; k--)
                {
                    var v = scope[k];
                    if (++value[v] < Domain[v])
                    {
                        loc[v] = ValueLocation[v][value[v]];
                        break;
                    }

                    value[v] = 0;
                    loc[v] = ValueLocation[v][0];
                }
            }

            if (scope.Length == 0)
            {
                constant += table[0];
            }
            else
            {
                factors.Add(factor);
            }
        }

        return (factors, constant);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Evaluate(TermKind kind, int t, int[] value, int[] loc)
    {
        switch (kind)
        {
            case TermKind.Run:
                return runByValue[t][value[t]];
            case TermKind.RouteBack:
                return problem.RouteBackUsd(t, loc);
            default:
                return ItemCost(t, loc);
        }
    }

    /// <summary>
    /// <see cref="PlanningProblem.ItemCostUsd"/> without allocations, over flat rate arrays: home copy, then per
    /// remote reader location the largest read there, and the largest read of a reader with storage staged. A deliberate twin: the tables evaluate it millions of
    /// times, and making the shared function allocation-free instead (stack buffers or a pairwise scan) cost
    /// the treewidth DP 30% and local search on bwa 2x; the property tests hold both to brute force.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ItemCost(int t, int[] loc)
    {
        var (anchor, fixedHome, bytes, readers, readBytes, readerNative) = items[t];
        var home = anchor >= 0 ? loc[anchor] : fixedHome;
        var homeRate = storage[home];
        var total = bytes > 0 && !double.IsNaN(homeRate) ? bytes * homeRate : 0;
        for (var j = 0; j < readers.Length; j++)
        {
            var l = loc[readers[j]];
            if (l == home)
            {
                continue;
            }

            var first = true;
            for (var k = 0; k < j && first; k++)
            {
                first = loc[readers[k]] != l;
            }

            if (!first)
            {
                continue;
            }

            long max = 0;
            long staged = 0;
            for (var k = j; k < readers.Length; k++)
            {
                if (loc[readers[k]] == l)
                {
                    max = Math.Max(max, readBytes[k]);
                    staged = readerNative[k] ? Math.Max(staged, readBytes[k]) : staged;
                }
            }

            total += max * egress[(home * locationCount) + l];
            var rate = storage[l];
            if (staged > 0 && !double.IsNaN(rate))
            {
                total += staged * rate;
            }
        }

        return total;
    }
}
