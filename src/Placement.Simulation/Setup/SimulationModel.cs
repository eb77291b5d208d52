using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Simulation.Network;

namespace Placement.Simulation.Setup;

/// <summary>
/// A plan compiled for simulation: nodes, data items and moves numbered densely, every price and link looked
/// up once. Data moves exactly as the cost model says (cost-model.md): each item lives at its home (from
/// <see cref="CostModel.Homes"/>), outputs of nodes without storage route back to it, and each (item,
/// destination) pair is one direct move (from <see cref="CostModel.PlanTransfers"/>, as <see cref="CostModel.EvaluateWithMoves"/> returns them). Immutable and shared by
/// every replica.
/// </summary>
public sealed class SimulationModel
{
    private SimulationModel()
    {
    }

    /// <summary>The cost model's priced plan this model was compiled from (the simulation's reference).</summary>
    public PlanCost PlannedCost { get; private init; } = null!;

    /// <summary>Options the runs use.</summary>
    public SimulationOptions Options { get; private init; } = null!;

    /// <summary>Storage retention in months (from the scenario).</summary>
    public decimal RetentionMonths { get; private init; }

    /// <summary>Nodes in scenario order.</summary>
    public int NodeCount { get; private init; }

    /// <summary>Data items: nodes' outputs first (item i is node i's output), then datasets.</summary>
    public int ItemCount { get; private init; }

    /// <summary>Moves, sorted by (data, from, to) as the cost model lists them.</summary>
    public int MoveCount => Moves.Length;

    /// <summary>Locations involved (nodes, homes, moves), ordered.</summary>
    public IReadOnlyList<Location> Locations => LocationArray;

    internal Location[] LocationArray { get; private init; } = [];

    internal string[] ItemNames { get; private init; } = [];

    internal string[] Offerings { get; private init; } = [];

    internal string[][] MoveConsumerNames { get; private init; } = [];


    internal int[] ItemHome { get; private init; } = [];

    internal long[] ItemBaseBytes { get; private init; } = [];

    internal StoragePrice?[] ItemHomeStorage { get; private init; } = [];

    // Adjacency in compressed rows: item i's outbound moves are ItemOutMoves[ItemOutMoveStart[i] .. ItemOutMoveStart[i + 1]),
    // its readers at home likewise; one flat array each instead of an array per item.
    internal int[] ItemOutMoveStart { get; private init; } = [0];

    internal int[] ItemOutMoves { get; private init; } = [];

    internal int[] ItemHomeReaderStart { get; private init; } = [0];

    internal int[] ItemHomeReaders { get; private init; } = [];

    /// <summary>Per move, its egress meter: moves from one source location under one egress rule share a meter (tiers).</summary>
    internal int[] MoveMeter { get; private init; } = [];

    internal int MeterCount { get; private init; }

    internal NodeSpec[] Nodes { get; private init; } = [];

    internal MoveSpec[] Moves { get; private init; } = [];

    internal double[] LinkBytesPerSecond { get; private init; } = [];

    internal int[] LocationSlots { get; private init; } = [];

    internal int[] LocationGpuCap { get; private init; } = [];

    internal double[] RatePerSecond { get; private init; } = [];

    internal string[] RateKeys { get; private init; } = [];

    /// <summary>Name of a node (index &lt; <see cref="NodeCount"/>) or dataset item.</summary>
    public string ItemName(int item) => ItemNames[item];

    /// <summary>Name of node <paramref name="node"/>.</summary>
    public string NodeName(int node) => ItemNames[node];

    /// <summary>Index of the node of that name, or -1.</summary>
    public int NodeIndex(string name) => Array.IndexOf(ItemNames, name, 0, NodeCount);

    /// <summary>The (data, from, to) of move <paramref name="move"/>.</summary>
    public (string Data, Location From, Location To, bool IsRouteBack) Move(int move)
    {
        var m = Moves[move];
        return (ItemNames[m.Item], LocationArray[m.From], LocationArray[m.To], m.IsRouteBack);
    }

    /// <summary>
    /// Compiles a plan. Throws <see cref="CostModelException"/> when the cost model cannot price the assignment
    /// and <see cref="SimulationSetupException"/> when the options are invalid or a node could never start
    /// (it needs more GPUs than its location's cap).
    /// </summary>
    public static SimulationModel Build(CostModel costModel, IReadOnlyDictionary<string, Candidate> assignment, ILinkTable links, SimulationOptions options, WorkloadReplay? replay = null) =>
        Build(costModel, assignment, null, links, options, replay);

    /// <summary>
    /// As <see cref="Build(CostModel, IReadOnlyDictionary{string, Candidate}, ILinkTable, SimulationOptions, WorkloadReplay?)"/>,
    /// from the evaluation the caller already has for this assignment (<see cref="CostModel.EvaluateWithMoves"/> of it, e.g.
    /// from pricing the plan file): the build then does not evaluate it again. Null evaluates it here.
    /// </summary>
    public static SimulationModel Build(CostModel costModel, IReadOnlyDictionary<string, Candidate> assignment, PlanEvaluation? evaluated, ILinkTable links, SimulationOptions options, WorkloadReplay? replay = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new SimulationSetupException(problems);
        }

        replay ??= WorkloadReplay.None;
        // Homes and moves come with the priced plan: deriving them again would double the cost of the build.
        var evaluation = evaluated ?? costModel.EvaluateWithMoves(assignment);
        var planned = evaluation.Cost;
        var graph = costModel.Graph;
        var scenario = graph.Scenario;
        var pricing = costModel.Pricing;

        var nodeCount = scenario.Nodes.Count;
        var names = scenario.Nodes.Select(n => n.Name).Concat(scenario.Datasets.Select(d => d.Name)).ToArray();
        var itemIndex = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var homes = evaluation.Homes;
        var moves = evaluation.Moves;

        var involved = new HashSet<Location>();
        foreach (var n in scenario.Nodes)
        {
            involved.Add(assignment[n.Name].Location);
        }

        involved.UnionWith(homes.Values);
        foreach (var mv in moves)
        {
            involved.Add(mv.From);
            involved.Add(mv.To);
        }

        var locations = involved.Order().ToArray();
        var locIndex = locations.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);

        foreach (var (name, seconds) in replay.RuntimeSecondsByNode)
        {
            if (!graph.IsNode(name))
            {
                problems.Add($"replay names unknown node {name}");
            }
            else if (!(seconds >= 0) || double.IsInfinity(seconds))
            {
                problems.Add($"replayed runtime of node {name} must be a finite number of seconds >= 0");
            }
        }

        foreach (var (name, bytes) in replay.BytesByItem.Where(p => !itemIndex.ContainsKey(p.Key) || p.Value < 0))
        {
            problems.Add(itemIndex.ContainsKey(name) ? $"replayed size of {name} is negative ({bytes} bytes)" : $"replay names unknown data item {name}");
        }

        // Item sizes: replayed or declared; a move scales with its item.
        var declaredBytes = names.Select(graph.ItemBytes).ToArray();
        var itemBytes = names.Select((n, i) => replay.BytesByItem.TryGetValue(n, out var b) ? b : declaredBytes[i]).ToArray();

        var linkIds = new Dictionary<(int, int), int>();
        var linkRates = new List<double>();
        var moveSpecs = new MoveSpec[moves.Count];
        var moveIndex = new Dictionary<(string Item, Location To), int>();
        for (var m = 0; m < moves.Count; m++)
        {
            var mv = moves[m];
            var from = locIndex[mv.From];
            var to = locIndex[mv.To];
            if (!linkIds.TryGetValue((from, to), out var link))
            {
                link = linkRates.Count;
                linkIds[(from, to)] = link;
                linkRates.Add(links.BytesPerSecond(mv.From, mv.To));
            }

            var item = itemIndex[mv.Data];
            long Scaled(long planned) => declaredBytes[item] == itemBytes[item] ? planned
                : declaredBytes[item] == 0 ? itemBytes[item]
                : (long)Math.Round(planned * ((double)itemBytes[item] / declaredBytes[item]));
            var bytes = Scaled(mv.Bytes);
            var staged = !mv.IsRouteBack && mv.StagedBytes > 0;
            moveSpecs[m] = new MoveSpec(item, from, to, link, bytes, mv.IsRouteBack, links.LatencySeconds(mv.From, mv.To),
                mv.Consumers.Select(c => itemIndex[c]).ToArray(), pricing.ResolveEgress(mv.From, mv.To)!,
                staged ? pricing.StorageAt(mv.To) : null, staged ? Math.Min(bytes, Scaled(mv.StagedBytes)) : 0);
            if (!mv.IsRouteBack)
            {
                moveIndex[(mv.Data, mv.To)] = m;
            }
        }

        // Looked up per input edge and per node below: sets and maps, not scans (a shared file read by 50,000 tasks).
        var moveConsumers = new HashSet<(int Move, int Node)>();
        var firstRouteBack = new Dictionary<int, int>();
        var meters = new Dictionary<(Location, EgressRule), int>();
        var moveMeter = new int[moveSpecs.Length];
        for (var m = 0; m < moveSpecs.Length; m++)
        {
            foreach (var c in moveSpecs[m].Consumers)
            {
                moveConsumers.Add((m, c));
            }

            if (moveSpecs[m].IsRouteBack)
            {
                firstRouteBack.TryAdd(moveSpecs[m].Item, m);
            }

            var meterKey = (locations[moveSpecs[m].From], moveSpecs[m].Egress.Rule);
            if (!meters.TryGetValue(meterKey, out var meter))
            {
                meter = meters.Count;
                meters[meterKey] = meter;
            }

            moveMeter[m] = meter;
        }

        var outMoves = new List<int>[names.Length];
        var homeReaders = new List<int>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            outMoves[i] = [];
            homeReaders[i] = [];
        }

        for (var m = 0; m < moveSpecs.Length; m++)
        {
            if (!moveSpecs[m].IsRouteBack)
            {
                outMoves[moveSpecs[m].Item].Add(m);
            }
        }

        var caps = scenario.Constraints;
        var slots = locations.Select(l => options.SlotsPerLocation.TryGetValue(l, out var s) ? s : options.DefaultSlots ?? -1).ToArray();
        var gpuCaps = locations.Select(l => !options.EnforceGpuCaps ? -1
            : caps.MaxGpusPerLocation.TryGetValue(l, out var g) ? g : caps.DefaultMaxGpusPerLocation ?? -1).ToArray();
        var rateKeys = new List<string>();
        var rates = new List<double>();

        var nodes = new NodeSpec[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            var node = scenario.Nodes[i];
            var choice = assignment[node.Name];
            var loc = locIndex[choice.Location];
            var line = planned.Nodes[i];
            var sku = node.Endpoint is VmRequirement ? pricing.Sku(choice.Location, choice.Offering) : null;
            var estimateHours = sku is not null ? line.RuntimeHours ?? 0 : node.Work.WallClockHours(choice.Offering, null, isVm: false);
            decimal baseHours;
            double baseSeconds;
            if (replay.RuntimeSecondsByNode.TryGetValue(node.Name, out var measured))
            {
                baseSeconds = measured;
                baseHours = (decimal)measured / 3600m;
            }
            else
            {
                baseHours = estimateHours;
                baseSeconds = (double)estimateHours * 3600.0;
            }

            var gpus = sku is null ? 0 : checked(sku.GpuCount * node.InstanceCount);
            if (gpuCaps[loc] >= 0 && gpus > gpuCaps[loc])
            {
                problems.Add($"node {node.Name} needs {gpus} GPUs but {choice.Location} allows {gpuCaps[loc]} at a time: it could never start");
            }

            var rateKey = -1;
            if (options.RateLimitsPerSecond.TryGetValue(choice.Offering, out var rate))
            {
                rateKey = rateKeys.IndexOf(choice.Offering);
                if (rateKey < 0)
                {
                    rateKey = rateKeys.Count;
                    rateKeys.Add(choice.Offering);
                    rates.Add(rate);
                }
            }

            // A node waits for each input item either at its home (same location) or for the one move bringing it here.
            var requirements = 0;
            foreach (var e in graph.Inputs(node.Name))
            {
                var item = itemIndex[e.From];
                if (homes[e.From] == choice.Location)
                {
                    // Nodes are visited in order, so node i can only be the last reader added (a repeated input edge).
                    if (homeReaders[item].Count == 0 || homeReaders[item][^1] != i)
                    {
                        homeReaders[item].Add(i);
                        requirements++;
                    }
                }
                else if (moveIndex.TryGetValue((e.From, choice.Location), out var m) && moveConsumers.Contains((m, i)))
                {
                    requirements++;
                }
            }

            var routeBack = -1;
            if (node.Persistence == Persistence.None && homes[node.Name] != choice.Location)
            {
                routeBack = firstRouteBack.GetValueOrDefault(i, -1);
            }

            nodes[i] = new NodeSpec(loc, sku is not null, baseSeconds, baseHours, sku?.UsdPerHour ?? 0, node.InstanceCount,
                line.ServicesUsd, line.LlmUsd, gpus, rateKey, requirements, routeBack);
        }

        if (problems.Count > 0)
        {
            throw new SimulationSetupException(problems);
        }

        return new SimulationModel
        {
            PlannedCost = planned,
            Options = options,
            RetentionMonths = scenario.StorageRetentionMonths,
            NodeCount = nodeCount,
            ItemCount = names.Length,
            LocationArray = locations,
            ItemNames = names,
            Offerings = scenario.Nodes.Select(n => assignment[n.Name].Offering).ToArray(),
            MoveConsumerNames = moves.Select(mv => mv.Consumers.ToArray()).ToArray(),
            ItemHome = names.Select(n => locIndex[homes[n]]).ToArray(),
            ItemBaseBytes = itemBytes,
            ItemHomeStorage = names.Select(n => pricing.StorageAt(homes[n])).ToArray(),
            ItemOutMoveStart = Offsets(outMoves),
            ItemOutMoves = outMoves.SelectMany(l => l).ToArray(),
            ItemHomeReaderStart = Offsets(homeReaders),
            ItemHomeReaders = homeReaders.SelectMany(l => l).ToArray(),
            MoveMeter = moveMeter,
            MeterCount = meters.Count,
            Nodes = nodes,
            Moves = moveSpecs,
            LinkBytesPerSecond = linkRates.ToArray(),
            LocationSlots = slots,
            LocationGpuCap = gpuCaps,
            RatePerSecond = rates.ToArray(),
            RateKeys = rateKeys.ToArray(),
        };
    }

    private static int[] Offsets(List<int>[] rows)
    {
        var start = new int[rows.Length + 1];
        for (var i = 0; i < rows.Length; i++)
        {
            start[i + 1] = start[i] + rows[i].Count;
        }

        return start;
    }
}
