using Placement.Core.Model;
using Placement.Execution.Activities;
using Placement.Execution.Ports;

namespace Placement.Execution.Tests.Activities;

public class NodeAttemptActivityTests
{
    private const string Yaml = """
        name: attempt
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        nodes:
          - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: command, run: "x" } }
        edges: []
        """;

    /// <summary>Writes a fixed output, or fails; records what the journal said while it ran.</summary>
    private sealed class Probe(ActivityKit kit, bool fail) : INodeHandler
    {
        public List<string> SeenWhileRunning { get; } = [];

        public string Kind => "command";

        public IReadOnlyList<string> Check(WorkflowNode node) => [];

        public async Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel)
        {
            SeenWhileRunning.AddRange(kit.Journal.Attempts(work.RunId).Where(a => a.Attempt == work.Attempt).Select(a => a.Status));
            if (fail)
            {
                throw new InvalidOperationException("boom");
            }

            await File.WriteAllTextAsync(work.OutputPath, $"attempt {work.Attempt}", cancel);
            return NodeOutcome.Done;
        }
    }

    private static (NodeAttemptActivity Body, NodeAttemptRequest Request) Make(ActivityKit kit, INodeHandler handler)
    {
        var (_, graph) = TestKit.Scenario(kit.Folder, Yaml);
        var body = new NodeAttemptActivity(kit.Services, new Dictionary<string, INodeHandler> { ["command"] = handler }, graph, kit.Folder, Path.Combine(kit.Folder, "work"), TimeSpan.FromMinutes(1));
        var request = new NodeAttemptRequest("r1", "a", 1, false, ActivityKit.Aws, ActivityKit.Aws, "attempt/a", "ck", DateTimeOffset.UtcNow, []);
        return (body, request);
    }

    [Fact]
    public async Task RunAsync_Succeeds_AttemptJournaledBeforeTheHandlerAndOutputCommittedWithItsHash()
    {
        using var kit = new ActivityKit("attempt-ok");
        var probe = new Probe(kit, fail: false);
        var (body, request) = Make(kit, probe);
        var commit = await body.RunAsync(request, default);
        Assert.Equal(["running"], probe.SeenWhileRunning);
        Assert.Equal("ok", Assert.Single(kit.Journal.Attempts("r1")).Status);
        Assert.Equal(NodeCommitKind.Ran, commit.Kind);
        var stored = await Placement.Execution.Storage.ContentHash.OfObjectAsync(kit.Storage.For(ActivityKit.Aws), ActivityKit.Aws, "attempt/a", default);
        Assert.Equal((commit.Sha256, commit.Bytes), stored);
        Assert.False(Directory.Exists(Path.Combine(kit.Folder, "work", "a")));
    }

    [Fact]
    public async Task RunAsync_SecondAttemptAfterACommit_KeepsTheFirstCommit()
    {
        using var kit = new ActivityKit("attempt-twice");
        var (body, request) = Make(kit, new Probe(kit, fail: false));
        var first = await body.RunAsync(request, default);
        var second = await body.RunAsync(request with { Attempt = 2 }, default);
        Assert.Equal(first, second);
        Assert.Equal(1, kit.Journal.CommitCount("r1/a"));
    }

    [Fact]
    public async Task RunAsync_HandlerFails_AttemptEndsFailedWithTheErrorAndNothingIsCommitted()
    {
        using var kit = new ActivityKit("attempt-fail");
        var (body, request) = Make(kit, new Probe(kit, fail: true));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => body.RunAsync(request, default));
        Assert.Equal("boom", e.Message);
        var row = Assert.Single(kit.Journal.Attempts("r1"));
        Assert.Equal(("failed", "boom"), (row.Status, row.Error));
        Assert.Null(kit.Journal.Commit("r1", "a"));
    }
}
