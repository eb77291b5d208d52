using Placement.Core.Model;
using static Placement.Testing.Fixtures;

namespace Placement.Planning.Tests;

/// <summary>Seeded random small scenarios over the fixture catalogue (the idea of Core.Tests' CostModelProperties).</summary>
internal static class RandomInstances
{
    /// <summary>
    /// A random DAG of 1..<paramref name="maxNodes"/> VM, GPU VM, service and LLM nodes, with partial reads
    /// (different byte levels per reader), an optional dataset and, when asked, random scenario constraints.
    /// With <paramref name="tree"/> every data item has at most one reader (chains and in-trees).
    /// Some VM outputs are split into parts read in random subsets, and some VMs with parents stream (no storage
    /// of their own); those extras draw from a second generator, so the DAG of a seed is the same as without them.
    /// </summary>
    public static Scenario Scenario(int seed, int maxNodes = 5, bool constraints = false, bool tree = false, Shape shape = Shape.Random)
    {
        var rng = new Random(seed);
        var extra = new Random(unchecked(seed * 31 + 7));
        var sp = new SeriesParallelState();
        tree |= shape == Shape.Tree;
        var n = rng.Next(1, maxNodes + 1);
        var nodes = new List<WorkflowNode>();
        var edges = new List<Edge>();
        var datasets = new List<Dataset>();
        var hasReader = new HashSet<string>(StringComparer.Ordinal);
        if (rng.Next(3) > 0)
        {
            var residency = constraints && rng.Next(4) == 0 ? new[] { Geo.Na } : [];
            datasets.Add(new Dataset("input", L(rng.Next(2) == 0 ? "gcp/us-west1" : "aws/us-east-1"), rng.NextInt64(1, 8_000_000_000), residency, null));
        }

        for (var i = 0; i < n; i++)
        {
            var name = $"n{i}";
            var bytes = rng.NextInt64(0, 20_000_000_000);
            var kind = rng.Next(6);
            var canLlm = i > 0 || datasets.Count > 0;
            nodes.Add(kind switch
            {
                1 => Service(name, "gcp-video-intelligence-labels", bytes, rng.Next(0, 500)),
                2 => Service(name, "aws-rekognition-video-labels", bytes, rng.Next(0, 500)),
                3 when canLlm => Llm(name, bytes / 1000, rng.Next(0, 2_000_000), rng.Next(0, 200_000)),
                4 => GpuVm(name, bytes, hours: rng.Next(1, 30) / 10m),
                _ => Vm(name, bytes, hours: rng.Next(0, 100) / 10m),
            });
            var options = Enumerable.Range(0, i).Select(p => $"n{p}").Concat(datasets.Select(d => d.Name))
                .Where(p => !tree || !hasReader.Contains(p)).ToList();
            var parents = shape switch
            {
                Shape.Chain => i > 0 ? [$"n{i - 1}"] : datasets.Select(d => d.Name).ToList(),
                Shape.SeriesParallel => sp.Next(rng, i, datasets.Select(d => d.Name).FirstOrDefault(), i == n - 1),
                Shape.Layered => LayeredParents(rng, i, datasets.Select(d => d.Name).FirstOrDefault()),
                _ => options.Where(_ => rng.Next(3) == 0).ToList(),
            };
            if (nodes[^1].Persistence == Persistence.None && parents.Count == 0 && options.Count > 0)
            {
                parents.Add(options[^1]);
            }

            if (nodes[^1].Persistence == Persistence.None && parents.Count == 0)
            {
                nodes[^1] = Vm(name, bytes);
            }

            if (nodes[^1].Endpoint is VmRequirement && parents.Count > 0 && extra.Next(4) == 0)
            {
                nodes[^1] = nodes[^1] with { Persistence = Persistence.None };
            }
            else if (nodes[^1].Endpoint is VmRequirement && nodes[^1].Persistence == Persistence.Native && bytes > 0 && extra.Next(3) == 0)
            {
                nodes[^1] = WithParts(nodes[^1], extra);
            }

            foreach (var p in parents)
            {
                hasReader.Add(p);
                var partial = rng.Next(2) == 0 ? rng.NextInt64(0, 3_000_000_000) : (long?)null;
                var producer = nodes.FirstOrDefault(x => x.Name == p);
                edges.Add(producer is { Parts.Count: > 0 }
                    ? new Edge(p, name, null, extra.Next(4) == 0 ? null : producer.Parts.Where(_ => extra.Next(2) == 0).Select(x => x.Name).ToList())
                    : new Edge(p, name, partial));
            }
        }

        var s = Fixtures.Scenario(nodes, edges, datasets);
        if (!constraints)
        {
            return s;
        }

        var names = nodes.Select(x => x.Name).ToList();
        var colocate = new List<IReadOnlyList<string>>();
        var anti = new List<IReadOnlyList<string>>();
        if (names.Count >= 2 && rng.Next(3) == 0)
        {
            colocate.Add(names.OrderBy(_ => rng.Next()).Take(2).Order(StringComparer.Ordinal).ToList());
        }

        if (names.Count >= 2 && rng.Next(3) == 0)
        {
            anti.Add(names.OrderBy(_ => rng.Next()).Take(2).Order(StringComparer.Ordinal).ToList());
        }

        var caps = new Dictionary<Location, int>();
        if (rng.Next(3) == 0)
        {
            caps[L("aws/us-east-1")] = rng.Next(0, 2) * 8;
        }

        decimal? budget = rng.Next(4) == 0 ? rng.Next(1, 400) : null;
        decimal? deadline = rng.Next(4) == 0 ? rng.Next(1, 40) / 4m : null;
        return s with { Constraints = new ScenarioConstraints([], [], colocate, anti, caps, null, budget, deadline) };
    }

    /// <summary>The node with its output split into 2-4 parts summing to its size.</summary>
    private static WorkflowNode WithParts(WorkflowNode node, Random rng)
    {
        var count = rng.Next(2, 5);
        var cuts = Enumerable.Range(0, count - 1).Select(_ => rng.NextInt64(0, node.OutputBytes + 1)).Append(0).Append(node.OutputBytes).Order().ToList();
        var parts = Enumerable.Range(0, count).Select(k => new DataPart($"p{k}", cuts[k + 1] - cuts[k])).ToList();
        return node with { OutputParts = parts };
    }

    /// <summary>Layers of three nodes; each node reads 1 or 2 nodes of the layer before (the first layer: the dataset, if any).</summary>
    private static List<string> LayeredParents(Random rng, int i, string? dataset)
    {
        const int width = 3;
        var layer = i / width;
        if (layer == 0)
        {
            return dataset is null ? [] : [dataset];
        }

        var start = (layer - 1) * width;
        return Enumerable.Range(0, rng.Next(1, 3)).Select(_ => $"n{start + rng.Next(width)}").Distinct().ToList();
    }

    /// <summary>Series-parallel growth: a chain, forks from the current tail into parallel branches, branches extended, then joined.</summary>
    private sealed class SeriesParallelState
    {
        private readonly List<string> branches = [];
        private string? tail;

        public List<string> Next(Random rng, int i, string? dataset, bool last)
        {
            var name = $"n{i}";
            if (tail is null)
            {
                tail = name;
                return dataset is null ? [] : [dataset];
            }

            if (branches.Count >= 2 && (last || rng.Next(2) == 0))
            {
                var ends = branches.ToList();
                branches.Clear();
                tail = name;
                return ends;
            }

            if (branches.Count > 0 && rng.Next(2) == 0)
            {
                var b = rng.Next(branches.Count);
                var parent = branches[b];
                branches[b] = name;
                return [parent];
            }

            if (branches.Count == 0 && rng.Next(3) == 0)
            {
                var parent = tail;
                tail = name;
                return [parent];
            }

            branches.Add(name);
            return [tail];
        }
    }
}
