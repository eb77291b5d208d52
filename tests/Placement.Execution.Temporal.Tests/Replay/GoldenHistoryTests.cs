using Placement.Execution.Temporal.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>
/// Histories kept as JSON under Histories/ (Temporal's own history JSON, as <c>temporal workflow show --output json</c>
/// writes it) replay against the current workflow code. They are the record of what released versions of the
/// workflow commanded: a change that stops one replaying needs <c>Workflow.Patched</c> (docs/executors.md).
/// <c>PLACEMENT_WRITE_HISTORIES=1</c> writes the ones missing from the simulated server (a new version's); kept ones
/// are never rewritten.
/// </summary>
public sealed class GoldenHistoryTests
{
    public static TheoryData<string> Files => new(Golden.All.Select(g => g.File));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Replay_GoldenHistory_Succeeds(string file)
    {
        if (Environment.GetEnvironmentVariable("PLACEMENT_WRITE_HISTORIES") == "1" && !File.Exists(Path.Combine(Replays.HistoryFolder, file)))
        {
            File.WriteAllText(Path.Combine(Replays.HistoryFolder, file), Golden.All.Single(g => g.File == file).Make().ToJson() + "\n");
        }

        var history = Replays.Load(file);
        var check = await Replays.ReplayOkAsync(history);
        var recorded = history.Events.Where(e => e.EventType == EventType.ActivityTaskScheduled).Select(e => e.ActivityTaskScheduledEventAttributes.ActivityId);
        Assert.Equal(recorded, check.Scheduled.Select(s => s.ActivityId));
    }

    [Fact]
    public void GoldenHistories_ProveWhatTheySay()
    {
        string[] Ids(string file) => [.. Replays.Load(file).Events.Where(e => e.EventType == EventType.ActivityTaskScheduled).Select(e => e.ActivityTaskScheduledEventAttributes.ActivityId)];
        var video = Ids("video-pipeline.json");
        Assert.Equal(["run-video/datasets", "run-video/segment", "run-video/split", "run-video/transfer/split/aws/us-east-1", "run-video/detect", "run-video/summarise", "run-video/record"], video);
        var fan = Ids("fanout-shared-transfer.json");
        Assert.Single(fan, i => i == "run-fanout/transfer/prep/gcp/us-west1");
        Assert.Contains("run-fallback/a#fallback", Ids("fallback-after-failure.json"));
        var stop = Ids("failure-stops-descendants.json");
        Assert.DoesNotContain("run-stop/join", stop);
        Assert.Contains("run-stop/c", stop);
        var cancel = Replays.Load("cancelled.json").Events;
        Assert.Contains(cancel, e => e.EventType == EventType.WorkflowExecutionCancelRequested);
        Assert.Contains(cancel, e => e.EventType == EventType.ActivityTaskCancelRequested);

        // Version 2: the patch marker; cancelled before any node, yet recorded.
        Assert.Contains(Replays.Load("v2-video-pipeline.json").Events, e => e.EventType == EventType.MarkerRecorded);
        Assert.DoesNotContain(Replays.Load("video-pipeline.json").Events, e => e.EventType == EventType.MarkerRecorded);
        Assert.Equal(["run-early/datasets", "run-early/record"], Ids("v2-cancelled-during-datasets.json"));

        // Parts: one transfer step to aws for src's parts, before its first consumer there.
        Assert.Equal(["run-parts/datasets", "run-parts/src", "run-parts/transfer/src/aws/us-east-1", "run-parts/r", "run-parts/s", "run-parts/record"], Ids("v2-parts-one-transfer-per-destination.json"));

        // Interleaved: some completion lands between a workflow task's scheduled and started events.
        var inter = Replays.Load("interleaved-completions.json").Events.ToList();
        Assert.Contains(inter.Select((e, i) => (e, i)), p => p.e.EventType == EventType.WorkflowTaskScheduled && inter[p.i + 1].EventType == EventType.ActivityTaskStarted);
    }
}

/// <summary>How each golden history was made (the simulated server, fixed inputs and seeds).</summary>
internal static class Golden
{
    public static readonly (string File, Func<WorkflowHistory> Make)[] All =
    [
        // Version 1 of the workflow (before the record-after-early-cancel patch): kept, they must keep replaying.
        ("video-pipeline.json", () =>
        {
            var (graph, plan, _, _) = Replays.VideoPipeline();
            return new SimulatedServer(Replays.Input(graph, plan, "run-video"), version: 1).Run();
        }),
        ("fanout-shared-transfer.json", () => new SimulatedServer(FanOut("run-fanout"), version: 1).Run()),
        ("fallback-after-failure.json", () => new SimulatedServer(FanOut("run-fallback"), id => id == "run-fallback/a" ? new ActivityEnd.Fails("command exited with code 1", Attempts: 2) : new ActivityEnd.Completes(), version: 1).Run()),
        ("failure-stops-descendants.json", () => new SimulatedServer(FanOut("run-stop"), id => id == "run-stop/b" ? new ActivityEnd.Fails("no LLM endpoint", Permanent: true) : new ActivityEnd.Completes(), new InterleavedDelivery(3), version: 1).Run()),
        ("cancelled.json", () => new SimulatedServer(FanOut("run-cancel"), cancelAfterRound: 3, version: 1).Run()),
        ("interleaved-completions.json", () => new SimulatedServer(FanOut("run-inter"), delivery: new InterleavedDelivery(11), version: 1).Run()),

        // Version 2: the patch marker first; a cancel during the datasets activity still ends with the record activity.
        ("v2-video-pipeline.json", () =>
        {
            var (graph, plan, _, _) = Replays.VideoPipeline();
            return new SimulatedServer(Replays.Input(graph, plan, "run-video2")).Run();
        }),
        ("v2-cancelled-during-datasets.json", () => new SimulatedServer(FanOut("run-early"), cancelAfterRound: 1).Run()),

        // An output with parts: its parts move inside the one transfer step per (item, destination); no new command.
        ("v2-parts-one-transfer-per-destination.json", () => new SimulatedServer(Parts("run-parts")).Run()),
    ];

    /// <summary>src's three parts at gcp, read at aws by a reader with storage (two parts) and one without (two parts).</summary>
    public const string PartsYaml = """
        name: temporal-parts-history
        storage: { default: gcp/us-west1, retentionMonths: 1 }
        nodes:
          - { name: src, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, parts: [{ name: c1, bytes: 1000 }, { name: c2, bytes: 2000 }, { name: c3, bytes: 3000 }], handler: { kind: noop } }
          - { name: r, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: noop } }
          - { name: s, endpoint: { kind: vm, minVcpus: 2 }, persistence: none, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: noop } }
        edges:
          - { from: src, to: r, parts: [c1, c2] }
          - { from: src, to: s, parts: [c2, c3] }
        """;

    private static RunInput Parts(string runId)
    {
        var (_, graph) = TestPlans.Scenario(TestPlans.Temp("parts-history"), PartsYaml);
        return Replays.Input(graph, TestPlans.PlanFor(graph, ("src", "gcp/us-west1"), ("r", "aws/us-east-1"), ("s", "aws/us-east-1")), runId);
    }

    private static RunInput FanOut(string runId)
    {
        var (graph, plan) = TestPlans.FanOutPlan();
        return Replays.Input(graph, plan, runId);
    }
}
