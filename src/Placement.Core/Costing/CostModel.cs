using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Core.Costing;

/// <summary>
/// The cost model of <c>cost-model.md</c>: storage homes, one direct transfer per (data item, destination)
/// with fan-out dedupe, egress precedence, compute/service/LLM/storage lines and totals. Pure and
/// deterministic: the result depends only on the scenario, the pricing and the assignment, never on the
/// order nodes are listed in.
/// </summary>
public sealed class CostModel
{
    private readonly WorkflowGraph graph;
    private readonly PricingCatalog pricing;

    /// <summary>Creates a cost model for one scenario and one pricing catalogue.</summary>
    public CostModel(WorkflowGraph graph, PricingCatalog pricing)
    {
        this.graph = graph;
        this.pricing = pricing;
    }

    /// <summary>The scenario graph priced.</summary>
    public WorkflowGraph Graph => graph;

    /// <summary>The pricing catalogue used.</summary>
    public PricingCatalog Pricing => pricing;

    /// <summary>
    /// Storage homes per cost-model.md: a native node stores at its own location; a node without storage
    /// at its primary parent's home; a parentless one at the default storage. Data items (datasets too)
    /// map to their home. Returns problems instead of guessing.
    /// </summary>
    public IReadOnlyDictionary<string, Location> Homes(IReadOnlyDictionary<string, Location> nodeLocations, List<string> problems)
    {
        var home = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (var d in graph.Scenario.Datasets)
        {
            home[d.Name] = d.Home;
        }

        foreach (var name in graph.TopologicalOrder)
        {
            var node = graph.Node(name);
            if (!nodeLocations.TryGetValue(name, out var loc))
            {
                continue;
            }

            if (node.Persistence == Persistence.Native)
            {
                home[name] = loc;
                continue;
            }

            var parent = graph.PrimaryParent(name);
            if (parent is null)
            {
                if (graph.Scenario.DefaultStorage is { } fallback)
                {
                    home[name] = fallback;
                }
                else
                {
                    problems.Add($"node {name}: has no storage, no parent and the scenario declares no storage.default; add storage.default or a storeWith parent");
                }
            }
            else if (home.TryGetValue(parent, out var parentHome))
            {
                home[name] = parentHome;
            }
        }

        return home;
    }

    /// <summary>Prices a full assignment (one candidate per node). Throws <see cref="CostModelException"/> listing every problem.</summary>
    public PlanCost Evaluate(IReadOnlyDictionary<string, Candidate> assignment) => EvaluateWithMoves(assignment).Cost;

    /// <summary>
    /// <see cref="Evaluate"/>, also returning the storage homes and the unpriced moves it derived (what
    /// <see cref="Homes"/> and <see cref="PlanTransfers"/> return for the assignment's locations), so a caller that
    /// needs both does not derive them twice.
    /// </summary>
    public PlanEvaluation EvaluateWithMoves(IReadOnlyDictionary<string, Candidate> assignment)
    {
        var problems = new List<string>();
        var constraints = graph.Scenario.Constraints;
        var nodeLines = new List<NodeCostLine>();
        var locations = new Dictionary<string, Location>(StringComparer.Ordinal);

        foreach (var unknown in assignment.Keys.Where(k => !graph.IsNode(k)).Order(StringComparer.Ordinal))
        {
            problems.Add($"assignment names unknown node {unknown}");
        }

        var prices = new Dictionary<string, NodeRunPrice>(StringComparer.Ordinal);
        foreach (var node in graph.Scenario.Nodes)
        {
            if (!assignment.TryGetValue(node.Name, out var choice))
            {
                problems.Add($"node {node.Name}: not assigned; give it a location (e.g. {node.Name}=aws/us-east-1)");
                continue;
            }

            if (!CandidateFinder.IsCandidate(node, constraints, pricing, choice))
            {
                problems.Add($"node {node.Name}: {choice} is not one of its candidates (check the endpoint is offered there and its allow/deny/pin rules)");
                continue;
            }

            var price = NodeRunPrice.TryPrice(node, choice, pricing, out var missing);
            if (price is null)
            {
                problems.Add($"node {node.Name}: {missing}");
                continue;
            }

            locations[node.Name] = choice.Location;
            prices[node.Name] = price;
        }

        if (problems.Count > 0)
        {
            throw new CostModelException(problems);
        }

        var home = Homes(locations, problems);
        foreach (var node in graph.Scenario.Nodes)
        {
            if (home.TryGetValue(node.Name, out var h) && pricing.StorageAt(h) is null)
            {
                problems.Add($"node {node.Name}: its output would be stored at {h}, which has no storage price; place it where storage exists");
            }
        }

        if (problems.Count > 0)
        {
            throw new CostModelException(problems);
        }

        foreach (var node in graph.Scenario.Nodes)
        {
            var price = prices[node.Name];
            var choice = assignment[node.Name];
            nodeLines.Add(new NodeCostLine(node.Name, choice.Location, choice.Offering, home[node.Name],
                price.ComputeUsd, price.ServicesUsd, price.LlmUsd, price.RuntimeHours, price.Basis));
        }

        var transfers = PlanTransfers(locations, home);
        var pricedTransfers = PriceTransfers(transfers, problems);
        if (problems.Count > 0)
        {
            throw new CostModelException(problems);
        }

        var storage = StorageLines(home, transfers);
        var totals = new CostTotals(
            nodeLines.Sum(l => l.ComputeUsd),
            nodeLines.Sum(l => l.ServicesUsd),
            nodeLines.Sum(l => l.LlmUsd),
            pricedTransfers.Sum(t => t.Usd),
            storage.Sum(s => s.Usd));
        return new PlanEvaluation(new PlanCost(nodeLines, pricedTransfers, storage, totals), home, transfers);
    }

    /// <summary>
    /// The moves a placement implies, before pricing: per data item and remote consumer location one move of
    /// the union of what the consumers there read (<see cref="TransferVolume"/>: the largest read of an undivided
    /// item, each read part once for an item with parts), with its staged share; plus, for each node without
    /// storage, its output to its home. Sorted by (data, from, to).
    /// </summary>
    public IReadOnlyList<PlannedMove> PlanTransfers(IReadOnlyDictionary<string, Location> locations, IReadOnlyDictionary<string, Location> home)
    {
        var moves = new List<PlannedMove>();
        foreach (var node in graph.Scenario.Nodes.Where(n => n.Persistence == Persistence.None))
        {
            var at = locations[node.Name];
            var h = home[node.Name];
            if (at != h)
            {
                moves.Add(new PlannedMove(node.Name, at, h, node.OutputBytes, [], true, 0, []));
            }
        }

        // One pass over each item's readers, one location look-up per edge: readers grouped by destination in the
        // order destinations first appear (what GroupBy did), without re-enumerating the group per question asked.
        var items = graph.Scenario.Datasets.Select(d => d.Name).Concat(graph.Scenario.Nodes.Select(n => n.Name));
        var destinations = new List<Location>();
        var groups = new List<List<ResolvedEdge>>();
        bool Storing(string c) => graph.Node(c).Persistence == Persistence.Native;
        foreach (var item in items)
        {
            var source = home[item];
            destinations.Clear();
            groups.Clear();
            foreach (var e in graph.Readers(item))
            {
                var to = locations[e.To];
                if (to == source)
                {
                    continue;
                }

                var g = destinations.IndexOf(to);
                if (g < 0)
                {
                    g = destinations.Count;
                    destinations.Add(to);
                    groups.Add([]);
                }

                groups[g].Add(e);
            }

            for (var g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                var volume = TransferVolume.Of(graph, item, group, Storing);
                moves.Add(new PlannedMove(item, source, destinations[g], volume.Bytes, Consumers(group), false, volume.StagedBytes, volume.Parts));
            }
        }

        return moves
            .OrderBy(m => m.Data, StringComparer.Ordinal)
            .ThenBy(m => m.From)
            .ThenBy(m => m.To)
            .ToList();
    }

    /// <summary>The distinct reading nodes of a group of edges, ordinal order.</summary>
    private static List<string> Consumers(List<ResolvedEdge> group)
    {
        var names = new List<string>(group.Count);
        foreach (var e in group)
        {
            names.Add(e.To);
        }

        names.Sort(StringComparer.Ordinal);
        var kept = 0;
        for (var i = 0; i < names.Count; i++)
        {
            if (kept == 0 || !string.Equals(names[kept - 1], names[i], StringComparison.Ordinal))
            {
                names[kept++] = names[i];
            }
        }

        names.RemoveRange(kept, names.Count - kept);
        return names;
    }

    private List<TransferLine> PriceTransfers(IReadOnlyList<PlannedMove> moves, List<string> problems)
    {
        // Volume tiers are marginal per meter (source location, rule; a pair override is its own price list, so
        // its meter is per destination too); moves are billed in their sorted order, so the result is independent
        // of how the scenario lists nodes. The planner meters the same way (Placement.Planning.EgressMeters).
        var meters = new Dictionary<(Location, EgressRule, Location?), decimal>();
        var lines = new List<TransferLine>(moves.Count);
        foreach (var m in moves)
        {
            var schedule = pricing.ResolveEgress(m.From, m.To);
            if (schedule is null)
            {
                problems.Add($"data {m.Data}: no egress price from {m.From} to {m.To}; add a row for provider {m.From.Provider} to pricing-data/egress.csv");
                continue;
            }

            var units = schedule.Unit.FromBytes(m.Bytes);
            var key = (m.From, schedule.Rule, schedule.Rule == EgressRule.PairOverride ? m.To : (Location?)null);
            var already = meters.GetValueOrDefault(key);
            var usd = Money.Line(schedule.MarginalCostUsd(already, units));
            meters[key] = already + units;
            lines.Add(new TransferLine(m.Data, m.From, m.To, m.Bytes, schedule.Rule, schedule.FirstTierUsdPerUnit, schedule.Unit, usd, m.Consumers, m.IsRouteBack));
        }

        return lines;
    }

    private List<StorageLine> StorageLines(IReadOnlyDictionary<string, Location> home, IReadOnlyList<PlannedMove> moves)
    {
        var months = graph.Scenario.StorageRetentionMonths;
        var lines = new List<StorageLine>();
        var items = graph.Scenario.Datasets.Select(d => d.Name).Concat(graph.Scenario.Nodes.Select(n => n.Name));
        foreach (var item in items)
        {
            var bytes = graph.ItemBytes(item);
            var h = home[item];
            if (bytes > 0 && pricing.StorageAt(h) is { } price)
            {
                lines.Add(Line(item, h, bytes, StorageCopy.Home, price, months));
            }
        }

        // A staged copy exists only where some consumer at the destination has storage of its own, and holds
        // what those consumers read: consumers without storage stream the data and stage nothing.
        foreach (var m in moves.Where(m => !m.IsRouteBack && m.StagedBytes > 0))
        {
            if (pricing.StorageAt(m.To) is { } price)
            {
                lines.Add(Line(m.Data, m.To, m.StagedBytes, StorageCopy.Staged, price, months));
            }
        }

        return lines;
    }

    private static StorageLine Line(string item, Location at, long bytes, StorageCopy copy, StoragePrice price, decimal months) =>
        new(item, at, bytes, copy, price.UsdPerUnitMonth, price.Unit, months, Money.Line(price.Unit.FromBytes(bytes) * price.UsdPerUnitMonth * months));
}

/// <summary>A move implied by a placement, before pricing.</summary>
/// <param name="Data">Data item.</param>
/// <param name="From">Source (the item's home, or where a node without storage ran for a route-back).</param>
/// <param name="To">Destination.</param>
/// <param name="Bytes">Bytes moved: the union of what the consumers at the destination read.</param>
/// <param name="Consumers">Reading nodes at the destination, ordered; empty for a route-back.</param>
/// <param name="IsRouteBack">True for the output of a node without storage travelling to its home.</param>
/// <param name="StagedBytes">Bytes of the staged copy at the destination (what its consumers with storage read); 0 when none is made.</param>
/// <param name="Parts">Parts moved, for an item with parts; empty otherwise.</param>
public sealed record PlannedMove(string Data, Location From, Location To, long Bytes, IReadOnlyList<string> Consumers, bool IsRouteBack, long StagedBytes, IReadOnlyList<string> Parts);
