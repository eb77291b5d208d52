using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Simulation.Engine;
using Placement.Simulation.Events;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;
using Placement.Simulation.Setup;
using static Placement.Testing.Fixtures;

namespace Placement.Simulation.Tests.Engine;

public sealed class SimulatorTests
{
    private static readonly string[] VmLocations = ["gcp/us-west1", "gcp/us-east1", "aws/us-east-1", "aws/eu-west-1"];

    [Fact]
    public void Run_UnlimitedCapacityInstantNetwork_MakespanEqualsIndependentCriticalPath()
    {
        Prop.ForAll(
            Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 1000), n * n).Select(bits => (n, bits))).ToArbitrary(),
            input =>
            {
                var (n, bits) = input;
                var (scenario, assignment, hours) = RandomDag(n, bits);
                var model = SimulationModel.Build(ModelFor(scenario), assignment, FixedLinkTable.Instant, SimulationOptions.Exact);
                var result = Simulator.Run(model, new SeededRandomSource(1));

                // Independent longest path: finish(v) = hours(v) + max finish(parent), over a topological order.
                var finish = new Dictionary<string, double>();
                foreach (var name in WorkflowGraph.Build(scenario).TopologicalOrder)
                {
                    var start = scenario.Edges.Where(e => e.To == name).Select(e => e.From == "input" ? 0 : finish[e.From]).DefaultIfEmpty(0).Max();
                    finish[name] = start + ((double)hours[name] * 3600);
                }

                return Math.Abs(result.MakespanSeconds - finish.Values.Max()) < 1e-6 && result.Completed;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Run_LimitedSlots_NeverExceedsThemAndEveryTaskRunsOnce()
    {
        Prop.ForAll(
            Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 1000), n * n).Select(bits => (n, bits))).ToArbitrary(),
            Gen.Choose(1, 3).ToArbitrary(),
            (input, slots) =>
            {
                var (scenario, assignment, hours) = RandomDag(input.n, input.bits);
                var model = SimulationModel.Build(ModelFor(scenario), assignment, FixedLinkTable.Instant, SimulationOptions.Exact with { DefaultSlots = slots });
                var result = Simulator.Run(model, new SeededRandomSource(1));
                var unlimited = Simulator.Run(SimulationModel.Build(ModelFor(scenario), assignment, FixedLinkTable.Instant, SimulationOptions.Exact), new SeededRandomSource(1));
                var totalSeconds = hours.Values.Sum(h => (double)h * 3600);
                return result.Completed
                    && result.Locations.All(l => l.PeakConcurrent <= slots && l.Utilisation is >= 0 and <= 1.0000001)
                    && result.Nodes.All(n => n.Attempts == 1)
                    && result.Locations.Sum(l => l.TasksRun) == input.n
                    && result.MakespanSeconds >= unlimited.MakespanSeconds - 1e-6
                    && result.MakespanSeconds <= totalSeconds + 1e-6;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Run_OneSlotAtOneLocation_MakespanEqualsSumOfRuntimes()
    {
        var nodes = Enumerable.Range(0, 8).Select(i => Vm($"n{i}", 1_000, hours: 0.25m * (i + 1))).ToList();
        var edges = new List<Edge> { new("n0", "n3", null), new("n1", "n3", null), new("n3", "n7", null) };
        var scenario = Scenario(nodes, edges);
        var assignment = nodes.ToDictionary(n => n.Name, _ => new Candidate(L("gcp/us-west1"), "n2-standard-8"), StringComparer.Ordinal);
        var options = SimulationOptions.Exact with { DefaultSlots = 1 };
        var model = SimulationModel.Build(ModelFor(scenario), assignment, FixedLinkTable.Instant, options);
        var result = Simulator.Run(model, new SeededRandomSource(1));

        Assert.Equal(nodes.Sum(n => (double)n.Work.RuntimeHours!.Value * 3600), result.MakespanSeconds, 6);
        var stats = Assert.Single(result.Locations);
        Assert.Equal(1, stats.PeakConcurrent);
        Assert.Equal(1.0, stats.Utilisation!.Value, 9);
        Assert.True(stats.QueueWaitSeconds > 0);
    }

    [Fact]
    public void Run_TwoTransfersSharingOneLink_TakeTwiceAsLongAsOne()
    {
        const double bytesPerSecond = 1e8;
        var links = new FixedLinkTable(0, bytesPerSecond);
        var one = Transfers(links, datasets: 1);
        var two = Transfers(links, datasets: 2);

        var alone = Assert.Single(one);
        Assert.Equal(10.0, alone.EndSeconds - alone.StartSeconds, 9);
        Assert.Equal(2, two.Count);
        Assert.All(two, t => Assert.Equal(20.0, t.EndSeconds - t.StartSeconds, 9));
    }

    [Fact]
    public void Run_UnequalTransfersSharingOneLink_ShortOneFinishesFirstThenTheOtherSpeedsUp()
    {
        // 10^9 and 3 x 10^9 bytes at 10^8 B/s: both get half until the short one ends at 20 s (10^9 each moved),
        // then the long one has the whole link for its last 2 x 10^9 bytes: 20 s more.
        var moved = Transfers(new FixedLinkTable(0, 1e8), datasets: 2, sizes: [1_000_000_000, 3_000_000_000]);
        Assert.Equal(20.0, moved.Single(t => t.Data == "d0").EndSeconds, 9);
        Assert.Equal(40.0, moved.Single(t => t.Data == "d1").EndSeconds, 9);
    }

    [Fact]
    public void Run_MeasuredLink_TakesRttPlusBitsOverGigabitsPerSecond()
    {
        // 1 Gbit/s and 100 ms RTT (Fixtures): 10^9 bytes = 8 x 10^9 bits -> 8 s + 0.1 s.
        var network = new NetworkModel(Catalog);
        var moved = Assert.Single(Transfers(new NetworkLinkTable(network), datasets: 1));
        Assert.Equal(8.1, moved.EndSeconds - moved.StartSeconds, 9);
        Assert.Equal(network.TransferSeconds(L("aws/us-east-1"), L("gcp/us-west1"), 1_000_000_000), moved.EndSeconds - moved.StartSeconds, 9);
    }

    [Fact]
    public void Run_LatencyIsNotShared_OnlyBandwidthIs()
    {
        var moved = Transfers(new FixedLinkTable(0.5, 1e8), datasets: 2);
        Assert.All(moved, t => Assert.Equal(20.5, t.EndSeconds - t.StartSeconds, 9));
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Run_ReplayedEstimatesNoRandomness_CostEqualsCostModelExactly(string segmentAt, string splitAt, string detectAt)
    {
        var scenario = WorkedExample();
        var assignment = Assign(
            ("segment", segmentAt, "gcp-video-intelligence-labels"),
            ("split", splitAt, splitAt.StartsWith("aws", StringComparison.Ordinal) ? "m5.2xlarge" : "n2-standard-8"),
            ("detect", detectAt, "aws-rekognition-video-labels"),
            ("summarise", "openai/global", "gpt-4o"));
        var costModel = ModelFor(scenario);
        var planned = costModel.Evaluate(assignment);
        var model = SimulationModel.Build(costModel, assignment, new NetworkLinkTable(new NetworkModel(Catalog)), SimulationOptions.Exact);
        var result = Simulator.Run(model, new SeededRandomSource(7), withCostLines: true);

        Assert.True(result.Completed);
        Assert.Equal(planned.Totals, result.Cost);
        var lines = result.CostLines!;
        Assert.Equal(planned.Totals, lines.Totals);
        Assert.Equal(planned.Nodes.Select(n => (n.Node, n.Location, n.Offering, n.StorageHome, n.ComputeUsd, n.ServicesUsd, n.LlmUsd, n.RuntimeHours)),
            lines.Nodes.Select(n => (n.Node, n.Location, n.Offering, n.StorageHome, n.ComputeUsd, n.ServicesUsd, n.LlmUsd, n.RuntimeHours)));
        Assert.Equal(planned.Transfers.Select(t => (t.Data, t.From, t.To, t.Bytes, t.Rule, t.Usd, t.IsRouteBack, string.Join(",", t.Consumers))),
            lines.Transfers.Select(t => (t.Data, t.From, t.To, t.Bytes, t.Rule, t.Usd, t.IsRouteBack, string.Join(",", t.Consumers))));
        Assert.Equal(planned.Storage.Select(x => (x.Data, x.Location, x.Bytes, x.Copy, x.Usd)), lines.Storage.Select(x => (x.Data, x.Location, x.Bytes, x.Copy, x.Usd)));
        Assert.Equal(planned.Totals.TotalUsd, result.Cost.TotalUsd);
        Assert.Equal(planned.EgressBytes, result.EgressBytes);
        Assert.Equal(planned.Transfers.Count, result.Transfers.Count);
    }

    [Fact]
    public void Run_RandomDagsAndPlacementsWithoutRandomness_CostEqualsCostModelExactly()
    {
        Prop.ForAll(
            Gen.Choose(1, 20).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 1000), n * n).Select(bits => (n, bits))).ToArbitrary(),
            input =>
            {
                var (scenario, assignment, _) = RandomDag(input.n, input.bits);
                var costModel = ModelFor(scenario);
                var model = SimulationModel.Build(costModel, assignment, new NetworkLinkTable(new NetworkModel(Catalog)), SimulationOptions.Exact);
                var result = Simulator.Run(model, new SeededRandomSource(input.n));
                var planned = costModel.Evaluate(assignment);
                return result.Cost == planned.Totals && result.EgressBytes == planned.EgressBytes;
            }).QuickCheckThrowOnFailure();
    }

    public static TheoryData<string, string, string> Placements => new()
    {
        { "gcp/us-west1", "gcp/us-west1", "aws/us-east-1" },
        { "gcp/us-east1", "aws/us-east-1", "aws/eu-west-1" },
        { "gcp/us-west1", "gcp/europe-west1", "aws/us-east-1" },
    };

    [Fact]
    public void Run_LlmWithoutStorage_RoutesOutputBackAndPathEndsWithIt()
    {
        var scenario = WorkedExample();
        var assignment = Assign(("segment", "gcp/us-west1", "gcp-video-intelligence-labels"), ("split", "gcp/us-west1", "n2-standard-8"),
            ("detect", "aws/us-east-1", "aws-rekognition-video-labels"), ("summarise", "openai/global", "gpt-4o"));
        var model = SimulationModel.Build(ModelFor(scenario), assignment, new FixedLinkTable(0.1, 1e9), SimulationOptions.Exact);
        var result = Simulator.Run(model, new SeededRandomSource(1));

        var back = Assert.Single(result.Transfers, t => t.IsRouteBack);
        Assert.Equal("summarise", back.Data);
        Assert.Equal(L("aws/us-east-1"), back.To);
        Assert.Equal(result.MakespanSeconds, back.EndSeconds, 9);
        Assert.Equal(CriticalStepKind.Transfer, result.CriticalPath[^1].Kind);
        Assert.Equal(["segment", "split", "detect", "summarise"], result.CriticalPath.Where(s => s.Kind == CriticalStepKind.Task).Select(s => s.Name));
        for (var i = 1; i < result.CriticalPath.Count; i++)
        {
            Assert.True(result.CriticalPath[i].StartSeconds >= result.CriticalPath[i - 1].EndSeconds - 1e-9);
        }
    }

    [Fact]
    public void Run_SameSeed_SameEventLog_OtherSeed_Differs()
    {
        var model = NoisyModel();
        string Log(int seed)
        {
            var log = new EventLogText(model);
            Simulator.Run(model, new SeededRandomSource(seed), log, seed);
            return log.Text;
        }

        Assert.Equal(Log(42), Log(42));
        Assert.NotEqual(Log(42), Log(43));
    }

    [Fact]
    public void Run_GoldenScenario_EventLogMatchesCheckedInFile()
    {
        var model = NoisyModel();
        var log = new EventLogText(model);
        Simulator.Run(model, new SeededRandomSource(2026), log, 2026);
        Golden.AssertMatches("noisy-worked-example.events.jsonl", log.Text);
        var times = log.Text.TrimEnd('\n').Split('\n').Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("t").GetDouble()).ToList();
        Assert.Equal(times.Order().ToList(), times);
    }

    [Fact]
    public void Run_ManyMovesSharingALink_EventLogMatchesCheckedInFile()
    {
        // Six datasets of varied sizes join one aws -> gcp link together and drain one by one: every join and every
        // completion reschedules the link's next drain, so the log's sequence numbers skip the replaced drains. The file
        // was written by the engine before drains were kept beside the queue (stale drain events in the heap).
        var data = Enumerable.Range(0, 6).Select(i => new Dataset($"d{i}", L("aws/us-east-1"), (i + 1) * 300_000_000L, [], null)).ToList();
        var nodes = Enumerable.Range(0, 6).Select(i => Vm($"n{i}", 10, hours: 0.01m * i)).ToList();
        var edges = Enumerable.Range(0, 6).Select(i => new Edge($"d{i}", $"n{i}", null)).ToList();
        var assignment = nodes.ToDictionary(n => n.Name, _ => new Candidate(L("gcp/us-west1"), "n2-standard-8"), StringComparer.Ordinal);
        var options = SimulationOptions.Exact with { Runtime = new Variation(0.3), Bytes = new Variation(0.3), DefaultSlots = 2 };
        var model = SimulationModel.Build(ModelFor(Scenario(nodes, edges, data)), assignment, new NetworkLinkTable(new NetworkModel(Catalog)), options);
        var log = new EventLogText(model);
        Simulator.Run(model, new SeededRandomSource(11), log, 11);
        Golden.AssertMatches("shared-link.events.jsonl", log.Text);
        Assert.Contains("link-drained", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FailuresWithoutRetries_SomeRunsFailAndDependantsNeverStart()
    {
        var model = NoisyModel(failure: 0.5, attempts: 1);
        var results = Enumerable.Range(0, 40).Select(s => Simulator.Run(model, new SeededRandomSource(s))).ToList();
        Assert.Contains(results, r => !r.Completed);
        Assert.Contains(results, r => r.Completed);
        var failed = results.First(r => !r.Completed);
        var dead = failed.Nodes.First(n => !n.Succeeded && n.Attempts > 0);
        Assert.DoesNotContain(failed.Nodes.SkipWhile(n => n != dead).Skip(1), n => n.Attempts > 0);
    }

    [Fact]
    public void Run_FailuresWithRetries_BillEveryAttempt()
    {
        var model = NoisyModel(failure: 0.3, attempts: 10, cv: 0);
        var results = Enumerable.Range(0, 30).Select(s => Simulator.Run(model, new SeededRandomSource(s))).ToList();
        var retried = results.First(r => r.Nodes.Any(n => n.Node == "split" && n.Attempts > 1));
        var split = retried.Nodes.Single(n => n.Node == "split");
        Assert.True(split.BilledHours > 2m, $"billed {split.BilledHours} h for {split.Attempts} attempts of a 2 h task");
        Assert.True(results.Where(r => r.Completed).All(r => r.Cost.ServicesUsd >= 20m));
    }

    [Fact]
    public void Run_RateLimit_SpacesStarts()
    {
        var nodes = Enumerable.Range(0, 4).Select(i => Llm($"ask{i}", 100, 1000, 100)).ToList();
        var scenario = Scenario(nodes, [], defaultStorage: L("aws/us-east-1"));
        var assignment = nodes.ToDictionary(n => n.Name, _ => new Candidate(L("openai/global"), "gpt-4o"), StringComparer.Ordinal);
        var options = SimulationOptions.Exact with { RateLimitsPerSecond = new Dictionary<string, double> { ["gpt-4o"] = 0.5 } };
        var model = SimulationModel.Build(ModelFor(scenario), assignment, FixedLinkTable.Instant, options);
        var result = Simulator.Run(model, new SeededRandomSource(1));
        Assert.Equal([0.0, 2.0, 4.0, 6.0], result.Nodes.Select(n => n.StartSeconds));
    }

    [Fact]
    public void Run_EngineOverhead_DelaysEveryTaskOnThePath()
    {
        var nodes = new[] { Vm("a", 10, hours: 1), Vm("b", 10, hours: 1) };
        var scenario = Scenario(nodes, [new Edge("a", "b", null)]);
        var assignment = Assign(("a", "gcp/us-west1", "n2-standard-8"), ("b", "gcp/us-west1", "n2-standard-8"));
        var model = SimulationModel.Build(ModelFor(scenario), assignment, FixedLinkTable.Instant, SimulationOptions.Exact with { EngineOverheadSeconds = 30 });
        Assert.Equal(7200 + 60, Simulator.Run(model, new SeededRandomSource(1)).MakespanSeconds, 9);
    }

    [Fact]
    public void Build_NodeNeedsMoreGpusThanCap_IsRefused()
    {
        var node = new WorkflowNode("train", new VmRequirement("A100", 8, [], 0, 0), Persistence.Native, CandidateRules.Any,
            WorkEstimate.None with { RuntimeHours = 1 }, 10, null, 1, null, false);
        var scenario = Scenario([node], []) with
        {
            Constraints = ScenarioConstraints.None with { MaxGpusPerLocation = new Dictionary<Location, int> { [L("aws/us-east-1")] = 4 } },
        };
        var e = Assert.Throws<SimulationSetupException>(() =>
            SimulationModel.Build(ModelFor(scenario), Assign(("train", "aws/us-east-1", "p4d.24xlarge")), FixedLinkTable.Instant, SimulationOptions.Exact));
        Assert.Contains("needs 8 GPUs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidOptions_ListsEveryProblem()
    {
        var options = SimulationOptions.Exact with { FailureProbability = 1.5, MaxAttempts = 0, DefaultSlots = 0 };
        var e = Assert.Throws<SimulationSetupException>(() =>
            SimulationModel.Build(ModelFor(WorkedExample()), Assign(), FixedLinkTable.Instant, options));
        Assert.Equal(3, e.Problems.Count);
    }

    internal static SimulationModel NoisyModel(double failure = 0.1, int attempts = 3, double cv = 0.3)
    {
        var scenario = WorkedExample() with { DefaultStorage = L("gcp/us-west1") };
        var assignment = Assign(("segment", "gcp/us-west1", "gcp-video-intelligence-labels"), ("split", "gcp/us-east1", "n2-standard-8"),
            ("detect", "aws/us-east-1", "aws-rekognition-video-labels"), ("summarise", "openai/global", "gpt-4o"));
        var options = SimulationOptions.Exact with
        {
            Runtime = new Variation(cv),
            Bytes = new Variation(cv / 2),
            FailureProbability = failure,
            MaxAttempts = attempts,
            RetryDelaySeconds = 60,
            EngineOverheadSeconds = 5,
        };
        return SimulationModel.Build(ModelFor(scenario), assignment, new NetworkLinkTable(new NetworkModel(Catalog)), options);
    }

    private static List<TransferOutcome> Transfers(ILinkTable links, int datasets, long[]? sizes = null)
    {
        var data = Enumerable.Range(0, datasets).Select(i => new Dataset($"d{i}", L("aws/us-east-1"), sizes?[i] ?? 1_000_000_000, [], null)).ToList();
        var nodes = Enumerable.Range(0, datasets).Select(i => Vm($"n{i}", 10, hours: 0)).ToList();
        var edges = Enumerable.Range(0, datasets).Select(i => new Edge($"d{i}", $"n{i}", null)).ToList();
        var scenario = Scenario(nodes, edges, data);
        var assignment = nodes.ToDictionary(n => n.Name, _ => new Candidate(L("gcp/us-west1"), "n2-standard-8"), StringComparer.Ordinal);
        var model = SimulationModel.Build(ModelFor(scenario), assignment, links, SimulationOptions.Exact);
        return Simulator.Run(model, new SeededRandomSource(1)).Transfers.ToList();
    }

    private static (Scenario, Dictionary<string, Candidate>, Dictionary<string, decimal>) RandomDag(int n, int[] bits)
    {
        var hours = new Dictionary<string, decimal>();
        var nodes = new List<WorkflowNode>();
        var edges = new List<Edge>();
        var assignment = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        for (var j = 0; j < n; j++)
        {
            var h = bits[j] / 400m;
            hours[$"v{j}"] = h;
            nodes.Add(Vm($"v{j}", bits[(j * n) % bits.Length] * 1_000_000L, hours: h));
            var loc = VmLocations[bits[(j + 1) % bits.Length] % VmLocations.Length];
            assignment[$"v{j}"] = new Candidate(L(loc), loc.StartsWith("aws", StringComparison.Ordinal) ? "m5.2xlarge" : "n2-standard-8");
            for (var i = 0; i < j; i++)
            {
                if (bits[(i * n) + j] % 4 == 0)
                {
                    edges.Add(new Edge($"v{i}", $"v{j}", null));
                }
            }
        }

        edges.Add(new Edge("input", "v0", null));
        var input = new Dataset("input", L("aws/us-east-1"), (bits[0] + 1) * 3_000_000L, [], null);
        return (Scenario(nodes, edges, [input]), assignment, hours);
    }
}
