using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Traces.Formats;
using Placement.Traces.Model;

namespace Placement.Traces.Tests.Formats;

public sealed class TraceWriterTests
{
    [Theory]
    [InlineData("1.3", "epigenomics-chameleon-hep-1seq-100k-001")]
    [InlineData("1.5", "methylseq-dirt02-001")]
    [InlineData("1.5", "montage-chameleon-2mass-01d-001")]
    public void Write_ThenRead_GivesTheSameBytes(string version, string run)
    {
        var trace = TestData.Load(version, run);
        var text = TraceWriter.Write(trace);
        var again = TraceReader.Read(text, "round.json");
        Assert.True(again.Ok, string.Join("\n", again.Problems));
        Assert.Equal(text, TraceWriter.Write(again.Value!));
        Assert.Equal(trace.Tasks.Select(t => t.Category), again.Value!.Tasks.Select(t => t.Category));
    }

    [Fact]
    public void Write_PlacementExtensions_RoundTrip()
    {
        var us = Location.Parse("aws/us-east-1");
        var gcp = Location.Parse("gcp/us-west1");
        var trace = new Trace("demo", "1.5", new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), 42.5,
            [
                new TraceTask("a", "a", "prep", 10, [], [], ["a.out"], ["vm-1"], null,
                    new TaskPlacement(us, "m5.2xlarge", us, 1, 0, 10, new TaskCost(0.001067m, 0, 0))),
                new TraceTask("b", "b", "llm", 2.5, ["a"], ["a.out"], ["b.out"], [], null,
                    new TaskPlacement(Location.Parse("openai/global"), "gpt-4o", us, 2, 12, 14.5, new TaskCost(0, 0, 0.25m))),
            ],
            [new TraceFile("a.out", 5_000_000_000), new TraceFile("b.out", 200)],
            [],
            new TraceRun("video", "abc123", "executor-local",
                [new TraceTransfer("a", us, gcp, 5_000_000_000, 10, 12, 0.45m)],
                new CostTotals(0.001067m, 0, 0.25m, 0.45m, 0.1m)));

        var text = TraceWriter.Write(trace);
        var back = TraceReader.Read(text, "t.json");
        Assert.True(back.Ok, string.Join("\n", back.Problems));
        var b = back.Value!;
        Assert.Equal(trace.Tasks[1].Placement, b.Tasks[1].Placement);
        Assert.Equal(trace.Run!.Transfers, b.Run!.Transfers);
        Assert.Equal(trace.Run.Cost, b.Run.Cost);
        Assert.Equal("abc123", b.Run.ScenarioHash);
        Assert.Equal(trace.ExecutedAt, b.ExecutedAt);
        Assert.Equal(text, TraceWriter.Write(b));
    }

    [Fact]
    public void Write_ExecutorOptionalFields_RoundTripAndOmittedWhenNull()
    {
        var us = Location.Parse("aws/us-east-1");
        var gcp = Location.Parse("gcp/us-west1");
        var placement = new TaskPlacement(us, "m5.2xlarge", us, 3, 0.5, 10, new TaskCost(0.001067m, 0, 0),
            BytesMoved: 21752, PredictedUsd: 0.194236m, OutputUri: "file:///b/a", Sha256: "3ed0", Commit: "fallback", InputTokens: 120, OutputTokens: 30);
        var trace = new Trace("demo", "1.5", null, 10.5,
            [new TraceTask("a", "a", "command", 9.5, [], [], ["a"], ["aws/us-east-1"], null, placement)],
            [new TraceFile("a", 778)],
            [],
            new TraceRun("demo", "abc", "executor-embedded",
                [new TraceTransfer("a", us, gcp, 778, 10, 10.5, 0.000002m, "server-copy", 2, 1000, 0.000003m, "measured")],
                null, "run-1", "planhash", "*=local", "failed"));

        var text = TraceWriter.Write(trace);
        var back = TraceReader.Read(text, "t.json");
        Assert.True(back.Ok, string.Join("\n", back.Problems));
        Assert.Equal(placement, back.Value!.Tasks[0].Placement);
        Assert.Equal(trace.Run!.Transfers, back.Value.Run!.Transfers);
        var run = back.Value.Run;
        Assert.Equal(("run-1", "planhash", "*=local", "failed"), (run.RunId, run.PlanHash, run.Storage, run.Status));
        Assert.Equal(text, TraceWriter.Write(back.Value));
        Assert.Contains("\"timing\": \"measured\"", text, StringComparison.Ordinal);

        var bare = TraceWriter.Write(trace with
        {
            Tasks = [trace.Tasks[0] with { Placement = new TaskPlacement(us, "m5.2xlarge", us, 1, 0, 1, TaskCost.Zero) }],
            Run = new TraceRun("demo", "abc", "simulator", [new TraceTransfer("a", us, gcp, 1, 0, 1, 0)], null),
        });
        foreach (var field in new[] { "bytesMoved", "predictedUsd", "outputUri", "sha256", "commit", "inputTokens", "runId", "planHash", "status", "mode", "predictedBytes", "timing" })
        {
            Assert.DoesNotContain($"\"{field}\"", bare, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_TransferTimingNeitherMeasuredNorPlaced_NamesTheField()
    {
        var us = Location.Parse("aws/us-east-1");
        var gcp = Location.Parse("gcp/us-west1");
        var trace = new Trace("demo", "1.5", null, 1,
            [new TraceTask("a", "a", "command", 1, [], [], ["a"], ["aws/us-east-1"], null, new TaskPlacement(us, "m5.2xlarge", us, 1, 0, 1, TaskCost.Zero))],
            [new TraceFile("a", 1)],
            [],
            new TraceRun("demo", "abc", "executor-embedded", [new TraceTransfer("a", us, gcp, 1, 0, 1, 0, Timing: "guessed")], null));

        var back = TraceReader.Read(TraceWriter.Write(trace), "t.json");

        var problem = Assert.Single(back.Problems);
        Assert.Contains(".timing", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("'guessed' is not a timing", problem.ToString(), StringComparison.Ordinal);
    }
}
