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
}
