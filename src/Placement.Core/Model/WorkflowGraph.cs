using System.Runtime.CompilerServices;

namespace Placement.Core.Model;

/// <summary>
/// Read-only index over a scenario's DAG: producers, readers, primary parents and a topological order.
/// Built once per scenario; every query is O(1) or O(degree).
/// </summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, WorkflowNode> nodes;
    private readonly Dictionary<string, Dataset> datasets;
    private readonly Dictionary<string, List<ResolvedEdge>> inEdges;
    private readonly Dictionary<string, List<ResolvedEdge>> outEdges;
    private readonly Dictionary<string, ItemPartIndex> partIndexes = new(StringComparer.Ordinal);

    private WorkflowGraph(Scenario scenario, IReadOnlyList<string> order)
    {
        Scenario = scenario;
        nodes = scenario.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        datasets = scenario.Datasets.ToDictionary(d => d.Name, StringComparer.Ordinal);
        inEdges = scenario.Nodes.ToDictionary(n => n.Name, _ => new List<ResolvedEdge>(), StringComparer.Ordinal);
        outEdges = scenario.Nodes.Select(n => n.Name).Concat(scenario.Datasets.Select(d => d.Name))
            .ToDictionary(n => n, _ => new List<ResolvedEdge>(), StringComparer.Ordinal);
        foreach (var edge in scenario.Edges)
        {
            var resolved = Resolve(edge);
            inEdges[edge.To].Add(resolved);
            outEdges[edge.From].Add(resolved);
        }

        TopologicalOrder = order;
    }

    /// <summary>The scenario this graph indexes.</summary>
    public Scenario Scenario { get; }

    /// <summary>Node names, every node after all of its parents; ties kept in declaration order.</summary>
    public IReadOnlyList<string> TopologicalOrder { get; }

    /// <summary>
    /// Builds the graph. Fails with the node names of one cycle when the edges are not acyclic; edges
    /// must name known items (the loader checks that first).
    /// </summary>
    public static WorkflowGraph Build(Scenario scenario) =>
        TryBuild(scenario, out var graph, out var cycle)
            ? graph!
            : throw new InvalidOperationException($"The workflow has a cycle: {string.Join(" -> ", cycle!)}.");

    /// <summary>Builds the graph, or returns false with one cycle (first node repeated at the end).</summary>
    public static bool TryBuild(Scenario scenario, out WorkflowGraph? graph, out IReadOnlyList<string>? cycle)
    {
        // The loader builds the graph to check for cycles and every command builds it again: the graph of one
        // scenario instance is kept (weakly, like CandidateFinder's offerings) so the second build is a look-up.
        if (Built.TryGetValue(scenario, out var known))
        {
            graph = known;
            cycle = null;
            return true;
        }

        graph = null;
        cycle = null;

        // Kahn's algorithm on node indices (declaration order), with a queue ordered by that index so the order is
        // deterministic; children are kept as one flat array per node range (counted first, then filled).
        var count = scenario.Nodes.Count;
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            index.Add(scenario.Nodes[i].Name, i);
        }

        var indegree = new int[count];
        var start = new int[count + 1];
        foreach (var e in scenario.Edges)
        {
            if (index.TryGetValue(e.From, out var from) && index.ContainsKey(e.To))
            {
                start[from + 1]++;
            }
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        var children = new int[start[count]];
        var fill = start[..count];
        foreach (var e in scenario.Edges)
        {
            if (index.TryGetValue(e.From, out var from) && index.TryGetValue(e.To, out var to))
            {
                children[fill[from]++] = to;
                indegree[to]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (indegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<string>(count);
        while (ready.TryDequeue(out var n, out _))
        {
            order.Add(scenario.Nodes[n].Name);
            for (var k = start[n]; k < start[n + 1]; k++)
            {
                var c = children[k];
                if (--indegree[c] == 0)
                {
                    ready.Enqueue(c, c);
                }
            }
        }

        if (order.Count != count)
        {
            cycle = FindCycle(scenario, index, indegree);
            return false;
        }

        graph = new WorkflowGraph(scenario, order);
        Built.AddOrUpdate(scenario, graph);
        return true;
    }

    private static readonly ConditionalWeakTable<Scenario, WorkflowGraph> Built = new();

    /// <summary>True when a node of that name exists.</summary>
    public bool IsNode(string name) => nodes.ContainsKey(name);

    /// <summary>True when a dataset of that name exists.</summary>
    public bool IsDataset(string name) => datasets.ContainsKey(name);

    /// <summary>The node of that name.</summary>
    public WorkflowNode Node(string name) => nodes[name];

    /// <summary>The dataset of that name.</summary>
    public Dataset Dataset(string name) => datasets[name];

    /// <summary>Size in bytes of a data item (node output or dataset).</summary>
    public long ItemBytes(string item) =>
        nodes.TryGetValue(item, out var n) ? n.OutputBytes : datasets[item].Bytes;

    /// <summary>The parts of a data item: a node's declared output parts; empty for datasets and undivided outputs.</summary>
    public IReadOnlyList<DataPart> ItemParts(string item) =>
        nodes.TryGetValue(item, out var n) ? n.Parts : [];

    /// <summary>Edges into a node, in declaration order.</summary>
    public IReadOnlyList<ResolvedEdge> Inputs(string node) => inEdges[node];

    /// <summary>Edges out of a data item (its readers), in declaration order.</summary>
    public IReadOnlyList<ResolvedEdge> Readers(string item) => outEdges[item];

    /// <summary>
    /// The primary parent of a node: <c>storeWith</c> if set, else the input carrying the most bytes
    /// (ties: the first declared); null for a parentless node.
    /// </summary>
    public string? PrimaryParent(string node)
    {
        var n = nodes[node];
        if (n.StoreWith is not null)
        {
            return n.StoreWith;
        }

        ResolvedEdge? best = null;
        foreach (var e in inEdges[node])
        {
            if (best is null || e.Bytes > best.Bytes)
            {
                best = e;
            }
        }

        return best?.From;
    }

    private ResolvedEdge Resolve(Edge edge)
    {
        var parts = ItemParts(edge.From);
        if (parts.Count == 0)
        {
            return new ResolvedEdge(edge.From, edge.To, edge.Bytes ?? ItemBytes(edge.From));
        }

        // A reader of an item with parts reads whole parts: the named ones, or all of them. The part index is built
        // once per item, not once per reader (WfCommons-shaped outputs have many parts and many readers).
        var index = PartIndex(edge.From, parts);
        if (edge.Parts is null)
        {
            return new ResolvedEdge(edge.From, edge.To, index.Total, index.Names);
        }

        var bytes = 0L;
        foreach (var p in edge.Parts)
        {
            bytes += index.Sizes[p];
        }

        return new ResolvedEdge(edge.From, edge.To, bytes, edge.Parts);
    }

    private ItemPartIndex PartIndex(string item, IReadOnlyList<DataPart> parts)
    {
        if (!partIndexes.TryGetValue(item, out var index))
        {
            var sizes = new Dictionary<string, long>(parts.Count, StringComparer.Ordinal);
            var names = new List<string>(parts.Count);
            var total = 0L;
            foreach (var p in parts)
            {
                sizes[p.Name] = p.Bytes;
                names.Add(p.Name);
                total += p.Bytes;
            }

            index = new ItemPartIndex(sizes, names, total);
            partIndexes[item] = index;
        }

        return index;
    }

    private sealed record ItemPartIndex(Dictionary<string, long> Sizes, IReadOnlyList<string> Names, long Total);

    private static List<string> FindCycle(Scenario scenario, Dictionary<string, int> index, int[] indegree)
    {
        // Every node Kahn's algorithm could not order still has an unordered parent, so walking such parents
        // (in edge declaration order) from the first of them must revisit a node: that closes a cycle.
        var parents = new List<int>[indegree.Length];
        foreach (var e in scenario.Edges)
        {
            if (index.TryGetValue(e.From, out var from) && index.TryGetValue(e.To, out var to))
            {
                (parents[to] ??= []).Add(from);
            }
        }

        var seen = new Dictionary<int, int>();
        var path = new List<int>();
        var current = Array.FindIndex(indegree, d => d > 0);
        while (!seen.ContainsKey(current))
        {
            seen[current] = path.Count;
            path.Add(current);
            current = parents[current]!.First(p => indegree[p] > 0);
        }

        var cycle = path.Skip(seen[current]).Select(i => scenario.Nodes[i].Name).ToList();
        cycle.Add(scenario.Nodes[current].Name);
        cycle.Reverse();
        return cycle;
    }
}

/// <summary>
/// An edge with its byte count resolved (the producer's size when the scenario gave none). <paramref name="Parts"/>
/// lists the parts read when the item has parts (then <paramref name="Bytes"/> is their sum), else null.
/// </summary>
public sealed record ResolvedEdge(string From, string To, long Bytes, IReadOnlyList<string>? Parts = null);
