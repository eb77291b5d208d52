using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;

namespace Placement.Execution.Scheduling;

/// <summary>
/// The scheduling rules of a run, shared by every driver (the embedded executor's loop and a Temporal workflow):
/// which nodes are ready given what completed, failed and is running (in plan order), which planned transfer
/// must precede which consumer, and which nodes a failure blocks. Pure and deterministic: no I/O, no clock, no
/// randomness, no async; every list comes out in a fixed order (plan order = the graph's topological order,
/// declaration order on ties; inputs in edge order), so workflow code may call it and replay the same decisions.
/// Built once per run; immutable.
/// </summary>
public sealed class RunSchedule
{
    private readonly WorkflowGraph graph;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> locations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> homes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> children = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Data, Location To), PlannedMove> moves = new();
    private readonly Dictionary<string, NodeInputSource[]> inputs = new(StringComparer.Ordinal);

    /// <summary>Builds the rules of a plan of the graph's scenario (the plan places every node).</summary>
    public RunSchedule(WorkflowGraph graph, Plan plan)
    {
        this.graph = graph;
        Order = graph.TopologicalOrder;
        for (var i = 0; i < Order.Count; i++)
        {
            index[Order[i]] = i;
        }

        foreach (var line in plan.Cost.Nodes)
        {
            locations[line.Node] = line.Location;
            homes[line.Node] = line.StorageHome;
        }

        foreach (var d in graph.Scenario.Datasets)
        {
            homes[d.Name] = d.Home;
        }

        // Bytes the consumers at a destination read: null for whole objects, else the largest declared read. A staged
        // copy holds what the consumers with storage there read (cost-model.md): consumers without storage stream.
        long? Largest(IEnumerable<Edge> reads) => reads.All(e => e.Bytes is not null) ? reads.Max(e => e.Bytes!.Value) : null;
        var readLimits = new Dictionary<(string Item, Location To), long?>();
        var stagedLimits = new Dictionary<(string Item, Location To), long?>();
        foreach (var group in graph.Scenario.Edges.Where(e => locations.ContainsKey(e.To)).GroupBy(e => (e.From, locations[e.To])))
        {
            readLimits[group.Key] = Largest(group);
            var storing = group.Where(e => graph.Node(e.To).Persistence == Persistence.Native).ToList();
            stagedLimits[group.Key] = storing.Count > 0 ? Largest(storing) : null;
        }

        bool Storing(string node) => graph.Node(node).Persistence == Persistence.Native;
        foreach (TransferLine t in plan.Cost.Transfers.Where(t => !t.IsRouteBack))
        {
            var staged = t.Consumers.Any(c => graph.IsNode(c) && Storing(c));
            var from = homes.TryGetValue(t.Data, out var h) ? h : t.From;
            var limits = staged ? stagedLimits : readLimits;
            IReadOnlyList<string>? parts = null, stagedParts = null;
            if (graph.ItemParts(t.Data).Count > 0)
            {
                // Each part once per destination: the union of the parts the readers there read, and of those the readers
                // with storage read for the staged copy: the cost model's own rule (TransferVolume), not a second copy of it.
                var volume = TransferVolume.Of(graph, t.Data, graph.Readers(t.Data).Where(e => locations.TryGetValue(e.To, out var at) && at == t.To), Storing);
                parts = volume.Parts;
                stagedParts = volume.StagedParts;
            }

            moves[(t.Data, t.To)] = new PlannedMove(t.Data, from, t.To, staged, limits.GetValueOrDefault((t.Data, t.To)), t.Consumers, parts, stagedParts);
        }

        foreach (var n in Order)
        {
            parents[n] = graph.Inputs(n).Select(e => e.From).Where(graph.IsNode).Distinct(StringComparer.Ordinal).ToArray();
            children[n] = graph.Readers(n).Select(e => e.To).Distinct(StringComparer.Ordinal).ToArray();
            var loc = locations[n];
            var reads = graph.Scenario.Edges.Where(e => e.To == n).GroupBy(e => e.From, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Largest(g), StringComparer.Ordinal);
            inputs[n] = graph.Inputs(n).Select(e => e.From).Distinct(StringComparer.Ordinal)
                .Select(item => homes[item] == loc
                    ? new NodeInputSource(item, homes[item], true, null, null, PartsRead(n, item))
                    : new NodeInputSource(item, homes[item], false, moves.GetValueOrDefault((item, loc)), reads[item], PartsRead(n, item)))
                .ToArray();
        }
    }

    /// <summary>The parts of an item with parts a node reads (the union of its edges' parts, in declared order); null for an undivided item.</summary>
    private IReadOnlyList<string>? PartsRead(string node, string item)
    {
        var parts = graph.ItemParts(item);
        if (parts.Count == 0)
        {
            return null;
        }

        var read = graph.Inputs(node).Where(e => e.From == item).SelectMany(e => e.Parts ?? parts.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
        return parts.Where(p => read.Contains(p.Name)).Select(p => p.Name).ToList();
    }

    /// <summary>Every node in plan order (each after all of its parents).</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>The node's position in <see cref="Order"/>.</summary>
    public int IndexOf(string node) => index[node];

    /// <summary>Where the plan runs a node.</summary>
    public Location LocationOf(string node) => locations[node];

    /// <summary>Where a data item (node output or dataset) is stored.</summary>
    public Location HomeOf(string item) => homes[item];

    /// <summary>The nodes whose outputs a node reads (distinct, in edge order).</summary>
    public IReadOnlyList<string> Parents(string node) => parents[node];

    /// <summary>The nodes that read a node's output (distinct, in edge order).</summary>
    public IReadOnlyList<string> Children(string node) => children[node];

    /// <summary>A node's distinct input items in edge order, each with where it lives and the move that brings it.</summary>
    public IReadOnlyList<NodeInputSource> Inputs(string node) => inputs[node];

    /// <summary>The plan's transfer of an item to a destination, or null when it has none.</summary>
    public PlannedMove? Move(string item, Location to) => moves.GetValueOrDefault((item, to));

    /// <summary>Every planned (non-route-back) transfer, ordered by item then destination.</summary>
    public IReadOnlyList<PlannedMove> Moves =>
        moves.Values.OrderBy(m => m.Data, StringComparer.Ordinal).ThenBy(m => m.To).ToList();

    /// <summary>
    /// The staged moves that must complete before <paramref name="node"/> starts (its remote inputs whose
    /// destination bucket the plan stages), in input order. Each is shared by every consumer at that destination:
    /// the first consumer to need it triggers it, the others wait for the same move.
    /// </summary>
    public IReadOnlyList<PlannedMove> MovesBefore(string node) =>
        inputs[node].Where(i => i.Move is { Staged: true }).Select(i => i.Move!).ToList();

    /// <summary>
    /// The nodes that may start now, in plan order: not completed, failed or running, and every parent
    /// completed. A failed node's descendants never become ready; other branches are unaffected.
    /// </summary>
    public IReadOnlyList<string> Ready(IReadOnlySet<string> completed, IReadOnlySet<string> failed, IReadOnlySet<string> running) =>
        Order.Where(n => !completed.Contains(n) && !failed.Contains(n) && !running.Contains(n) && parents[n].All(completed.Contains)).ToList();

    /// <summary>Nodes that can no longer run because an ancestor failed (the failed nodes excluded), in plan order.</summary>
    public IReadOnlyList<string> Blocked(IReadOnlySet<string> failed)
    {
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in Order)
        {
            if (parents[n].Any(p => failed.Contains(p) || blocked.Contains(p)))
            {
                blocked.Add(n);
            }
        }

        return Order.Where(n => blocked.Contains(n) && !failed.Contains(n)).ToList();
    }

    /// <summary>A node and every node downstream of it, in plan order.</summary>
    public IReadOnlyList<string> Downstream(string node)
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { node };
        foreach (var n in Order.Skip(index[node] + 1))
        {
            if (parents[n].Any(set.Contains))
            {
                set.Add(n);
            }
        }

        return Order.Where(set.Contains).ToList();
    }

    /// <summary>The scenario node (for drivers that need its definition).</summary>
    public WorkflowNode Node(string node) => graph.Node(node);
}
