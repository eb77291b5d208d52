using Placement.Execution.Records;
using Placement.Execution.Storage;
using Placement.Execution.Temporal.Workflows;

namespace Placement.Execution.Temporal.Tests.Activities;

/// <summary>
/// An output with parts through the worker's activities (the shared bodies): the transfer step stages the parts the
/// storing reader there reads, once; the reader without storage streams its other part; the record activity's
/// manifest and reconcile carry each part.
/// </summary>
public sealed class PartsActivityTests
{
    private const string Yaml = """
        name: temporal-parts
        storage: { default: gcp/us-west1, retentionMonths: 1 }
        nodes:
          - { name: src, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, parts: [{ name: c1, bytes: 1000 }, { name: c2, bytes: 2000 }, { name: c3, bytes: 3000 }], handler: { kind: noop } }
          - { name: r, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: command, run: "cat in/src/* | wc -c | tr -d ' ' > $PLACEMENT_OUTPUT" } }
          - { name: s, endpoint: { kind: vm, minVcpus: 2 }, persistence: none, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: command, run: "cat in/src/* | wc -c | tr -d ' ' > $PLACEMENT_OUTPUT" } }
        edges:
          - { from: src, to: r, parts: [c1, c2] }
          - { from: src, to: s, parts: [c2, c3] }
        """;

    [Fact]
    public async Task TransferAndNodeActivities_OutputWithParts_EachPartMovesOnceAndReadersGetTheirParts()
    {
        using var run = new ActivityRun(yaml: Yaml, placement: [("src", "gcp/us-west1"), ("r", "aws/us-east-1"), ("s", "aws/us-east-1")]);
        var datasets = await run.DatasetsAsync();
        var src = await run.NodeAsync("src", datasets.Hashes);
        Assert.Equal(6000, src.Bytes);

        // The one transfer step to aws stages c1 and c2 (what the storing reader reads); a retry copies nothing again.
        var input = new TransferActivityInput(run.Ref, "src", "gcp/us-west1", "aws/us-east-1", src.Sha256, src.ObjectKey);
        var env = ActivityRun.Env(TaskQueues.ForLocation("aws/us-east-1"), $"{run.Ref.RunId}/transfer/src/aws/us-east-1");
        var move = await env.RunAsync(() => run.Activities.TransferAsync(input));
        Assert.Equal(3000, move.Bytes);
        Assert.Equal(["c1", "c2"], move.Parts!.Select(p => p.Part).ToList());
        var again = await ActivityRun.Env(TaskQueues.ForLocation("aws/us-east-1"), env.Info.ActivityId, attempt: 2).RunAsync(() => run.Activities.TransferAsync(input));
        Assert.Equal(move.Parts, again.Parts);
        var aws = Core.Model.Location.Parse("aws/us-east-1");
        Assert.Equal(2000, await run.Storage.For(aws).SizeAsync(aws, StorageKey.ForPart(src.ObjectKey, "c2"), default));
        Assert.Null(await run.Storage.For(aws).SizeAsync(aws, StorageKey.ForPart(src.ObjectKey, "c3"), default));

        var hashes = new Dictionary<string, string>(datasets.Hashes) { ["src"] = src.Sha256 };
        var keys = new Dictionary<string, string> { ["src"] = src.ObjectKey };
        var r = await run.NodeAsync("r", hashes, keys: keys);
        var s = await run.NodeAsync("s", hashes, keys: keys);

        // s streamed c3 (not staged): the transfer to aws is now c1 + c2 + c3, each once; s reported it with its parts.
        var streamed = s.Moves.Single(m => m.Data == "src");
        Assert.Equal(6000, streamed.Bytes);
        Assert.Equal([("c1", "stream"), ("c2", "stream"), ("c3", "stream-to-consumer")], streamed.Parts!.Select(p => (p.Part, p.Mode)).ToList());

        var record = await ActivityRun.Env(TaskQueues.Workflows, $"{run.Ref.RunId}/record")
            .RunAsync(() => run.Activities.RecordAsync(new RecordInput(run.Ref, "succeeded", [src, r, s], [streamed, .. s.Moves.Where(m => m.Data != "src")], [])));
        var lines = Reconciliation.Lines(File.ReadAllText(Path.Combine(run.Folder, "plan.json")), "plan.json", File.ReadAllText(record.TracePath), "trace.json", File.ReadAllText(record.ManifestPath));
        var parts = lines.Where(l => l.Kind == "part").Select(l => (l.Name, l.PredictedBytes, l.MeasuredBytes)).ToList();
        Assert.Equal([("src/c1", 1000L, 1000L), ("src/c2", 2000L, 2000L), ("src/c3", 3000L, 3000L)], parts.Select(p => (p.Name, p.PredictedBytes!.Value, p.MeasuredBytes!.Value)).ToList());
    }
}
