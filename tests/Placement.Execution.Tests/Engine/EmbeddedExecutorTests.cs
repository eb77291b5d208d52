using Placement.Execution.Engine;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Engine;

public class EmbeddedExecutorTests
{
    internal static async Task<(RunResult Result, Core.Plans.Plan Plan, EmbeddedExecutor Executor)> RunSpread(string folder, StorageMap storage)
    {
        var (_, graph) = TestKit.Scenario(folder, Scenarios.Spread);
        TestKit.WriteBytes(Path.Combine(folder, "raw.bin"), 5000);
        var plan = TestKit.PlanFor(graph, Scenarios.SpreadPlacement);
        var executor = TestKit.Executor(Path.Combine(folder, "state"), storage);
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder), null, CancellationToken.None);
        Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
        return (result, plan, executor);
    }

    internal static void AssertBytesMatchPlan(RunResult result, Core.Plans.Plan plan)
    {
        Assert.Equal(RunStatus.Succeeded, result.Status);
        var planned = plan.Cost.Transfers.Select(t => (t.Data, From: t.From.ToString(), To: t.To.ToString(), t.Bytes)).OrderBy(t => t.Data).ThenBy(t => t.To).ToList();
        var measured = result.Transfers.Select(t => (t.Data, t.From, t.To, t.Bytes)).OrderBy(t => t.Data).ThenBy(t => t.To).ToList();
        Assert.Equal(planned, measured);
        Assert.Equal(plan.Cost.EgressBytes, result.Transfers.Sum(t => t.Bytes));
    }

    [Fact]
    public async Task StartAsync_LocalBuckets_BytesMovedEqualPlanTransfersExactly()
    {
        var folder = TestKit.TempFolder("bytes");
        var (result, plan, executor) = await RunSpread(folder, TestKit.Local(folder));
        using (executor)
        {
            AssertBytesMatchPlan(result, plan);
            Assert.Equal(5, result.Nodes.Count);
            Assert.Contains(result.Transfers, t => t.Data == "e" && t.Mode == "route-back" && t.From == "openai/global" && t.To == "azure/eastus");
            Assert.Contains(result.Transfers, t => t.Data == "d" && t.Mode == "stream-to-consumer");

            // Nothing moves where producer home and consumer share a location: c reads b inside gcp/us-west1.
            Assert.DoesNotContain(result.Transfers, t => t.Data == "b");
            Assert.True(File.Exists(TestKit.OutputFile(folder, "gcp/us-west1", "exec-spread", result.RunId, "a")));
            Assert.True(File.Exists(TestKit.OutputFile(folder, "azure/eastus", "exec-spread", result.RunId, "e")));
        }
    }

    [Fact]
    public async Task StartAsync_SecondRunSameInputs_EveryNodeCachedAndNothingMoves()
    {
        var folder = TestKit.TempFolder("cache");
        var (first, plan, executor) = await RunSpread(folder, TestKit.Local(folder));
        using (executor)
        {
            var (_, graph) = TestKit.Scenario(folder, Scenarios.Spread);
            var second = await executor.StartAsync(new RunRequest(graph, plan, folder), null, CancellationToken.None);
            Assert.Equal(RunStatus.Succeeded, second.Status);
            Assert.All(second.Nodes, n => Assert.Equal(NodeCommitKind.Cached, n.Kind));
            Assert.Empty(second.Transfers);
            Assert.Equal(first.Nodes.Select(n => n.Sha256), second.Nodes.Select(n => n.Sha256));
        }
    }

    [Fact]
    public async Task StartAsync_CorruptedOutputObject_DetectedByHashAndRecomputed()
    {
        var folder = TestKit.TempFolder("corrupt");
        var (first, plan, executor) = await RunSpread(folder, TestKit.Local(folder));
        using (executor)
        {
            var path = TestKit.OutputFile(folder, "gcp/us-west1", "exec-spread", first.RunId, "c");
            File.WriteAllText(path, "tampered");
            File.Delete(TestKit.OutputFile(folder, "aws/us-east-1", "exec-spread", first.RunId, "a"));
            var (_, graph) = TestKit.Scenario(folder, Scenarios.Spread);
            var second = await executor.StartAsync(new RunRequest(graph, plan, folder), null, CancellationToken.None);
            Assert.Equal(RunStatus.Succeeded, second.Status);
            Assert.Equal(NodeCommitKind.Ran, second.Nodes.Single(n => n.Node == "c").Kind);
            Assert.Equal(NodeCommitKind.Ran, second.Nodes.Single(n => n.Node == "a").Kind);
            Assert.Equal(NodeCommitKind.Cached, second.Nodes.Single(n => n.Node == "b").Kind);
            Assert.Equal(first.Nodes.Single(n => n.Node == "c").Sha256, second.Nodes.Single(n => n.Node == "c").Sha256);
            Assert.Equal(first.Nodes.Single(n => n.Node == "c").Sha256, await ContentHash.OfFileAsync(TestKit.OutputFile(folder, "gcp/us-west1", "exec-spread", second.RunId, "c"), CancellationToken.None));
        }
    }

    [Fact]
    public async Task StartAsync_FromNode_ThatNodeAndDownstreamRunAgain()
    {
        var folder = TestKit.TempFolder("from");
        var (_, plan, executor) = await RunSpread(folder, TestKit.Local(folder));
        using (executor)
        {
            var (_, graph) = TestKit.Scenario(folder, Scenarios.Spread);
            var second = await executor.StartAsync(new RunRequest(graph, plan, folder, FromNode: "c"), null, CancellationToken.None);
            var kinds = second.Nodes.ToDictionary(n => n.Node, n => n.Kind);
            Assert.Equal(NodeCommitKind.Cached, kinds["a"]);
            Assert.Equal(NodeCommitKind.Cached, kinds["b"]);
            Assert.Equal(NodeCommitKind.Ran, kinds["c"]);
            Assert.Equal(NodeCommitKind.Ran, kinds["d"]);
            Assert.Equal(NodeCommitKind.Ran, kinds["e"]);
        }
    }

    [Fact]
    public async Task StartAsync_EveryNode_CommittedExactlyOnceUnderRunSlashNode()
    {
        var folder = TestKit.TempFolder("once");
        var (result, _, executor) = await RunSpread(folder, TestKit.Local(folder));
        using (executor)
        {
            foreach (var n in result.Nodes)
            {
                Assert.Equal(1, executor.Journal.CommitCount($"{result.RunId}/{n.Node}"));
            }

            var row = executor.Journal.Commits(result.RunId)["a"];
            Assert.False(executor.Journal.TryCommit(row with { Uri = "file:///elsewhere" }));
            Assert.Equal(1, executor.Journal.CommitCount($"{result.RunId}/a"));
        }
    }

    [Fact]
    public async Task StartAsync_TraceAndManifest_WrittenWithTransfersAndExtensions()
    {
        var folder = TestKit.TempFolder("trace");
        var (result, plan, executor) = await RunSpread(folder, TestKit.Local(folder));
        using (executor)
        {
            var read = Placement.Traces.Formats.TraceReader.Read(File.ReadAllText(result.TracePath), result.TracePath);
            var trace = read.Value ?? throw new InvalidOperationException(string.Join("\n", read.Problems));
            Assert.Equal("1.5", trace.SchemaVersion);
            Assert.Equal(5, trace.Tasks.Count);
            Assert.All(trace.Tasks, t =>
            {
                Assert.NotNull(t.Placement);
                Assert.NotNull(t.Placement!.BytesMoved);
                Assert.NotNull(t.Placement.PredictedUsd);
            });
            Assert.Equal(plan.Cost.EgressBytes, trace.Tasks.Sum(t => t.Placement!.BytesMoved!.Value));
            var run = trace.Run!;
            Assert.Equal("placement-trace/1", System.Text.Json.JsonDocument.Parse(File.ReadAllText(result.TracePath)).RootElement.GetProperty("placement").GetProperty("format").GetString());
            Assert.Equal(result.RunId, run.RunId);
            Assert.Equal("succeeded", run.Status);
            Assert.Equal(plan.Cost.Transfers.Count, run.Transfers.Count);
            Assert.All(run.Transfers, t => Assert.True(t.EndSeconds >= t.StartSeconds && t.Mode is not null && t.PredictedBytes is not null));
            Assert.True(File.Exists(Path.Combine(result.RunFolder, "manifest.json")));
        }
    }
}

/// <summary>The executor against the real S3 and Azure servers, alone and mixed.</summary>
[Collection(ServersCollection.Name)]
public class EmbeddedExecutorServerTests
{
    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    [InlineData("mixed")]
    public async Task StartAsync_ServerBuckets_BytesMovedEqualPlanTransfersExactly(string kind)
    {
        var folder = TestKit.TempFolder("srv-" + kind);
        var storage = StorageServers.Map(kind, folder);
        var (result, plan, executor) = await EmbeddedExecutorTests.RunSpread(folder, storage);
        using (executor)
        {
            EmbeddedExecutorTests.AssertBytesMatchPlan(result, plan);
            var modes = result.Transfers.ToDictionary(t => (t.Data, t.To), t => t.Mode);
            var sameService = kind != "mixed";
            Assert.Equal(sameService ? "server-copy" : "stream", modes[("a", "gcp/us-west1")]);
            foreach (var n in result.Nodes)
            {
                var backend = storage.For(Core.Model.Location.Parse(n.StorageHome));
                var stored = await ContentHash.OfObjectAsync(backend, Core.Model.Location.Parse(n.StorageHome), StorageKey.ForRunOutput("exec-spread", result.RunId, n.Node), default);
                Assert.Equal((n.Sha256, n.Bytes), stored);
            }

            Assert.DoesNotContain(StorageServers.S3Secret, executor.Journal.DumpText(), StringComparison.Ordinal);
            Assert.DoesNotContain(AzureBlobOptions.AzuriteAccountKey, executor.Journal.DumpText(), StringComparison.Ordinal);
            Assert.DoesNotContain(StorageServers.S3Secret, File.ReadAllText(result.TracePath), StringComparison.Ordinal);
            Assert.DoesNotContain(AzureBlobOptions.AzuriteAccountKey, File.ReadAllText(Path.Combine(result.RunFolder, "manifest.json")), StringComparison.Ordinal);
        }
    }
}
