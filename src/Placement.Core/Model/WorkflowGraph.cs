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
        graph = null;
        cycle = null;
        var nodeNames = scenario.Nodes.Select(n => n.Name).ToList();
        var indegree = nodeNames.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var children = nodeNames.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        var parents = nodeNames.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var e in scenario.Edges.Where(e => indegree.ContainsKey(e.From) && indegree.ContainsKey(e.To)))
        {
            indegree[e.To]++;
            children[e.From].Add(e.To);
            parents[e.To].Add(e.From);
        }

        // Kahn's algorithm with a queue seeded in declaration order keeps the order deterministic.
        var declared = nodeNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, int>();
        foreach (var n in nodeNames.Where(n => indegree[n] == 0))
        {
            ready.Enqueue(n, declared[n]);
        }

        var order = new List<string>(nodeNames.Count);
        while (ready.TryDequeue(out var n, out _))
        {
            order.Add(n);
            foreach (var c in children[n])
            {
                if (--indegree[c] == 0)
                {
                    ready.Enqueue(c, declared[c]);
                }
            }
        }

        if (order.Count != nodeNames.Count)
        {
            cycle = FindCycle(nodeNames.First(n => indegree[n] > 0), parents, indegree);
            return false;
        }

        graph = new WorkflowGraph(scenario, order);
        return true;
    }

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

        // A reader of an item with parts reads whole parts: the named ones, or all of them.
        var read = edge.Parts ?? parts.Select(p => p.Name).ToList();
        var sizes = parts.ToDictionary(p => p.Name, p => p.Bytes, StringComparer.Ordinal);
        return new ResolvedEdge(edge.From, edge.To, read.Sum(p => sizes[p]), read);
    }

    private static List<string> FindCycle(string start, Dictionary<string, List<string>> parents, Dictionary<string, int> indegree)
    {
        // Every node Kahn's algorithm could not order still has an unordered parent, so walking such parents
        // from any of them must revisit a node: that closes a cycle.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var current = start;
        while (!seen.ContainsKey(current))
        {
            seen[current] = path.Count;
            path.Add(current);
            current = parents[current].First(p => indegree[p] > 0);
        }

        var cycle = path.Skip(seen[current]).ToList();
        cycle.Add(current);
        cycle.Reverse();
        return cycle;
    }
}

/// <summary>
/// An edge with its byte count resolved (the producer's size when the scenario gave none). <paramref name="Parts"/>
/// lists the parts read when the item has parts (then <paramref name="Bytes"/> is their sum), else null.
/// </summary>
public sealed record ResolvedEdge(string From, string To, long Bytes, IReadOnlyList<string>? Parts = null);
