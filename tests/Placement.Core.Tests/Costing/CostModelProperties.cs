using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Costing;
using Placement.Core.Model;
using static Placement.Testing.Fixtures;

namespace Placement.Core.Tests.Costing;

/// <summary>Invariants of the cost model over random small DAGs and random placements.</summary>
public class CostModelProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>A random DAG of VM, service and LLM nodes (edges only go forward), built from one seed.</summary>
    internal static Scenario RandomScenario(int seed, bool vmOnly = false)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 8);
        var nodes = new List<WorkflowNode>();
        var edges = new List<Edge>();
        var datasets = new List<Dataset>();
        if (rng.Next(2) == 0)
        {
            datasets.Add(new Dataset("input", vmOnly ? L("gcp/us-west1") : L(rng.Next(2) == 0 ? "gcp/us-west1" : "aws/us-east-1"), rng.NextInt64(0, 5_000_000_000), [], null));
        }

        for (var i = 0; i < n; i++)
        {
            var name = $"n{i}";
            var bytes = rng.NextInt64(0, 20_000_000_000);
            var kind = vmOnly ? 0 : rng.Next(4);
            nodes.Add(kind switch
            {
                1 => Service(name, "gcp-video-intelligence-labels", bytes, rng.Next(0, 500)),
                2 when i > 0 || datasets.Count > 0 => Llm(name, bytes / 1000, rng.Next(0, 2_000_000), rng.Next(0, 200_000)),
                _ => Vm(name, bytes, hours: rng.Next(0, 100) / 10m),
            });
            var parents = Enumerable.Range(0, i).Where(_ => rng.Next(3) == 0).Select(p => $"n{p}").ToList();
            if (datasets.Count > 0 && rng.Next(2) == 0)
            {
                parents.Add("input");
            }

            if (nodes[^1].Persistence == Persistence.None && parents.Count == 0)
            {
                parents.Add(i > 0 ? $"n{i - 1}" : "input");
            }

            edges.AddRange(parents.Select(p => new Edge(p, name, rng.Next(3) == 0 ? rng.NextInt64(0, 3_000_000_000) : null)));
        }

        return Scenario(nodes, edges, datasets);
    }

    internal static Dictionary<string, Candidate> RandomAssignment(Scenario s, int seed)
    {
        var rng = new Random(seed);
        return s.Nodes.ToDictionary(
            n => n.Name,
            n =>
            {
                var c = CandidateFinder.For(n, s.Constraints, Catalog);
                return c[rng.Next(c.Count)];
            },
            StringComparer.Ordinal);
    }

    [Fact]
    public void Evaluate_AnyPlacement_TotalEqualsSumOfLines()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var s = RandomScenario(seed);
            var cost = ModelFor(s).Evaluate(RandomAssignment(s, pick));
            var lines = cost.Nodes.Sum(l => l.ComputeUsd + l.ServicesUsd + l.LlmUsd) + cost.Transfers.Sum(t => t.Usd) + cost.Storage.Sum(x => x.Usd);
            return cost.Totals.TotalUsd == lines
                && cost.Totals.EgressUsd == cost.Transfers.Sum(t => t.Usd)
                && cost.Totals.StorageUsd == cost.Storage.Sum(x => x.Usd);
        }).Check(Runs);
    }

    [Fact]
    public void Evaluate_EverythingAtOneLocation_HasZeroEgress()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var s = RandomScenario(seed, vmOnly: true);
            var all = s.Nodes.ToDictionary(n => n.Name, _ => new Candidate(L("gcp/us-west1"), "n2-standard-8"), StringComparer.Ordinal);
            var cost = ModelFor(s).Evaluate(all);
            return cost.Transfers.Count == 0 && cost.Totals.EgressUsd == 0;
        }).Check(Runs);
    }

    [Fact]
    public void Evaluate_NodesListedInAnotherOrder_CostsTheSame()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var s = RandomScenario(seed);
            var assignment = RandomAssignment(s, pick);
            var shuffled = s with
            {
                Nodes = s.Nodes.OrderBy(n => (n.Name.GetHashCode(StringComparison.Ordinal) ^ pick) & 0xffff).ThenBy(n => n.Name, StringComparer.Ordinal).ToList(),
                Edges = s.Edges.Reverse().ToList(),
            };

            // Reversing edges may change primary-parent ties, so keep tie-breaking explicit with storeWith.
            shuffled = shuffled with { Nodes = shuffled.Nodes.Select(n => n with { StoreWith = n.StoreWith ?? WorkflowGraph.Build(s).PrimaryParent(n.Name) }).ToList() };
            var a = ModelFor(s).Evaluate(assignment).Totals;
            var b = ModelFor(shuffled).Evaluate(assignment).Totals;
            return a == b;
        }).Check(Runs);
    }

    [Fact]
    public void Evaluate_AnyPlacement_OneTransferPerDataAndDestination()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var s = RandomScenario(seed);
            var cost = ModelFor(s).Evaluate(RandomAssignment(s, pick));
            return cost.Transfers.GroupBy(t => (t.Data, t.To, t.IsRouteBack)).All(g => g.Count() == 1)
                && cost.Transfers.All(t => t.From != t.To);
        }).Check(Runs);
    }
}
