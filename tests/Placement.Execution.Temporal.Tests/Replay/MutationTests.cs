using Google.Protobuf;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Common;
using Temporalio.Converters;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>
/// The checks bite: a history differing from what the workflow code commands (activities reordered, renamed,
/// dropped) fails replay, and an activity sent to another location's queue, which the replayer lets through, is
/// caught by the task-queue check.
/// </summary>
public sealed class MutationTests
{
    private static WorkflowHistory FanOutHistory() => new SimulatedServer(Replays.Input(TestPlans.FanOutPlan().Graph, TestPlans.FanOutPlan().Plan, "run-mutate")).Run();

    [Fact]
    public async Task Replay_Unmutated_Succeeds()
    {
        await Replays.ReplayOkAsync(FanOutHistory());
    }

    [Fact]
    public async Task Replay_TwoActivitiesSwapped_IsRejected()
    {
        var history = Mutate(FanOutHistory(), events =>
        {
            // Two activities scheduled by one workflow task (b and c, both ready once prep reached gcp).
            var b = Scheduled(events, "run-mutate/b");
            var c = Scheduled(events, "run-mutate/c");
            (b.ActivityId, c.ActivityId) = (c.ActivityId, b.ActivityId);
        });
        var (result, _) = await Replays.ReplayAsync(history);
        Assert.NotNull(result.ReplayFailure);
        Assert.Contains("Nondeterminism", result.ReplayFailure!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Replay_ActivityTypeRenamed_IsRejected()
    {
        var history = Mutate(FanOutHistory(), events => Scheduled(events, "run-mutate/b").ActivityType.Name = "placement.node-v0");
        var (result, _) = await Replays.ReplayAsync(history);
        Assert.NotNull(result.ReplayFailure);
        Assert.Contains("Nondeterminism", result.ReplayFailure!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Replay_ActivityIdRenamed_IsRejected()
    {
        var history = Mutate(FanOutHistory(), events => Scheduled(events, "run-mutate/transfer/prep/gcp/us-west1").ActivityId = "run-mutate/transfer/prep/gcp");
        var (result, _) = await Replays.ReplayAsync(history);
        Assert.NotNull(result.ReplayFailure);
        Assert.Contains("Nondeterminism", result.ReplayFailure!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Replay_CodeDropsAnActivity_IsRejected()
    {
        // The workflow code is handed an input without step c (as if a change dropped it); the history still has it.
        var history = Mutate(FanOutHistory(), events =>
        {
            var started = events[0].WorkflowExecutionStartedEventAttributes;
            var input = DataConverter.Default.PayloadConverter.ToValue<RunInput>(started.Input.Payloads_[0]);
            var c = input.Steps.ToList().FindIndex(s => s.Key == "c");
            var steps = input.Steps
                .Where((_, i) => i != c)
                .Select(s => s with { After = [.. s.After.Where(a => a != c).Select(a => a > c ? a - 1 : a)] })
                .ToList();
            started.Input.Payloads_[0] = DataConverter.Default.PayloadConverter.ToPayload(input with { Steps = steps });
        });
        var (result, _) = await Replays.ReplayAsync(history);
        Assert.NotNull(result.ReplayFailure);
        Assert.Contains("Nondeterminism", result.ReplayFailure!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Replay_ActivitySentToAnotherLocationsQueue_PassesReplayerButFailsQueueCheck()
    {
        // The code sends b to aws's queue while the history (the plan) has it on gcp's.
        var history = Mutate(FanOutHistory(), events =>
        {
            var started = events[0].WorkflowExecutionStartedEventAttributes;
            var input = DataConverter.Default.PayloadConverter.ToValue<RunInput>(started.Input.Payloads_[0]);
            var steps = input.Steps.Select(s => s.Key == "b" ? s with { TaskQueue = TaskQueues.ForLocation("aws/us-east-1") } : s).ToList();
            started.Input.Payloads_[0] = DataConverter.Default.PayloadConverter.ToPayload(input with { Steps = steps });
        });
        var (result, check) = await Replays.ReplayAsync(history);
        Assert.Null(result.ReplayFailure);
        var mismatch = Assert.Single(check.Mismatches(history));
        Assert.Contains("run-mutate/b: scheduled on placement-aws-us-east-1, history has placement-gcp-us-west1", mismatch, StringComparison.Ordinal);
    }

    private static ActivityTaskScheduledEventAttributes Scheduled(List<HistoryEvent> events, string id) =>
        events.Single(e => e.EventType == EventType.ActivityTaskScheduled && e.ActivityTaskScheduledEventAttributes.ActivityId == id).ActivityTaskScheduledEventAttributes;

    private static WorkflowHistory Mutate(WorkflowHistory history, Action<List<HistoryEvent>> change)
    {
        var events = history.Events.Select(e => e.Clone()).ToList();
        change(events);
        return new WorkflowHistory(history.Id, events);
    }
}
