using Google.Protobuf.WellKnownTypes;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Sdk.V1;
using Temporalio.Api.TaskQueue.V1;
using Temporalio.Api.Workflow.V1;
using Temporalio.Common;
using Temporalio.Converters;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>How an activity ends in a simulated run.</summary>
internal abstract record ActivityEnd
{
    public sealed record Completes : ActivityEnd;

    /// <summary>Fails after <paramref name="Attempts"/> attempts (retries exhausted, or at once when permanent).</summary>
    public sealed record Fails(string Message, bool Permanent = false, int Attempts = 1) : ActivityEnd;
}

/// <summary>
/// Which of the activities in flight complete before the next workflow task, and whether each lands before the task
/// is scheduled or between scheduled and started (as a real server appends them).
/// </summary>
internal interface IDelivery
{
    /// <summary>Picks the activities to complete now from those in flight (in scheduling order); returns (before scheduled, before started).</summary>
    (IReadOnlyList<string> Early, IReadOnlyList<string> Late) Pick(IReadOnlyList<string> inFlight);
}

/// <summary>Every activity in flight completes before the next workflow task.</summary>
internal sealed class BatchDelivery : IDelivery
{
    public (IReadOnlyList<string>, IReadOnlyList<string>) Pick(IReadOnlyList<string> inFlight) => (inFlight, []);
}

/// <summary>Seeded choice: a random non-empty subset in random order, split between before and after the task is scheduled.</summary>
internal sealed class InterleavedDelivery(int seed) : IDelivery
{
    private readonly Random random = new(seed);

    public (IReadOnlyList<string>, IReadOnlyList<string>) Pick(IReadOnlyList<string> inFlight)
    {
        var chosen = inFlight.Where(_ => random.Next(2) == 0).ToList();
        if (chosen.Count == 0)
        {
            chosen.Add(inFlight[random.Next(inFlight.Count)]);
        }

        chosen = [.. chosen.OrderBy(_ => random.Next())];
        var split = random.Next(chosen.Count + 1);
        return (chosen[..split], chosen[split..]);
    }
}

/// <summary>
/// Writes the history a Temporal server would record for a run of <see cref="PlacementRunWorkflow"/>, with no
/// server: an independent model of what the workflow commands (the steps whose waits all succeeded, in plan order;
/// a fallback after a failed primary; cancellation in plan order; the record activity last), activity ends from a
/// script, and completions delivered as <see cref="IDelivery"/> says. Replaying the history against the real
/// workflow code checks that the two agree command for command.
/// </summary>
internal sealed class SimulatedServer
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly RunInput input;
    private readonly Func<string, ActivityEnd> ends;
    private readonly IDelivery delivery;
    private readonly int? cancelAfterRound;
    private readonly List<HistoryEvent> events = [];
    private readonly Dictionary<string, long> scheduledEvent = new(StringComparer.Ordinal);
    private readonly List<string> inFlight = [];
    private readonly Dictionary<string, (int Step, bool Fallback)> flights = new(StringComparer.Ordinal);
    private readonly string[] state;
    private readonly List<NodeCommit> commits = [];
    private readonly List<MoveRecord> moves = [];
    private readonly List<string> errors = [];
    private bool cancelled;
    private bool recordScheduled;
    private bool datasetsScheduled;
    private bool done;

    public SimulatedServer(RunInput input, Func<string, ActivityEnd>? ends = null, IDelivery? delivery = null, int? cancelAfterRound = null)
    {
        this.input = input;
        this.ends = ends ?? (_ => new ActivityEnd.Completes());
        this.delivery = delivery ?? new BatchDelivery();
        this.cancelAfterRound = cancelAfterRound;
        state = [.. input.Steps.Select(_ => "waiting")];
    }

    /// <summary>Activity ids in the order they were scheduled.</summary>
    public List<string> Scheduled { get; } = [];

    /// <summary>The simulated run's history.</summary>
    public WorkflowHistory Run()
    {
        Add(EventType.WorkflowExecutionStarted, e => e.WorkflowExecutionStartedEventAttributes = new WorkflowExecutionStartedEventAttributes
        {
            WorkflowType = new WorkflowType { Name = PlacementRunWorkflow.Name },
            TaskQueue = new TaskQueue { Name = TaskQueues.Workflows, Kind = TaskQueueKind.Normal },
            Input = Payloads(input),
            WorkflowTaskTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            OriginalExecutionRunId = RunGuid,
            FirstExecutionRunId = RunGuid,
            Attempt = 1,
            Identity = "placement-submitter",
            WorkflowId = input.RunId,
        });
        var round = 0;
        var pending = new List<Action>();
        while (!done)
        {
            var scheduled = Add(EventType.WorkflowTaskScheduled, e => e.WorkflowTaskScheduledEventAttributes = new WorkflowTaskScheduledEventAttributes
            {
                TaskQueue = new TaskQueue { Name = TaskQueues.Workflows, Kind = TaskQueueKind.Normal },
                StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
                Attempt = 1,
            });
            foreach (var late in pending)
            {
                late();
            }

            pending.Clear();
            var started = Add(EventType.WorkflowTaskStarted, e => e.WorkflowTaskStartedEventAttributes = new WorkflowTaskStartedEventAttributes { ScheduledEventId = scheduled, Identity = "worker@workflows", RequestId = $"wft-{scheduled}" });
            var completed = Add(EventType.WorkflowTaskCompleted, e => e.WorkflowTaskCompletedEventAttributes = new WorkflowTaskCompletedEventAttributes
            {
                ScheduledEventId = scheduled,
                StartedEventId = started,
                Identity = "worker@workflows",
                SdkMetadata = round == 0 ? new WorkflowTaskCompletedMetadata { CoreUsedFlags = { 1, 2, 3 }, SdkName = "temporal-dotnet", SdkVersion = "1.21.1" } : new WorkflowTaskCompletedMetadata(),
            });
            Commands(completed);
            if (done)
            {
                break;
            }

            round++;
            if (cancelAfterRound == round && !cancelled)
            {
                Add(EventType.WorkflowExecutionCancelRequested, e => e.WorkflowExecutionCancelRequestedEventAttributes = new WorkflowExecutionCancelRequestedEventAttributes { Cause = "placement cancel", Identity = "placement-cli" });
                cancelRequestedPending = true;
                continue;
            }

            var (early, late2) = delivery.Pick([.. inFlight]);
            foreach (var id in early)
            {
                Resolve(id);
            }

            foreach (var id in late2)
            {
                // Appended after the next task was scheduled, before a worker started it: the task sees it.
                inFlight.Remove(id);
                pending.Add(() => { inFlight.Add(id); Resolve(id); });
            }
        }

        return new WorkflowHistory(input.RunId, events);
    }

    public RunOutcome Outcome => new(input.RunId, cancelled ? "cancelled" : errors.Count > 0 ? "failed" : "succeeded", commits, moves, errors, Recorded);

    private static RecordResult Recorded => new("/runs/r", "/runs/r/trace.json", "/runs/r/manifest.json");

    private const string RunGuid = "00000000-0000-4000-8000-000000000001";

    private bool cancelRequestedPending;

    private readonly List<(string Id, bool Ok, string? Error)> resolved = [];

    /// <summary>Writes an activity's end and remembers it for the next workflow task.</summary>
    private void Resolve(string id)
    {
        inFlight.Remove(id);
        var sched = scheduledEvent[id];
        if (id.EndsWith("/datasets", StringComparison.Ordinal))
        {
            var ds = Add(EventType.ActivityTaskStarted, e => e.ActivityTaskStartedEventAttributes = new ActivityTaskStartedEventAttributes { ScheduledEventId = sched, Attempt = 1, Identity = "worker@workflows", RequestId = "a-" + sched });
            Add(EventType.ActivityTaskCompleted, e => e.ActivityTaskCompletedEventAttributes = new ActivityTaskCompletedEventAttributes { ScheduledEventId = sched, StartedEventId = ds, Result = Payloads(new DatasetHashes(new Dictionary<string, string> { ["raw"] = "ee" }, [])), Identity = "worker@workflows" });
            resolved.Add((id, true, null));
            return;
        }

        if (id.EndsWith("/record", StringComparison.Ordinal))
        {
            var s = Add(EventType.ActivityTaskStarted, e => e.ActivityTaskStartedEventAttributes = new ActivityTaskStartedEventAttributes { ScheduledEventId = sched, Attempt = 1, Identity = "worker@workflows", RequestId = "a-" + sched });
            Add(EventType.ActivityTaskCompleted, e => e.ActivityTaskCompletedEventAttributes = new ActivityTaskCompletedEventAttributes { ScheduledEventId = sched, StartedEventId = s, Result = Payloads(Recorded), Identity = "worker@workflows" });
            resolved.Add((id, true, null));
            return;
        }

        var end = ends(id);
        var attempts = end is ActivityEnd.Fails f0 ? f0.Attempts : 1;
        var startedId = Add(EventType.ActivityTaskStarted, e => e.ActivityTaskStartedEventAttributes = new ActivityTaskStartedEventAttributes { ScheduledEventId = sched, Attempt = attempts, Identity = "worker@" + input.Steps[flights[id].Step].TaskQueue, RequestId = "a-" + sched });
        if (end is ActivityEnd.Fails f)
        {
            Add(EventType.ActivityTaskFailed, e => e.ActivityTaskFailedEventAttributes = new ActivityTaskFailedEventAttributes
            {
                ScheduledEventId = sched,
                StartedEventId = startedId,
                Failure = new Failure { Message = f.Message, Source = "DotNetSDK", ApplicationFailureInfo = new ApplicationFailureInfo { Type = f.Permanent ? ActivityNames.PermanentFailure : "InvalidOperationException", NonRetryable = f.Permanent } },
                RetryState = f.Permanent ? RetryState.NonRetryableFailure : RetryState.MaximumAttemptsReached,
                Identity = "worker",
            });
            resolved.Add((id, false, f.Message));
            return;
        }

        var (step, fallback) = flights[id];
        var st = input.Steps[step];
        var at = Epoch.AddSeconds(events.Count);
        object result = st.Kind == StepKind.Transfer
            ? new MoveRecord(st.Item, st.From, st.Location, 1000 + step, "ab" + step, "stream", 0.5, 1, at, at.AddSeconds(0.5))
            : new NodeCommit(st.Item, st.Location, st.Location, $"file:///b/{st.Item}", 100 + step, "cd" + step, fallback ? "fallback" : "ran", 1, at, 1.5, 0, 0, []);
        Add(EventType.ActivityTaskCompleted, e => e.ActivityTaskCompletedEventAttributes = new ActivityTaskCompletedEventAttributes { ScheduledEventId = sched, StartedEventId = startedId, Result = Payloads(result), Identity = "worker" });
        if (result is NodeCommit c)
        {
            commits.Add(c);
        }
        else
        {
            moves.Add((MoveRecord)result);
        }

        resolved.Add((id, true, null));
    }

    /// <summary>The model of the workflow: what it commands in the task that just completed.</summary>
    private void Commands(long completedEvent)
    {
        var ended = resolved.ToList();
        resolved.Clear();
        if (!datasetsScheduled)
        {
            // First the datasets activity, alone.
            datasetsScheduled = true;
            ScheduleOnWorkflowQueue($"{input.RunId}/datasets", ActivityNames.Datasets, TimeSpan.FromHours(1), completedEvent, input.Ref);
            return;
        }

        ended.RemoveAll(e => e.Id.EndsWith("/datasets", StringComparison.Ordinal));
        if (cancelRequestedPending && recordScheduled)
        {
            // The record activity runs detached from cancellation: a cancel then changes nothing.
            cancelRequestedPending = false;
        }

        if (cancelRequestedPending)
        {
            cancelRequestedPending = false;
            cancelled = true;
            for (var i = 0; i < state.Length; i++)
            {
                if (state[i] == "waiting")
                {
                    state[i] = "stopped";
                }
            }

            // In plan order, every activity still in flight gets a cancel request; with TryCancel it ends at once.
            foreach (var id in inFlight.OrderBy(i => flights[i].Step).ThenBy(i => flights[i].Fallback).ToList())
            {
                Add(EventType.ActivityTaskCancelRequested, e => e.ActivityTaskCancelRequestedEventAttributes = new ActivityTaskCancelRequestedEventAttributes { ScheduledEventId = scheduledEvent[id], WorkflowTaskCompletedEventId = completedEvent });
                inFlight.Remove(id);
                ended.Add((id, false, null));
            }
        }

        if (ended.Any(e => e.Id.EndsWith("/record", StringComparison.Ordinal)))
        {
            Add(EventType.WorkflowExecutionCompleted, e => e.WorkflowExecutionCompletedEventAttributes = new WorkflowExecutionCompletedEventAttributes { Result = Payloads(Outcome), WorkflowTaskCompletedEventId = completedEvent });
            done = true;
            return;
        }

        // The SDK resolves one activity per job and runs the workflow in between: each end, in event order, is
        // handled on its own, then the steps it made ready are scheduled in plan order.
        ScheduleReady(completedEvent);
        foreach (var (id, ok, error) in ended)
        {
            var (step, fallback) = flights[id];
            var st = input.Steps[step];
            if (ok)
            {
                state[step] = "succeeded";
            }
            else if (!cancelled && st.Kind == StepKind.Node && !fallback && st.Fallback is not null)
            {
                Schedule(step, fallback: true, completedEvent);
            }
            else
            {
                state[step] = "failed";
                if (!cancelled)
                {
                    errors.Add($"{st.Key}: {error}");
                }
            }

            ScheduleReady(completedEvent);
        }

        if (inFlight.Count == 0 && !recordScheduled)
        {
            recordScheduled = true;
            ScheduleOnWorkflowQueue($"{input.RunId}/record", ActivityNames.Record, TimeSpan.FromMinutes(10), completedEvent, new RecordInput(input.Ref, "x", commits, moves, errors));
        }
    }

    private void ScheduleOnWorkflowQueue(string id, string type, TimeSpan timeout, long completedEvent, object arg)
    {
        scheduledEvent[id] = Add(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = new ActivityTaskScheduledEventAttributes
        {
            ActivityId = id,
            ActivityType = new ActivityType { Name = type },
            TaskQueue = new TaskQueue { Name = TaskQueues.Workflows, Kind = TaskQueueKind.Normal },
            Input = Payloads(arg),
            StartToCloseTimeout = Duration.FromTimeSpan(timeout),
            WorkflowTaskCompletedEventId = completedEvent,
        });
        Scheduled.Add(id);
        inFlight.Add(id);
        flights[id] = (-1, false);
    }

    private void ScheduleReady(long completedEvent)
    {
        if (cancelled)
        {
            return;
        }

        for (var i = 0; i < state.Length; i++)
        {
            if (state[i] == "waiting" && input.Steps[i].After.All(a => state[a] == "succeeded"))
            {
                Schedule(i, fallback: false, completedEvent);
            }
        }
    }

    private void Schedule(int step, bool fallback, long completedEvent)
    {
        var st = input.Steps[step];
        state[step] = "running";
        var id = PlacementRunWorkflow.ActivityId(input.RunId, st, fallback);
        var type = st.Kind == StepKind.Transfer ? ActivityNames.Transfer : fallback ? ActivityNames.Fallback : ActivityNames.Node;
        var policy = fallback ? st.Fallback! : st.Primary;
        object arg = st.Kind == StepKind.Transfer ? new TransferActivityInput(input.Ref, st.Item, st.From, st.Location, "") : new NodeActivityInput(input.Ref, st.Item, fallback, new Dictionary<string, string>());
        scheduledEvent[id] = Add(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = new ActivityTaskScheduledEventAttributes
        {
            ActivityId = id,
            ActivityType = new ActivityType { Name = type },
            TaskQueue = new TaskQueue { Name = st.TaskQueue, Kind = TaskQueueKind.Normal },
            Input = Payloads(arg),
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(policy.TimeoutSeconds)),
            HeartbeatTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(policy.HeartbeatSeconds)),
            WorkflowTaskCompletedEventId = completedEvent,
            RetryPolicy = new Temporalio.Api.Common.V1.RetryPolicy
            {
                InitialInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(policy.BackoffSeconds)),
                BackoffCoefficient = 2,
                MaximumInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(policy.BackoffMaxSeconds)),
                MaximumAttempts = policy.MaxAttempts,
                NonRetryableErrorTypes = { ActivityNames.PermanentFailure, ActivityNames.RunFileMismatch },
            },
        });
        Scheduled.Add(id);
        inFlight.Add(id);
        flights[id] = (step, fallback);
    }

    private long Add(EventType type, Action<HistoryEvent> fill)
    {
        var e = new HistoryEvent { EventId = events.Count + 1, EventType = type, EventTime = Timestamp.FromDateTime(Epoch.AddSeconds(events.Count)) };
        fill(e);
        events.Add(e);
        return e.EventId;
    }

    private static Payloads Payloads(object value) => new() { Payloads_ = { DataConverter.Default.PayloadConverter.ToPayload(value) } };
}
