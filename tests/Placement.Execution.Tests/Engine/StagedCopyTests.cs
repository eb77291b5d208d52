using Placement.Core.Costing;
using Placement.Execution.Ports;

namespace Placement.Execution.Tests.Engine;

/// <summary>
/// The staged-copy rule in the executor (cost-model.md): at a destination where a VM without storage reads 40 kB of
/// an item and a VM with storage reads 5 kB, the staged copy holds 5 kB, the streaming VM reads it and then the
/// rest from the home, and the one transfer to that destination moves 40 kB, as the plan says.
/// </summary>
public class StagedCopyTests
{
    private const string Scenario = """
        name: staged-rule
        storage: { default: gcp/us-west1, retentionMonths: 2 }
        nodes:
          - { name: src, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 40000, handler: { kind: noop } }
          - { name: stream, endpoint: { kind: vm, minVcpus: 2 }, persistence: none, work: { runtimeHours: 0.1 }, outputBytes: 6, handler: { kind: command, run: "wc -c < in/src | tr -d ' ' > $PLACEMENT_OUTPUT" } }
          - { name: store, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 5, handler: { kind: command, run: "wc -c < in/src | tr -d ' ' > $PLACEMENT_OUTPUT" } }
        edges:
          - { from: src, to: stream }
          - { from: src, to: store, bytes: 5000 }
        """;

    [Fact]
    public async Task StartAsync_StreamingAndStoringReaderAtOneLocation_StagesTheStoringReadAndMovesTheLargestOnce()
    {
        var folder = TestKit.TempFolder("staged");
        var (_, graph) = TestKit.Scenario(folder, Scenario);
        var plan = TestKit.PlanFor(graph, ("src", "gcp/us-west1"), ("stream", "aws/us-east-1"), ("store", "aws/us-east-1"));
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder));
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder), null, CancellationToken.None);
        Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));

        // The plan: one 40 kB transfer gcp -> aws, a 5 kB staged copy at aws.
        Assert.Equal(40000, plan.Cost.Transfers.Single(t => t.Data == "src").Bytes);
        Assert.Equal(5000, plan.Cost.Storage.Single(s => s.Copy == StorageCopy.Staged).Bytes);

        // The run: the staged object (under the source's run-scoped key) holds 5 kB; the transfer moved 40 kB once; each VM read what it reads.
        Assert.Equal(5000, new FileInfo(TestKit.OutputFile(folder, "aws/us-east-1", "staged-rule", result.RunId, "src")).Length);
        var move = Assert.Single(result.Transfers, t => t.Data == "src");
        Assert.Equal(("gcp/us-west1", "aws/us-east-1", 40000L), (move.From, move.To, move.Bytes));
        Assert.Equal("40000", File.ReadAllText(TestKit.OutputFile(folder, "gcp/us-west1", "staged-rule", result.RunId, "stream")).Trim());
        Assert.Equal("5000", File.ReadAllText(TestKit.OutputFile(folder, "aws/us-east-1", "staged-rule", result.RunId, "store")).Trim());
        EmbeddedExecutorTests.AssertBytesMatchPlan(result, plan);

        // reconcile: the run's transfer of src to aws/us-east-1 is the plan's, byte for byte.
        var lines = Placement.Execution.Records.Reconciliation.Lines(Placement.Data.Plans.PlanJson.Write(plan), "plan.json", File.ReadAllText(result.TracePath), result.TracePath);
        var line = Assert.Single(lines, l => l.Kind == "transfer" && l.Name == "src");
        Assert.Equal((40000L, 40000L), (line.PredictedBytes!.Value, line.MeasuredBytes!.Value));
    }

    [Fact]
    public void Check_PartsThatShareAFileNameOrReuseStorage_AreRefusedNamingTheNode()
    {
        var folder = TestKit.TempFolder("parts");
        var (path, graph) = TestKit.Scenario(folder, Scenario.Replace(
            "outputBytes: 40000, handler: { kind: noop } }",
            "reuseStorage: true, parts: [{ name: f1, bytes: 30000 }, { name: \"f 1\", bytes: 5000 }, { name: f_1, bytes: 5000 }], handler: { kind: noop } }", StringComparison.Ordinal)
            .Replace("- { from: src, to: store, bytes: 5000 }", "- { from: src, to: store, parts: [f_1] }", StringComparison.Ordinal));
        var plan = TestKit.PlanFor(graph, ("src", "gcp/us-west1"), ("stream", "aws/us-east-1"), ("store", "aws/us-east-1"));
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder));

        var problems = executor.Check(new RunRequest(graph, plan, folder), path);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal("nodes.src.parts", p.Field));
        Assert.Contains(problems, p => p.Message.Contains("parts f 1 and f_1 would share the file and object name 'f_1'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("cannot reuseStorage", StringComparison.Ordinal));
    }
}
