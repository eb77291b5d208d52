using Placement.Execution.Temporal.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>
/// Histories kept as JSON under Histories/ (Temporal's own history JSON, as <c>temporal workflow show --output json</c>
/// writes it) replay against the current workflow code. They are the record of what released versions of the
/// workflow commanded: a change that stops one replaying needs <c>Workflow.Patched</c> (docs/executors.md).
/// <c>PLACEMENT_WRITE_HISTORIES=1</c> rewrites them from the simulated server (only for a deliberate new version).
/// </summary>
public sealed class GoldenHistoryTests
{
    public static TheoryData<string> Files => new(Golden.All.Select(g => g.File));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Replay_GoldenHistory_Succeeds(string file)
    {
        if (Environment.GetEnvironmentVariable("PLACEMENT_WRITE_HISTORIES") == "1")
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
        ("video-pipeline.json", () =>
        {
            var (graph, plan, _, _) = Replays.VideoPipeline();
            return new SimulatedServer(Replays.Input(graph, plan, "run-video")).Run();
        }),
        ("fanout-shared-transfer.json", () => new SimulatedServer(FanOut("run-fanout")).Run()),
        ("fallback-after-failure.json", () => new SimulatedServer(FanOut("run-fallback"), id => id == "run-fallback/a" ? new ActivityEnd.Fails("command exited with code 1", Attempts: 2) : new ActivityEnd.Completes()).Run()),
        ("failure-stops-descendants.json", () => new SimulatedServer(FanOut("run-stop"), id => id == "run-stop/b" ? new ActivityEnd.Fails("no LLM endpoint", Permanent: true) : new ActivityEnd.Completes(), new InterleavedDelivery(3)).Run()),
        ("cancelled.json", () => new SimulatedServer(FanOut("run-cancel"), cancelAfterRound: 3).Run()),
        ("interleaved-completions.json", () => new SimulatedServer(FanOut("run-inter"), delivery: new InterleavedDelivery(11)).Run()),
    ];

    private static RunInput FanOut(string runId)
    {
        var (graph, plan) = TestPlans.FanOutPlan();
        return Replays.Input(graph, plan, runId);
    }
}
