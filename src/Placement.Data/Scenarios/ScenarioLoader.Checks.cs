using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Data.Scenarios;

// Checks against the pricing catalogue and the graph, run after the fields are read.
public static partial class ScenarioLoader
{
    /// <summary>
    /// Reports every semantic problem; returns each node's cheapest candidate (for the warnings, so they do not price
    /// every candidate again), or null when the checks stopped early.
    /// </summary>
    private static ScenarioWarnings.Cheapest[]? Check(Scenario s, PricingCatalog pricing, YamlSource src)
    {
        var names = new HashSet<string>(s.Datasets.Count + s.Nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < s.Datasets.Count; i++)
        {
            var d = s.Datasets[i];
            if (!names.Add(d.Name))
            {
                src.Add($"datasets[{i}].name", $"name '{d.Name}' is used twice", "names of nodes and datasets must be unique");
            }

            CheckKnown(pricing, src, d.Home, $"datasets[{i}].home", needsStorage: true);
        }

        for (var i = 0; i < s.Nodes.Count; i++)
        {
            if (!names.Add(s.Nodes[i].Name))
            {
                src.Add($"nodes[{i}].name", $"name '{s.Nodes[i].Name}' is used twice", "names of nodes and datasets must be unique");
            }
        }

        if (s.DefaultStorage is { } ds)
        {
            CheckKnown(pricing, src, ds, "storage.default", needsStorage: true);
        }

        // Each name's first node; a repeated name was reported above.
        var nodeIndex = new Dictionary<string, int>(s.Nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < s.Nodes.Count; i++)
        {
            nodeIndex.TryAdd(s.Nodes[i].Name, i);
        }

        var datasetNames = s.Datasets.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var edgesOk = true;
        for (var i = 0; i < s.Edges.Count; i++)
        {
            var e = s.Edges[i];
            if (!nodeIndex.ContainsKey(e.From) && !datasetNames.Contains(e.From))
            {
                src.Add($"edges[{i}].from", $"'{e.From}' is not a node or dataset", Suggest(e.From, names));
                edgesOk = false;
            }

            if (!nodeIndex.ContainsKey(e.To))
            {
                src.Add($"edges[{i}].to", datasetNames.Contains(e.To) ? $"'{e.To}' is a dataset; edges must end at a node" : $"'{e.To}' is not a node", Suggest(e.To, nodeIndex.Keys));
                edgesOk = false;
            }

            if (e.From == e.To)
            {
                src.Add($"edges[{i}]", $"node '{e.From}' reads its own output", "remove the self-loop");
                edgesOk = false;
            }
        }

        edgesOk &= CheckEdgeParts(s, nodeIndex, src);
        // Each repeated (from, to) pair is reported once, at its second declaration, in the order pairs first appear.
        // Pairs are keyed by name numbers (a node's index, then datasets, then unknown names) rather than by strings.
        var datasetIndex = new Dictionary<string, int>(s.Datasets.Count, StringComparer.Ordinal);
        for (var i = 0; i < s.Datasets.Count; i++)
        {
            datasetIndex.TryAdd(s.Datasets[i].Name, s.Nodes.Count + i);
        }

        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        long Number(string name) =>
            nodeIndex.TryGetValue(name, out var n) || datasetIndex.TryGetValue(name, out n) ? n
            : unknown.TryGetValue(name, out n) ? n
            : unknown[name] = s.Nodes.Count + s.Datasets.Count + unknown.Count;

        var firstOf = new Dictionary<long, int>(s.Edges.Count);
        var repeats = new SortedDictionary<int, int>();
        for (var i = 0; i < s.Edges.Count; i++)
        {
            var key = (Number(s.Edges[i].From) << 32) | Number(s.Edges[i].To);
            if (!firstOf.TryAdd(key, i))
            {
                repeats.TryAdd(firstOf[key], i);
            }
        }

        foreach (var (_, second) in repeats)
        {
            var dup = s.Edges[second];
            src.Add($"edges[{second}]", $"edge {dup.From} -> {dup.To} is declared twice", "declare each edge once; give it the largest bytes read");
            edgesOk = false;
        }

        if (!edgesOk || names.Count != s.Datasets.Count + s.Nodes.Count)
        {
            return null;
        }

        if (!WorkflowGraph.TryBuild(s, out var graph, out var cycle))
        {
            src.Add($"nodes[{nodeIndex[cycle![0]]}]", $"the workflow has a cycle: {string.Join(" -> ", cycle)}", "a workflow must be a DAG: remove one of these edges");
            return null;
        }

        var sizes = s.Datasets.ToDictionary(d => d.Name, d => (decimal)d.Bytes, StringComparer.Ordinal);
        foreach (var n in s.Nodes)
        {
            sizes[n.Name] = n.OutputBytes;
        }

        var total = sizes.Values.Sum() + s.Edges.Sum(e => e.Bytes ?? sizes[e.From]);
        if (total > ScenarioLimits.MaxTotalBytes)
        {
            src.Add("datasets", $"the scenario's data adds up to {total:0} bytes (datasets, node outputs and what every edge reads), more than the {ScenarioLimits.Text(ScenarioLimits.MaxTotalBytes)} bytes the cost model and simulator can add up",
                "check the sizes and their units (2 GB, 500 MiB; a bare number is bytes)");
        }

        var known = new KnownNames(pricing);
        var cheapest = new ScenarioWarnings.Cheapest[s.Nodes.Count];
        for (var i = 0; i < s.Nodes.Count; i++)
        {
            cheapest[i] = CheckNode(s, graph!, pricing, known, src, s.Nodes[i], i);
        }

        CheckConstraints(s, nodeIndex, pricing, src);
        return cheapest;
    }

    /// <summary>
    /// Edges from an output with parts read whole parts: they name known parts (or none, meaning all), never a
    /// byte count; edges from anything else name no parts.
    /// </summary>
    private static bool CheckEdgeParts(Scenario s, Dictionary<string, int> nodeIndex, YamlSource src)
    {
        var ok = true;

        // Part names of each item as a set, built once per item: an edge's check is linear in the parts it names.
        var partNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < s.Edges.Count; i++)
        {
            var e = s.Edges[i];
            var parts = nodeIndex.TryGetValue(e.From, out var from) ? s.Nodes[from].Parts : [];
            if (e.Parts is not null && parts.Count == 0)
            {
                src.Add($"edges[{i}].parts", $"'{e.From}' has no parts", "declare parts: on the node, or read the whole item without parts");
                ok = false;
                continue;
            }

            if (parts.Count > 0 && e.Bytes is not null)
            {
                src.Add($"edges[{i}].bytes", $"'{e.From}' has parts: a reader reads whole parts", $"name them with parts: [...] (its parts are {string.Join(", ", parts.Take(6).Select(p => p.Name))}{(parts.Count > 6 ? ", ..." : "")}), or leave both out to read all");
                ok = false;
            }

            if (e.Parts is null)
            {
                continue;
            }

            if (!partNames.TryGetValue(e.From, out var names))
            {
                names = parts.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                partNames[e.From] = names;
            }

            seen.Clear();
            for (var j = 0; j < e.Parts.Count; j++)
            {
                var part = e.Parts[j];
                var repeated = !seen.Add(part);
                if (!names.Contains(part))
                {
                    src.Add($"edges[{i}].parts[{j}]", $"'{part}' is not a part of {e.From}", Suggest(part, parts.Select(p => p.Name)));
                    ok = false;
                }
                else if (repeated)
                {
                    src.Add($"edges[{i}].parts[{j}]", $"part '{part}' is named twice", "name each part once");
                    ok = false;
                }
            }
        }

        return ok;
    }

    /// <summary>Checks one node; returns its cheapest candidate and price (meaningful only when nothing was reported).</summary>
    private static ScenarioWarnings.Cheapest CheckNode(Scenario s, WorkflowGraph graph, PricingCatalog pricing, KnownNames known, YamlSource src, WorkflowNode node, int index)
    {
        // The path is formatted only for a problem: a 100,000-task scenario has as many nodes.
        string Path() => $"nodes[{index}]";
        if (node.Candidates.Pin is { } pin)
        {
            CheckKnown(pricing, src, pin, $"{Path()}.candidates.pin", needsStorage: false);
        }

        var inputs = graph.Inputs(node.Name);
        if (node.StoreWith is { } sw && !inputs.Any(e => string.Equals(e.From, sw, StringComparison.Ordinal)))
        {
            var parents = inputs.Select(e => e.From).ToList();
            var path = Path();
            src.Add($"{path}.storeWith", $"node {node.Name}: '{sw}' is not one of its parents", parents.Count == 0 ? "this node has no parents: add an edge or remove storeWith" : $"its parents are {string.Join(", ", parents)}");
        }

        if (node.Persistence == Persistence.None && inputs.Count == 0 && s.DefaultStorage is null)
        {
            src.Add($"{Path()}.persistence", $"node {node.Name} has no storage and no parent, and the scenario has no default storage",
                "add storage: { default: provider/region } at the top level, or an edge from the data it reads");
        }

        var before = src.Problems.Count;
        switch (node.Endpoint)
        {
            case VmRequirement vm:
                foreach (var sku in vm.Skus.Where(k => !known.Skus.Contains(k)))
                {
                    src.Add($"{Path()}.endpoint.skus", $"node {node.Name}: SKU '{sku}' is not in pricing-data/vm-skus.csv", Suggest(sku, pricing.Skus.Select(x => x.Sku).Distinct()));
                }

                if (vm.GpuType is { } g && !known.GpuTypes.Contains(g))
                {
                    src.Add($"{Path()}.endpoint.gpu", $"node {node.Name}: no SKU has GPU type '{g}'", $"known GPU types: {string.Join(", ", pricing.Skus.Select(x => x.GpuType).OfType<string>().Distinct().Order(StringComparer.Ordinal))}");
                }

                break;
            case ServiceRequirement svc:
                foreach (var name in svc.Services.Where(n => !known.Services.Contains(n)))
                {
                    src.Add($"{Path()}.endpoint.service", $"node {node.Name}: service '{name}' is not in pricing-data/services.csv", Suggest(name, pricing.Services.Select(x => x.Service).Distinct()));
                }

                break;
            case LlmRequirement llm:
                foreach (var name in llm.Models.Where(n => !known.Models.Contains(n)))
                {
                    src.Add($"{Path()}.endpoint.model", $"node {node.Name}: model '{name}' is not in pricing-data/llm.csv", Suggest(name, pricing.Llm.Select(x => x.Model).Distinct()));
                }

                break;
        }

        if (src.Problems.Count > before)
        {
            // An unknown SKU, GPU type, service or model already explains why nothing is offered.
            return default;
        }

        var offered = CandidateFinder.Offered(node, pricing);
        if (offered.Count == 0)
        {
            src.Add($"{Path()}.endpoint", $"node {node.Name}: no location offers this endpoint", "relax the endpoint requirement (GPU type/count, vCPUs, memory, SKU list)");
            return default;
        }

        var candidates = CandidateFinder.For(node, s.Constraints, pricing);
        if (candidates.Count == 0)
        {
            var where = string.Join(", ", offered.Select(c => c.Location.ToString()).Distinct().Take(8));
            src.Add($"{Path()}.candidates", $"node {node.Name}: no candidate is left after its allow/deny/pin rules and the global constraints",
                $"the endpoint is offered at {where}{(offered.Select(c => c.Location).Distinct().Count() > 8 ? ", ..." : "")}");
            return default;
        }

        // The cheapest priced candidate, the first of equals (as a stable sort by price would give).
        Candidate? cheapestAt = null;
        var cheapest = 0m;
        foreach (var c in candidates)
        {
            if (NodeRunPrice.TryTotalUsd(node, c, pricing, out var missing) is not { } price)
            {
                src.Add($"{Path()}.work", $"node {node.Name}: cannot price candidate {c}: {missing}");
                break;
            }

            if (price > ScenarioLimits.MaxNodeUsd)
            {
                src.Add($"{Path()}.work", $"node {node.Name} would cost ${price:0} at {c}, more than the {ScenarioLimits.Text(ScenarioLimits.MaxNodeUsd)} USD the planner can price exactly",
                    "check the units of work (hours, minutes, tokens) and count");
                break;
            }

            if (cheapestAt is null || price < cheapest)
            {
                cheapestAt = c;
                cheapest = price;
            }
        }

        return new ScenarioWarnings.Cheapest(cheapestAt, cheapest);
    }

    /// <summary>The catalogue's SKU names, GPU types, services and models as sets, for checking each node's names in O(1).</summary>
    private sealed class KnownNames(PricingCatalog pricing)
    {
        public HashSet<string> Skus { get; } = pricing.Skus.Select(x => x.Sku).ToHashSet(StringComparer.Ordinal);

        public HashSet<string> GpuTypes { get; } = pricing.Skus.Select(x => x.GpuType).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Services { get; } = pricing.Services.Select(x => x.Service).ToHashSet(StringComparer.Ordinal);

        public HashSet<string> Models { get; } = pricing.Llm.Select(x => x.Model).ToHashSet(StringComparer.Ordinal);
    }

    private static void CheckConstraints(Scenario s, Dictionary<string, int> nodeIndex, PricingCatalog pricing, YamlSource src)
    {
        void Groups(IReadOnlyList<IReadOnlyList<string>> groups, string key)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                foreach (var n in groups[i].Where(n => !nodeIndex.ContainsKey(n)))
                {
                    src.Add($"constraints.{key}[{i}]", $"'{n}' is not a node", Suggest(n, nodeIndex.Keys));
                }
            }
        }

        Groups(s.Constraints.Colocate, "colocate");
        Groups(s.Constraints.AntiAffinity, "antiAffinity");
        foreach (var loc in s.Constraints.MaxGpusPerLocation.Keys)
        {
            CheckKnown(pricing, src, loc, $"constraints.maxGpusPerLocation.{loc}", needsStorage: false);
        }
    }

    private static void CheckKnown(PricingCatalog pricing, YamlSource src, Location loc, string path, bool needsStorage)
    {
        var region = pricing.Region(loc);
        if (region is null)
        {
            src.Add(path, $"location {loc} is not in pricing-data/regions.csv", Suggest(loc.ToString(), pricing.Regions.Select(r => r.Location.ToString())));
        }
        else if (needsStorage && (!region.HasStorage || pricing.StorageAt(loc) is null))
        {
            src.Add(path, $"location {loc} has no storage service to hold data", "choose a cloud region with object storage");
        }
    }
}
