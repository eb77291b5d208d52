using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Costing;
using Placement.Core.Model;
using static Placement.Testing.Fixtures;

namespace Placement.Core.Tests.Costing;

/// <summary>
/// File-granular transfers and the staged-copy rule (cost-model.md): what moves to a destination is the union of
/// what its readers there read, each part once; what is staged there is the union of what its readers with
/// storage read.
/// </summary>
public class TransferVolumeTests
{
    private const long Gb = 1_000_000_000;

    /// <summary>
    /// A random DAG of VMs (some with 1-4 output parts read in random subsets, some streaming: no storage of their
    /// own) with partial byte reads of undivided outputs, and a random placement over four locations.
    /// </summary>
    internal static (Scenario Scenario, Dictionary<string, Candidate> Assignment) RandomPlacement(int seed)
    {
        var rng = new Random(seed);
        var at = new[] { "aws/us-east-1", "aws/us-east-2", "gcp/us-west1", "gcp/us-east1" };
        var n = rng.Next(1, 8);
        var nodes = new List<WorkflowNode>();
        var edges = new List<Edge>();
        for (var i = 0; i < n; i++)
        {
            var parts = rng.Next(3) == 0 ? Enumerable.Range(0, rng.Next(1, 5)).Select(k => new DataPart($"f{k}", rng.NextInt64(0, 4 * Gb))).ToList() : null;
            var node = Vm($"n{i}", parts?.Sum(p => p.Bytes) ?? rng.NextInt64(0, 10 * Gb)) with { OutputParts = parts };
            var parents = Enumerable.Range(0, i).Where(_ => rng.Next(2) == 0).ToList();
            if (parents.Count > 0 && rng.Next(4) == 0)
            {
                node = node with { Persistence = Persistence.None };
            }

            nodes.Add(node);
            foreach (var p in parents)
            {
                var producer = nodes[p];
                edges.Add(producer.Parts.Count > 0
                    ? new Edge(producer.Name, node.Name, null, rng.Next(4) == 0 ? null : producer.Parts.Where(_ => rng.Next(2) == 0).Select(x => x.Name).ToList())
                    : new Edge(producer.Name, node.Name, rng.Next(2) == 0 ? rng.NextInt64(0, producer.OutputBytes + 1) : null));
            }
        }

        var assignment = nodes.ToDictionary(x => x.Name, _ => at[rng.Next(at.Length)], StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => new Candidate(L(p.Value), p.Value.StartsWith("aws", StringComparison.Ordinal) ? "m5.2xlarge" : "n2-standard-8"), StringComparer.Ordinal);
        return (Scenario(nodes, edges), assignment);
    }

    /// <summary>
    /// The oracle, independent of the cost model's code: each read is a set of byte ranges of the item (a part is its
    /// range in declared order; a partial read of an undivided item is its first bytes), and the union's length is
    /// measured by sweeping the ranges.
    /// </summary>
    private static long UnionBytes(WorkflowNode producer, IEnumerable<Edge> reads)
    {
        var ranges = new List<(long Start, long End)>();
        foreach (var e in reads)
        {
            if (producer.Parts.Count == 0)
            {
                ranges.Add((0, e.Bytes ?? producer.OutputBytes));
                continue;
            }

            long offset = 0;
            foreach (var part in producer.Parts)
            {
                if (e.Parts is null || e.Parts.Contains(part.Name))
                {
                    ranges.Add((offset, offset + part.Bytes));
                }

                offset += part.Bytes;
            }
        }

        long total = 0, reach = 0;
        foreach (var (start, end) in ranges.OrderBy(r => r.Start))
        {
            var from = Math.Max(start, reach);
            if (end > from)
            {
                total += end - from;
                reach = end;
            }
        }

        return total;
    }

    [Fact]
    public void Evaluate_AnyPlacement_BytesMovedToADestinationAreTheUnionOfWhatItsReadersThereRead()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (s, assignment) = RandomPlacement(seed);
            var cost = ModelFor(s).Evaluate(assignment);
            var home = cost.Nodes.ToDictionary(x => x.Node, x => x.StorageHome, StringComparer.Ordinal);
            var nodes = s.Nodes.ToDictionary(x => x.Name, StringComparer.Ordinal);
            foreach (var producer in s.Nodes)
            {
                var remote = s.Edges.Where(e => e.From == producer.Name && assignment[e.To].Location != home[producer.Name]).GroupBy(e => assignment[e.To].Location);
                foreach (var dest in remote)
                {
                    var line = cost.Transfers.Single(t => t.Data == producer.Name && t.To == dest.Key && !t.IsRouteBack);
                    var staged = cost.Storage.SingleOrDefault(x => x.Data == producer.Name && x.Location == dest.Key && x.Copy == StorageCopy.Staged);
                    var storing = UnionBytes(producer, dest.Where(e => nodes[e.To].Persistence == Persistence.Native));
                    if (line.Bytes != UnionBytes(producer, dest) || (staged?.Bytes ?? 0) != storing)
                    {
                        return false;
                    }
                }

                // No transfer of the item goes anywhere else.
                var destinations = remote.Select(g => g.Key).ToHashSet();
                if (cost.Transfers.Any(t => t.Data == producer.Name && !t.IsRouteBack && !destinations.Contains(t.To)))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Evaluate_StreamingVm40GbAndStoringVm5GbAtOneLocation_StagesAndBillsFiveGb()
    {
        // The example: src in gcp/us-west1 writes 40 GB; at aws/us-east-1 a VM without storage streams all of it
        // and a VM with storage reads the first 5 GB; everything is kept two months.
        var s = Scenario(
            [Vm("src", 40 * Gb), Vm("stream", 0) with { Persistence = Persistence.None }, Vm("store", 0)],
            [new Edge("src", "stream", null), new Edge("src", "store", 5 * Gb)],
            retention: 2);
        var cost = ModelFor(s).Evaluate(Assign(("src", "gcp/us-west1", "n2-standard-8"), ("stream", "aws/us-east-1", "m5.2xlarge"), ("store", "aws/us-east-1", "m5.2xlarge")));

        // One transfer of the largest read (40 GB): 40e9 / 2^30 GiB x $0.12 = $4.470348.
        var move = Assert.Single(cost.Transfers, t => !t.IsRouteBack);
        Assert.Equal((L("gcp/us-west1"), L("aws/us-east-1"), 40 * Gb, 4.470348m), (move.From, move.To, move.Bytes, move.Usd));

        // The staged copy holds the storing VM's 5 GB: 5 GB x $0.023 x 2 months = $0.23 (40 GB would be $1.84).
        var staged = Assert.Single(cost.Storage, x => x.Copy == StorageCopy.Staged);
        Assert.Equal((L("aws/us-east-1"), 5 * Gb, 0.23m), (staged.Location, staged.Bytes, staged.Usd));
    }

    [Fact]
    public void Evaluate_OnlyStreamingReadersAtADestination_StagesNothing()
    {
        var s = Scenario(
            [Vm("src", 40 * Gb), Vm("stream", 0) with { Persistence = Persistence.None }],
            [new Edge("src", "stream", null)]);
        var cost = ModelFor(s).Evaluate(Assign(("src", "gcp/us-west1", "n2-standard-8"), ("stream", "aws/us-east-1", "m5.2xlarge")));

        Assert.Equal(40 * Gb, Assert.Single(cost.Transfers, t => !t.IsRouteBack).Bytes);
        Assert.DoesNotContain(cost.Storage, x => x.Copy == StorageCopy.Staged);
    }

    [Fact]
    public void Evaluate_SplitWithChunksReadByDifferentNodes_MovesEachChunkOncePerDestination()
    {
        // split writes three chunks; at aws/us-east-1 a reads c1, b reads c1 and c2; at aws/us-east-2 c reads c3.
        var split = Vm("split", 0) with { OutputParts = [new("c1", 2 * Gb), new("c2", 3 * Gb), new("c3", 4 * Gb)], OutputBytes = 9 * Gb };
        var s = Scenario(
            [split, Vm("a", 0), Vm("b", 0), Vm("c", 0)],
            [new Edge("split", "a", null, ["c1"]), new Edge("split", "b", null, ["c1", "c2"]), new Edge("split", "c", null, ["c3"])]);
        var cost = ModelFor(s).Evaluate(Assign(("split", "gcp/us-west1", "n2-standard-8"), ("a", "aws/us-east-1", "m5.2xlarge"), ("b", "aws/us-east-1", "m5.2xlarge"), ("c", "aws/us-east-2", "m5.2xlarge")));

        // The largest single read at us-east-1 would be 5 GB either way; us-east-2 gets only c3, not all 9 GB.
        Assert.Equal(5 * Gb, cost.Transfers.Single(t => t.To == L("aws/us-east-1")).Bytes);
        Assert.Equal(4 * Gb, cost.Transfers.Single(t => t.To == L("aws/us-east-2")).Bytes);

        // a and c read c1 and c3 at one place: 6 GB moves there, each chunk once (the largest read alone is 4 GB).
        var together = ModelFor(s).Evaluate(Assign(("split", "gcp/us-west1", "n2-standard-8"), ("a", "aws/us-east-1", "m5.2xlarge"), ("b", "gcp/us-west1", "n2-standard-8"), ("c", "aws/us-east-1", "m5.2xlarge")));
        var move = Assert.Single(together.Transfers);
        Assert.Equal(6 * Gb, move.Bytes);
        Assert.Equal(6 * Gb, together.Storage.Single(x => x.Copy == StorageCopy.Staged).Bytes);
    }

    [Fact]
    public void Graph_EdgeFromAnItemWithParts_ReadsTheNamedPartsOrAllOfThem()
    {
        var split = Vm("split", 0) with { OutputParts = [new("c1", 2), new("c2", 3)], OutputBytes = 5 };
        var g = WorkflowGraph.Build(Scenario([split, Vm("a", 0), Vm("b", 0)], [new Edge("split", "a", null, ["c2"]), new Edge("split", "b", null)]));

        Assert.Equal(3L, g.Readers("split")[0].Bytes);
        Assert.Equal(["c2"], g.Readers("split")[0].Parts!);
        Assert.Equal(5L, g.Readers("split")[1].Bytes);
        Assert.Equal(["c1", "c2"], g.Readers("split")[1].Parts!);
    }
}
