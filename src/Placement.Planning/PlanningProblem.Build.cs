using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;

namespace Placement.Planning;

/// <summary>Building a <see cref="PlanningProblem"/> from a cost model: candidates, locations, homes and data items.</summary>
public sealed partial class PlanningProblem
{
    /// <summary>
    /// Builds the problem. Throws <see cref="PlanningException"/> naming the conflicting rules when some node
    /// has no candidate left, or a colocate group has no common location.
    /// </summary>
    public static PlanningProblem Build(CostModel model, NetworkModel network)
    {
        var graph = model.Graph;
        var scenario = graph.Scenario;
        var pricing = model.Pricing;
        var constraints = scenario.Constraints;
        var conflicts = new List<string>();
        var residency = ResidencyByNode(graph);

        var raw = new List<(WorkflowNode Node, List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)> Kept, List<ExcludedCandidate> Excluded)>();
        var rules = new RuleExclusions(constraints, pricing);
        foreach (var name in graph.TopologicalOrder)
        {
            var node = graph.Node(name);
            var offered = CandidateFinder.Offered(node, pricing);
            var kept = new List<(Candidate, NodeRunPrice, int, double)>();
            var geos = residency[name];
            var (admitted, ruled) = rules.For(node, offered, geos.Geos, geos.Source);
            var excluded = ruled;
            foreach (var c in admitted)
            {
                var price = NodeRunPrice.TryPrice(node, c, pricing, out var missing);
                if (price is null)
                {
                    // Node-specific: copy the shared list before adding to it.
                    excluded = ReferenceEquals(excluded, ruled) ? [.. ruled] : excluded;
                    excluded.Add(new ExcludedCandidate(c, $"no price: {missing}"));
                    continue;
                }

                var sku = node.Endpoint is VmRequirement ? pricing.Sku(c.Location, c.Offering) : null;
                var gpus = checked((sku?.GpuCount ?? 0) * node.InstanceCount);
                var hours = (double)node.Work.WallClockHours(c.Offering, sku?.GpuType, sku is not null);
                kept.Add((c, price!, gpus, hours));
            }

            if (kept.Count == 0)
            {
                conflicts.Add(NoCandidateMessage(node, offered, excluded));
            }

            raw.Add((node, kept, excluded));
        }

        if (conflicts.Count > 0)
        {
            throw new PlanningException(conflicts);
        }

        var locationSet = new SortedSet<Location>();
        foreach (var (_, kept, _) in raw)
        {
            foreach (var k in kept)
            {
                locationSet.Add(k.C.Location);
            }
        }

        foreach (var d in scenario.Datasets)
        {
            locationSet.Add(d.Home);
        }

        if (scenario.DefaultStorage is { } def)
        {
            locationSet.Add(def);
        }

        var locations = locationSet.ToList();
        var locIndex = locations.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var nodes = new List<PlanningNode>();
        var excludedAll = new List<IReadOnlyList<ExcludedCandidate>>();
        for (var i = 0; i < raw.Count; i++)
        {
            var (node, kept, shared) = raw[i];
            var excluded = shared;
            var pruned = PruneDominated(kept, () => excluded = ReferenceEquals(excluded, shared) ? [.. shared] : excluded);
            nodes.Add(new PlanningNode(
                i,
                node,
                pruned.Select(k => k.C).ToList(),
                pruned.Select(k => locIndex[k.C.Location]).ToArray(),
                pruned.Select(k => k.P.TotalUsd).ToArray(),
                pruned.Select(k => k.Gpus).ToArray(),
                pruned.Select(k => k.Hours).ToArray(),
                node.Persistence == Persistence.Native));
            excludedAll.Add(excluded);
        }

        var nodeIndex = nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        var anchor = new int[nodes.Count];
        var fixedHome = new int[nodes.Count];
        foreach (var n in nodes)
        {
            anchor[n.Index] = -1;
            fixedHome[n.Index] = -1;
            if (n.IsNative)
            {
                anchor[n.Index] = n.Index;
                continue;
            }

            var parent = graph.PrimaryParent(n.Name);
            if (parent is null)
            {
                if (scenario.DefaultStorage is { } fallback)
                {
                    fixedHome[n.Index] = locIndex[fallback];
                }
                else
                {
                    conflicts.Add($"node {n.Name}: has no storage, no parent and the scenario declares no storage.default; add storage.default or a storeWith parent");
                }
            }
            else if (graph.IsDataset(parent))
            {
                fixedHome[n.Index] = locIndex[graph.Dataset(parent).Home];
            }
            else
            {
                // Topological order: the parent's anchor is already resolved.
                anchor[n.Index] = anchor[nodeIndex[parent]];
                fixedHome[n.Index] = fixedHome[nodeIndex[parent]];
            }
        }

        foreach (var n in nodes.Where(n => fixedHome[n.Index] >= 0 && pricing.StorageAt(locations[fixedHome[n.Index]]) is null))
        {
            conflicts.Add($"node {n.Name}: its output would be stored at {locations[fixedHome[n.Index]]}, which has no storage price");
        }

        if (conflicts.Count > 0)
        {
            throw new PlanningException(conflicts);
        }

        var items = new List<DataItem>();
        foreach (var d in scenario.Datasets)
        {
            items.Add(new DataItem(d.Name, d.Bytes, -1, locIndex[d.Home], Readers(graph, d.Name, nodeIndex), -1));
        }

        foreach (var n in nodes)
        {
            items.AddRange(OutputItems(graph, n, anchor[n.Index], fixedHome[n.Index], nodeIndex));
        }

        var problem = new PlanningProblem(model, network, locations, nodes, items, anchor, fixedHome, excludedAll);
        problem.CheckGroups();
        return problem;
    }

    private static List<ItemReader> Readers(WorkflowGraph graph, string item, Dictionary<string, int> nodeIndex) =>
        graph.Readers(item).Select(e => new ItemReader(nodeIndex[e.To], e.Bytes)).ToList();

    /// <summary>
    /// A node's output as planning items. An undivided output is one item. An output with parts is one item per
    /// group of parts with the same readers, each reader reading its groups whole: then "one transfer per (item,
    /// destination) of the largest read there" moves each part once per destination, which is the cost model's
    /// union of reads (<see cref="TransferVolume"/>), and the staged copies hold the parts native readers read.
    /// Parts nobody reads form a group without readers (home copy only). Groups keep the parts' declared order.
    /// </summary>
    private static IEnumerable<DataItem> OutputItems(WorkflowGraph graph, PlanningNode n, int anchor, int fixedHome, Dictionary<string, int> nodeIndex)
    {
        var parts = n.Node.Parts;
        if (parts.Count == 0)
        {
            yield return new DataItem(n.Name, n.Node.OutputBytes, anchor, fixedHome, Readers(graph, n.Name, nodeIndex), n.Index);
            yield break;
        }

        var readersOf = parts.ToDictionary(p => p.Name, _ => new SortedSet<int>(), StringComparer.Ordinal);
        foreach (var e in graph.Readers(n.Name))
        {
            foreach (var part in e.Parts!)
            {
                readersOf[part].Add(nodeIndex[e.To]);
            }
        }

        foreach (var group in parts.GroupBy(p => string.Join(",", readersOf[p.Name]), StringComparer.Ordinal))
        {
            var bytes = group.Sum(p => p.Bytes);
            var readers = readersOf[group.First().Name].Select(r => new ItemReader(r, bytes)).ToList();
            yield return new DataItem(n.Name, bytes, anchor, fixedHome, readers, n.Index);
        }
    }

    private static Dictionary<string, (IReadOnlyList<Geo>? Geos, string Source)> ResidencyByNode(WorkflowGraph graph)
    {
        // Each node inherits the residency of every dataset it derives from (through any path); several
        // restricted datasets intersect.
        var result = new Dictionary<string, (IReadOnlyList<Geo>? Geos, string Source)>(StringComparer.Ordinal);
        foreach (var name in graph.TopologicalOrder)
        {
            IReadOnlyList<Geo>? geos = null;
            var sources = new List<string>();
            foreach (var e in graph.Inputs(name))
            {
                IReadOnlyList<Geo>? from;
                string src;
                if (graph.IsDataset(e.From))
                {
                    var d = graph.Dataset(e.From);
                    from = d.Residency.Count > 0 ? d.Residency : null;
                    src = from is null ? "" : $"dataset {d.Name}";
                }
                else
                {
                    (from, src) = result[e.From];
                }

                if (from is not null)
                {
                    geos = geos is null ? from : geos.Intersect(from).ToList();
                    foreach (var s in src.Split(", ", StringSplitOptions.RemoveEmptyEntries).Where(s => !sources.Contains(s)))
                    {
                        sources.Add(s);
                    }
                }
            }

            result[name] = (geos, string.Join(", ", sources));
        }

        return result;
    }
}
