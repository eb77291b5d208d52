using Placement.Core.Model;

namespace Placement.Bench;

/// <summary>Seeded DAG shapes for the planner benchmark: chain, in-tree, diamond lattice, series-parallel, random layered.</summary>
internal static class PlannerScenarios
{
    public static Scenario Chain(int n, int seed)
    {
        var rng = new Random(seed);
        var edges = Enumerable.Range(1, n - 1).Select(i => new Edge($"t{i - 1}", $"t{i}", null)).Prepend(new Edge("input", "t0", null));
        return Make("chain", n, rng, edges.ToList());
    }

    /// <summary>A binary in-tree (reduction): every node feeds exactly one later node; the last node is the root.</summary>
    public static Scenario InTree(int n, int seed)
    {
        var rng = new Random(seed);
        var edges = new List<Edge>();
        for (var i = 0; i < n - 1; i++)
        {
            var j = n - 1 - i;
            edges.Add(new Edge($"t{i}", $"t{n - 1 - ((j - 1) / 2)}", null));
        }

        return Make("tree", n, rng, edges);
    }

    /// <summary>A lattice of width 4: node (r, c) reads (r-1, c) and (r-1, c+1 mod 4): fan-out 2 everywhere.</summary>
    public static Scenario Diamond(int n, int seed)
    {
        const int width = 4;
        var rng = new Random(seed);
        var edges = new List<Edge>();
        for (var i = 0; i < n; i++)
        {
            var (r, c) = (i / width, i % width);
            if (r == 0)
            {
                edges.Add(new Edge("input", $"t{i}", null));
                continue;
            }

            edges.Add(new Edge($"t{((r - 1) * width) + c}", $"t{i}", null));
            edges.Add(new Edge($"t{((r - 1) * width) + ((c + 1) % width)}", $"t{i}", null));
        }

        return Make("diamond", n, rng, edges);
    }

    /// <summary>
    /// Series-parallel (treewidth 2): a spine where, from the current tail, either one node follows, or a fork
    /// into 2 parallel branches (3 one time in six) of 1 to 3 nodes each, joined by the next node.
    /// </summary>
    public static Scenario SeriesParallel(int n, int seed)
    {
        var rng = new Random(seed);
        var edges = new List<Edge> { new("input", "t0", null) };
        var (tail, next) = (0, 1);
        while (next < n)
        {
            if (n - next < 4 || rng.Next(3) == 0)
            {
                edges.Add(new Edge($"t{tail}", $"t{next}", null));
                tail = next++;
                continue;
            }

            var ends = new List<int>();
            var width = rng.Next(6) == 0 ? 3 : 2;
            for (var b = 0; b < width && next < n - 1; b++)
            {
                var prev = tail;
                for (var len = rng.Next(1, 4); len > 0 && next < n - 1; len--)
                {
                    edges.Add(new Edge($"t{prev}", $"t{next}", null));
                    prev = next++;
                }

                ends.Add(prev);
            }

            edges.AddRange(ends.Select(e => new Edge($"t{e}", $"t{next}", null)));
            tail = next++;
        }

        return Make("series-par", n, rng, edges);
    }

    /// <summary>Layers of about sqrt(n) nodes; each node reads 1 to 3 random nodes of the layer before, some only a part.</summary>
    public static Scenario Layered(int n, int seed)
    {
        var rng = new Random(seed);
        var width = Math.Max(2, (int)Math.Sqrt(n));
        var edges = new List<Edge>();
        for (var i = 0; i < n; i++)
        {
            var layer = i / width;
            if (layer == 0)
            {
                edges.Add(new Edge("input", $"t{i}", null));
                continue;
            }

            var prevStart = (layer - 1) * width;
            var parents = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => prevStart + rng.Next(width)).Distinct();
            foreach (var p in parents)
            {
                edges.Add(new Edge($"t{p}", $"t{i}", rng.Next(3) == 0 ? rng.NextInt64(100_000_000, 2_000_000_000) : null));
            }
        }

        return Make("layered", n, rng, edges);
    }

    /// <summary>VM nodes with log-uniform outputs of 0.1 to 50 GB and runtimes of 0.2 to 4 h on the standard SKU.</summary>
    private static Scenario Make(string name, int n, Random rng, List<Edge> edges)
    {
        var nodes = Enumerable.Range(0, n).Select(i =>
        {
            var bytes = (long)(1e8 * Math.Pow(500, rng.NextDouble()));
            var hours = Math.Round(0.2m + (decimal)rng.NextDouble() * 3.8m, 3);
            return Node($"t{i}", bytes, hours);
        }).ToList();
        var datasets = edges.Any(e => e.From == "input")
            ? new List<Dataset> { new("input", PlannerCatalog.DataHome, 20_000_000_000, [], null) }
            : [];
        return new Scenario(name, null, datasets, nodes, edges, null, 1, ScenarioConstraints.None, name);
    }

    /// <summary>A VM node whose runtime depends on the SKU (see <see cref="PlannerCatalog.Skus"/>).</summary>
    public static WorkflowNode Node(string name, long bytes, decimal hours) =>
        new(name, new VmRequirement(null, 0, [], 0, 0), Persistence.Native, CandidateRules.Any,
            WorkEstimate.None with { RuntimeHoursBySku = PlannerCatalog.Skus.ToDictionary(s => s.Sku, s => Math.Round(hours * s.Speed, 4)) },
            bytes, null, 1, null, false);
}
