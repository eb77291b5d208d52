using System.Globalization;
using System.Runtime.CompilerServices;

namespace Placement.Planning;

/// <summary>
/// Greedy min-fill elimination order over the interaction graph of a factor model (two nodes are joined when
/// some table has both), with the cost estimate of variable elimination along it. Ties: fewest neighbours,
/// then the smallest table, then the lowest node index. Stops early as soon as a limit is exceeded.
/// </summary>
internal static class EliminationOrder
{
    /// <summary>
    /// The order of the nodes with more than one value, and the estimate (with a refusal when a limit is
    /// exceeded; <paramref name="name"/> names nodes in it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int[] Order, TreewidthEstimate Estimate) Compute(int[] domain, IEnumerable<int[]> scopes, Func<int, string> name, double maxTable, double maxWork, double maxStored)
    {
        var n = domain.Length;
        var adj = new HashSet<int>[n];
        for (var v = 0; v < n; v++)
        {
            adj[v] = [];
        }

        double largest = 0, work = 0, stored = 0;
        foreach (var scope in scopes)
        {
            double size = 1;
            foreach (var v in scope)
            {
                size *= domain[v];
            }

            largest = Math.Max(largest, size);
            work += size;
            stored += size;
            if (size > maxTable)
            {
                return ([], Refuse(scope.Length - 1, largest, work, stored, $"a data item couples {scope.Length} nodes ({Names(scope, name)}): its table has {Format(size)} entries (limit {Format(maxTable)})"));
            }

            foreach (var a in scope)
            {
                foreach (var b in scope)
                {
                    if (a != b)
                    {
                        adj[a].Add(b);
                    }
                }
            }
        }

        // Candidates keyed by (fill, degree, table size, index); only the nodes around an elimination change key.
        var key = new (long Fill, int Degree, double Table, int Node)[n];
        var queue = new SortedSet<(long Fill, int Degree, double Table, int Node)>();
        void Update(int v)
        {
            queue.Remove(key[v]);
            key[v] = (Fill(adj, v), adj[v].Count, TableSize(adj[v], domain), v);
            queue.Add(key[v]);
        }

        for (var v = 0; v < n; v++)
        {
            if (domain[v] > 1)
            {
                key[v] = (Fill(adj, v), adj[v].Count, TableSize(adj[v], domain), v);
                queue.Add(key[v]);
            }
        }

        var order = new List<int>();
        var width = 0;
        while (queue.Count > 0)
        {
            var (_, _, bestTable, best) = queue.Min;
            queue.Remove(queue.Min);
            width = Math.Max(width, adj[best].Count);
            largest = Math.Max(largest, bestTable);
            work += bestTable * domain[best];
            stored += 2 * bestTable;
            if (bestTable > maxTable)
            {
                return ([], Refuse(width, largest, work, stored, $"eliminating node {name(best)} (joined with {Names(adj[best].Order(), name)}) builds a table of {Format(bestTable)} entries (limit {Format(maxTable)}; induced width {width})"));
            }

            if (work > maxWork)
            {
                return ([], Refuse(width, largest, work, stored, $"the elimination needs more than {Format(maxWork)} table operations (induced width {width})"));
            }

            if (stored > maxStored)
            {
                return ([], Refuse(width, largest, work, stored, $"the elimination stores more than {Format(maxStored)} table entries (induced width {width})"));
            }

            order.Add(best);
            var neighbours = adj[best].ToArray();
            foreach (var a in neighbours)
            {
                adj[a].Remove(best);
                foreach (var b in neighbours)
                {
                    if (a != b)
                    {
                        adj[a].Add(b);
                    }
                }
            }

            adj[best].Clear();
            var affected = new SortedSet<int>(neighbours);
            foreach (var a in neighbours)
            {
                affected.UnionWith(adj[a]);
            }

            foreach (var a in affected)
            {
                Update(a);
            }
        }

        return (order.ToArray(), new TreewidthEstimate(width, largest, work, stored, null));
    }

    private static string Names(IEnumerable<int> nodes, Func<int, string> name)
    {
        var list = nodes.ToList();
        return string.Join(", ", list.Take(4).Select(name)) + (list.Count > 4 ? $" and {list.Count - 4} more" : "");
    }

    private static TreewidthEstimate Refuse(int width, double largest, double work, double stored, string why) =>
        new(width, largest, work, stored, "treewidth-dp does not apply: " + why);

    private static string Format(double x) =>
        double.IsInfinity(x) ? "more than 1e+308" : x.ToString(x < 1e7 ? "#,0" : "0.0e+0", CultureInfo.InvariantCulture);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double TableSize(HashSet<int> neighbours, int[] domain)
    {
        double size = 1;
        foreach (var u in neighbours)
        {
            size *= domain[u];
        }

        return size;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Fill(HashSet<int>[] adj, int v)
    {
        var nb = adj[v].ToArray();
        long missing = 0;
        for (var i = 0; i < nb.Length; i++)
        {
            for (var j = i + 1; j < nb.Length; j++)
            {
                if (!adj[nb[i]].Contains(nb[j]))
                {
                    missing++;
                }
            }
        }

        return missing;
    }
}
