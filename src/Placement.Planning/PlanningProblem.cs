using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Core.Timing;

namespace Placement.Planning;

/// <summary>
/// What every solver sees: per node its candidates (after allow/deny/pin, residency and storage rules, and
/// with candidates dominated at the same location removed) and their run cost; per data item its home
/// source (fixed or the location of an anchor node) and its readers; egress and storage rates per location.
/// </summary>
/// <remarks>
/// <para>The linear objective <see cref="CostUsd"/> is the cost model with first-tier egress rates and no
/// rounding: run cost + home copies + one transfer per (item, remote reader location) of the largest read
/// there + staged copies of the largest read of a native reader there + route-backs of nodes without storage.
/// A node output with parts is one item per group of parts read by the same nodes, so each part moves once
/// per destination, as the cost model's union of reads. The billed cost
/// <see cref="BilledCostUsd"/> adds the volume tiers of every egress meter (<see cref="Meters"/>); it is what
/// the solvers minimise and the cost model bills, up to the micro-dollar rounding of
/// <see cref="CostModel.Evaluate"/>'s lines.</para>
/// <para>Rates are USD per byte; storage rates include the retention months.</para>
/// </remarks>
public sealed partial class PlanningProblem
{
    /// <summary>Egress rate charged when the pricing data has no row for a move: USD 1000/GB, so solvers avoid it.</summary>
    public const double MissingEgressUsdPerByte = 1e-6;

    private double[,] egress;
    private readonly double[,] storageRates;
    private readonly double[] storage;
    private readonly NetworkModel network;

    private PlanningProblem(
        CostModel model,
        NetworkModel network,
        IReadOnlyList<Location> locations,
        IReadOnlyList<PlanningNode> nodes,
        IReadOnlyList<DataItem> items,
        int[] homeAnchor,
        int[] fixedHome,
        IReadOnlyList<IReadOnlyList<ExcludedCandidate>> excluded)
    {
        Model = model;
        this.network = network;
        Locations = locations;
        Nodes = nodes;
        Items = items;
        NodeHomeAnchor = homeAnchor;
        NodeFixedHome = fixedHome;
        Excluded = excluded;
        var pricing = model.Pricing;
        var months = (double)model.Graph.Scenario.StorageRetentionMonths;
        var n = locations.Count;
        egress = new double[n, n];
        storageRates = new double[n, n];
        storage = new double[n];
        for (var a = 0; a < n; a++)
        {
            storage[a] = pricing.StorageAt(locations[a]) is { } s ? (double)(s.UsdPerUnitMonth / s.Unit.BytesPerUnit()) * months : double.NaN;
            for (var b = 0; b < n; b++)
            {
                egress[a, b] = a == b ? 0 : pricing.ResolveEgress(locations[a], locations[b]) is { } e ? (double)e.FirstTierUsdPerByte : MissingEgressUsdPerByte;
            }
        }

        LocationIndex = locations.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        Constraints = model.Graph.Scenario.Constraints;
        ReadsOf = nodes.Select(_ => new List<(int Item, long Bytes)>()).ToArray();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var r in items[i].Readers)
            {
                ReadsOf[r.Node].Add((i, r.Bytes));
            }
        }
    }

    /// <summary>The cost model the problem was built from (its assignment is re-priced with it).</summary>
    public CostModel Model { get; }

    /// <summary>The scenario constraints honoured.</summary>
    public ScenarioConstraints Constraints { get; private set; }

    /// <summary>Every location that appears (candidates, dataset homes, default storage), ordered.</summary>
    public IReadOnlyList<Location> Locations { get; }

    /// <summary>Index of each location in <see cref="Locations"/>.</summary>
    public IReadOnlyDictionary<Location, int> LocationIndex { get; }

    /// <summary>Nodes in topological order.</summary>
    public IReadOnlyList<PlanningNode> Nodes { get; }

    /// <summary>Datasets then node outputs (node outputs in topological order).</summary>
    public IReadOnlyList<DataItem> Items { get; }

    /// <summary>Per node: the native node whose location is its output's home (itself when native), or -1 when fixed.</summary>
    public int[] NodeHomeAnchor { get; }

    /// <summary>Per node: the fixed home location index of its output, or -1 when it follows an anchor node.</summary>
    public int[] NodeFixedHome { get; }

    /// <summary>Per node: the items it reads (item index, bytes).</summary>
    public List<(int Item, long Bytes)>[] ReadsOf { get; }

    /// <summary>Per node: offered candidates the rules removed, with the rule.</summary>
    public IReadOnlyList<IReadOnlyList<ExcludedCandidate>> Excluded { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Nodes.Count;

    /// <summary>First-tier egress rate in USD per byte from one location index to another (0 on the diagonal).</summary>
    public double EgressUsdPerByte(int from, int to) => egress[from, to];

    /// <summary>Storage rate in USD per byte for the retention period at a location; NaN when it has no storage.</summary>
    public double StorageUsdPerByte(int location) => storage[location];

    /// <summary>Seconds to move bytes between two location indices (network model).</summary>
    public double TransferSeconds(int from, int to, long bytes) => network.TransferSeconds(Locations[from], Locations[to], bytes);

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
        foreach (var name in graph.TopologicalOrder)
        {
            var node = graph.Node(name);
            var offered = CandidateFinder.Offered(node, pricing);
            var kept = new List<(Candidate, NodeRunPrice, int, double)>();
            var excluded = new List<ExcludedCandidate>();
            var geos = residency[name];
            foreach (var c in offered)
            {
                var rule = ExclusionRule(node, c, constraints, pricing, geos.Geos, geos.Source);
                NodeRunPrice? price = null;
                string? missing = null;
                if (rule is null)
                {
                    price = NodeRunPrice.TryPrice(node, c, pricing, out missing);
                    rule = price is null ? $"no price: {missing}" : null;
                }

                if (rule is not null)
                {
                    excluded.Add(new ExcludedCandidate(c, rule));
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
            var (node, kept, excluded) = raw[i];
            var pruned = PruneDominated(kept, excluded);
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

    /// <summary>The assignment a choice vector stands for (candidate index per node).</summary>
    public Dictionary<string, Candidate> Assignment(int[] choice) =>
        Nodes.ToDictionary(n => n.Name, n => n.Candidates[choice[n.Index]], StringComparer.Ordinal);

    /// <summary>The choice vector of an assignment; null when some node's candidate is not in the problem.</summary>
    public int[]? Choice(IReadOnlyDictionary<string, Candidate> assignment)
    {
        var choice = new int[NodeCount];
        foreach (var n in Nodes)
        {
            if (!assignment.TryGetValue(n.Name, out var c))
            {
                return null;
            }

            var idx = -1;
            for (var k = 0; k < n.Candidates.Count && idx < 0; k++)
            {
                idx = n.Candidates[k] == c ? k : -1;
            }

            if (idx < 0)
            {
                return null;
            }

            choice[n.Index] = idx;
        }

        return choice;
    }

    /// <summary>Location index of each node under a choice.</summary>
    public int[] NodeLocations(int[] choice) => Nodes.Select(n => n.LocationIndex[choice[n.Index]]).ToArray();

    /// <summary>Home location index of each item under a choice.</summary>
    public int HomeOf(DataItem item, int[] nodeLocations) => item.AnchorNode >= 0 ? nodeLocations[item.AnchorNode] : item.FixedHome;

    /// <summary>The linear objective (see remarks of the class) of a choice, in USD.</summary>
    public double CostUsd(int[] choice)
    {
        var loc = NodeLocations(choice);
        double total = 0;
        foreach (var n in Nodes)
        {
            total += (double)n.RunUsd[choice[n.Index]];
            if (!n.IsNative)
            {
                total += RouteBackUsd(n.Index, loc);
            }
        }

        foreach (var item in Items)
        {
            total += ItemCostUsd(item, loc);
        }

        return total;
    }

    /// <summary>
    /// The route-back of a node without storage under given node locations, in USD: its output moved from
    /// where it ran to its home (fixed, or its anchor's location).
    /// </summary>
    public double RouteBackUsd(int node, int[] loc)
    {
        var home = NodeFixedHome[node] >= 0 ? NodeFixedHome[node] : loc[NodeHomeAnchor[node]];
        return Nodes[node].Node.OutputBytes * egress[loc[node], home];
    }

    /// <summary>Home copy, transfers and staged copies of one item under given node locations, in USD.</summary>
    public double ItemCostUsd(DataItem item, int[] loc)
    {
        var home = HomeOf(item, loc);
        var total = item.Bytes > 0 && !double.IsNaN(storage[home]) ? item.Bytes * storage[home] : 0;
        if (item.Readers.Count == 0)
        {
            return total;
        }

        // Per remote reader location: the largest read moves; the largest read of a reader with storage is staged.
        var dests = new Dictionary<int, (long Max, long Staged)>();
        foreach (var r in item.Readers)
        {
            var l = loc[r.Node];
            if (l == home)
            {
                continue;
            }

            var staged = Nodes[r.Node].IsNative ? r.Bytes : 0;
            dests[l] = dests.TryGetValue(l, out var d) ? (Math.Max(d.Max, r.Bytes), Math.Max(d.Staged, staged)) : (r.Bytes, staged);
        }

        foreach (var (l, d) in dests)
        {
            total += d.Max * egress[home, l];
            if (d.Staged > 0 && !double.IsNaN(storage[l]))
            {
                total += d.Staged * storage[l];
            }
        }

        return total;
    }

    /// <summary>
    /// Estimated makespan in hours of a choice: the critical path with unlimited capacity, where a node starts
    /// when every input has moved from its home to the node's location, and a node without storage's output is
    /// ready once routed back to its home.
    /// </summary>
    public double MakespanHours(int[] choice)
    {
        var loc = NodeLocations(choice);

        // A node's output items (one, or one per group of parts) are ready when the node is done.
        var done = new double[NodeCount];
        double makespan = 0;
        foreach (var n in Nodes)
        {
            double start = 0;
            foreach (var (item, bytes) in ReadsOf[n.Index])
            {
                var i = Items[item];
                var home = HomeOf(i, loc);
                start = Math.Max(start, (i.Producer >= 0 ? done[i.Producer] : 0) + TransferSeconds(home, loc[n.Index], bytes) / 3600.0);
            }

            var finish = start + n.WallClockHours[choice[n.Index]];
            if (!n.IsNative)
            {
                var home = NodeFixedHome[n.Index] >= 0 ? NodeFixedHome[n.Index] : loc[NodeHomeAnchor[n.Index]];
                finish += TransferSeconds(loc[n.Index], home, n.Node.OutputBytes) / 3600.0;
            }

            done[n.Index] = finish;
            makespan = Math.Max(makespan, finish);
        }

        return makespan;
    }

    /// <summary>GPUs used per location index under a choice.</summary>
    public int[] GpusByLocation(int[] choice)
    {
        var used = new int[Locations.Count];
        foreach (var n in Nodes)
        {
            used[n.LocationIndex[choice[n.Index]]] += n.Gpus[choice[n.Index]];
        }

        return used;
    }

    /// <summary>GPU cap of a location index; null means unlimited.</summary>
    public int? GpuCap(int location) =>
        Constraints.MaxGpusPerLocation.TryGetValue(Locations[location], out var cap) ? cap : Constraints.DefaultMaxGpusPerLocation;

    /// <summary>
    /// Every scenario-wide constraint a choice breaks (colocate, anti-affinity, GPU caps, budget on the billed
    /// cost <see cref="BilledCostUsd"/>, deadline on the makespan), one sentence each; empty when feasible. Per-node location rules
    /// hold by construction of the candidate lists.
    /// </summary>
    public List<string> Violations(int[] choice, bool includeBudget = true, bool includeDeadline = true)
    {
        var problems = new List<string>();
        var loc = NodeLocations(choice);
        var index = Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        foreach (var group in Constraints.Colocate)
        {
            if (group.Select(g => loc[index[g]]).Distinct().Count() > 1)
            {
                problems.Add($"colocate [{string.Join(", ", group)}] is split");
            }
        }

        foreach (var group in Constraints.AntiAffinity)
        {
            if (group.Select(g => loc[index[g]]).Distinct().Count() < group.Count)
            {
                problems.Add($"antiAffinity [{string.Join(", ", group)}] shares a location");
            }
        }

        var gpus = GpusByLocation(choice);
        for (var l = 0; l < gpus.Length; l++)
        {
            if (GpuCap(l) is { } cap && gpus[l] > cap)
            {
                problems.Add($"maxGpusPerLocation {Locations[l]} = {cap} exceeded ({gpus[l]})");
            }
        }

        if (includeBudget && Constraints.BudgetUsd is { } budget && BilledCostUsd(choice) > (double)budget + 1e-6)
        {
            problems.Add($"budget ${budget} exceeded");
        }

        if (includeDeadline && Constraints.DeadlineHours is { } deadline && MakespanHours(choice) > (double)deadline + 1e-9)
        {
            problems.Add($"deadline {deadline} h exceeded");
        }

        return problems;
    }

    /// <summary>The same problem under other scenario-wide constraints (used to find which constraints conflict).</summary>
    public PlanningProblem WithConstraints(ScenarioConstraints constraints)
    {
        var copy = (PlanningProblem)MemberwiseClone();
        copy.Constraints = constraints;
        return copy;
    }

    /// <summary>True when a choice satisfies every constraint.</summary>
    public bool IsFeasible(int[] choice) => Violations(choice).Count == 0;

    private void CheckGroups()
    {
        var index = Nodes.ToDictionary(n => n.Name, n => n, StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var group in Constraints.Colocate)
        {
            var common = group.Select(g => (IEnumerable<int>)index[g].Locations).Aggregate((a, b) => a.Intersect(b)).ToList();
            if (common.Count == 0)
            {
                conflicts.Add($"colocate [{string.Join(", ", group)}]: no location is a candidate of every member: "
                    + string.Join("; ", group.Select(g => $"{g} can run at {string.Join(", ", index[g].Locations.Select(l => Locations[l]))}")));
            }
        }

        foreach (var group in Constraints.AntiAffinity)
        {
            var union = group.SelectMany(g => index[g].Locations).Distinct().Count();
            if (union < group.Count)
            {
                conflicts.Add($"antiAffinity [{string.Join(", ", group)}]: {group.Count} nodes must be at different locations but together they can only use {union}");
            }
        }

        foreach (var n in Nodes)
        {
            var fits = Enumerable.Range(0, n.Candidates.Count).Any(c => GpuCap(n.LocationIndex[c]) is not { } cap || n.Gpus[c] <= cap);
            if (!fits)
            {
                conflicts.Add($"node {n.Name}: maxGpusPerLocation leaves no candidate: it needs {n.Gpus.Min()} GPUs and the caps at {string.Join(", ", n.Locations.Select(l => $"{Locations[l]} ({GpuCap(l)})"))} are lower");
            }
        }

        if (conflicts.Count > 0)
        {
            throw new PlanningException(conflicts);
        }
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

    private static string? ExclusionRule(WorkflowNode node, Candidate c, ScenarioConstraints constraints, PricingCatalog pricing, IReadOnlyList<Geo>? geos, string geoSource)
    {
        var rules = node.Candidates;
        if (rules.Pin is { } pin && pin != c.Location)
        {
            return $"pin {pin}";
        }

        if (rules.Allow.Count > 0 && !rules.Allow.Any(p => p.Matches(c.Location)))
        {
            return $"allow {string.Join(", ", rules.Allow)}";
        }

        if (rules.Deny.FirstOrDefault(p => p.Matches(c.Location)) is { } deny)
        {
            return $"deny {deny}";
        }

        if (constraints.Allow.Count > 0 && !constraints.Allow.Any(p => p.Matches(c.Location)))
        {
            return $"global allow {string.Join(", ", constraints.Allow)}";
        }

        if (constraints.Deny.FirstOrDefault(p => p.Matches(c.Location)) is { } gdeny)
        {
            return $"global deny {gdeny}";
        }

        if (geos is not null && (pricing.Region(c.Location)?.Geo is not { } g || !geos.Contains(g)))
        {
            return $"residency {string.Join(", ", geos.Select(x => x.Code()))} ({geoSource})";
        }

        if (node.Persistence == Persistence.Native && pricing.StorageAt(c.Location) is null)
        {
            return $"no storage at {c.Location} for its output";
        }

        return null;
    }

    private static string NoCandidateMessage(WorkflowNode node, IReadOnlyList<Candidate> offered, List<ExcludedCandidate> excluded)
    {
        if (offered.Count == 0)
        {
            return $"node {node.Name}: its {node.Endpoint.KindWord} endpoint is offered nowhere in the pricing data";
        }

        // Name the first rule that removed the rest; list where the offerings exist so the user can relax it.
        var byRule = excluded.GroupBy(e => e.Rule.StartsWith("residency", StringComparison.Ordinal) ? e.Rule : e.Rule.Split(' ')[0]).OrderByDescending(g => g.Count()).First();
        var what = node.Endpoint switch
        {
            VmRequirement vm => vm.Skus.Count > 0 ? $"the SKU {string.Join("/", vm.Skus)}" : vm.GpuType is not null ? $"a {vm.GpuCount}x {vm.GpuType} VM" : "a qualifying VM",
            ServiceRequirement s => $"the service {string.Join("/", s.Services)}",
            LlmRequirement l => $"the model {string.Join("/", l.Models)}",
            _ => "its endpoint",
        };
        var where = string.Join(", ", offered.Select(c => c.Location.ToString()).Distinct().Take(12));
        var rules = string.Join(" and ", excluded.Select(e => e.Rule).Distinct().Take(4));
        return excluded.Select(e => e.Rule).Distinct().Count() == 1
            ? $"node {node.Name}: {byRule.Key} allows no candidate: {what} exists only in {where}"
            : $"node {node.Name}: {rules} allow no candidate: {what} exists only in {where}";
    }

    private static List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)> PruneDominated(
        List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)> kept, List<ExcludedCandidate> excluded)
    {
        // At one location a candidate that is no cheaper, no lighter on GPUs and no faster than another can
        // never be needed: it changes no transfer, home or constraint except through those three numbers.
        if (OneCandidatePerLocation(kept))
        {
            // The common case (imported traces: one SKU per cloud): nothing can be dominated.
            return kept.OrderBy(r => r.C).ToList();
        }

        var result = new List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)>();
        foreach (var group in kept.GroupBy(k => k.C.Location))
        {
            var list = group.OrderBy(k => k.P.TotalUsd).ThenBy(k => k.Gpus).ThenBy(k => k.Hours).ThenBy(k => k.C).ToList();
            foreach (var k in list)
            {
                var dominator = result.Where(r => r.C.Location == k.C.Location)
                    .FirstOrDefault(r => r.P.TotalUsd <= k.P.TotalUsd && r.Gpus <= k.Gpus && r.Hours <= k.Hours);
                if (dominator.C is not null)
                {
                    excluded.Add(new ExcludedCandidate(k.C, $"dominated by {dominator.C.Offering} at the same location"));
                }
                else
                {
                    result.Add(k);
                }
            }
        }

        return result.OrderBy(r => r.C).ToList();
    }

    private static bool OneCandidatePerLocation(List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)> kept)
    {
        for (var i = 0; i < kept.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (kept[j].C.Location == kept[i].C.Location)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
