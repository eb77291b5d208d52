using Placement.Execution.Temporal.Scheduling;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Placement.Execution.Temporal.Workflows;

/// <summary>
/// One run of a plan (workflow id = run id). An explicit ready loop, deterministic: it schedules every ready step
/// in plan order (<see cref="ReadyLoop"/>), waits for any activity to end, handles the activities that ended (the
/// SDK resolves one per history event and runs the loop in between; several at once are handled in plan order),
/// then schedules the steps they made ready, in plan order; never one task per node, whose continuation order
/// would decide the scheduling order. Nodes go to their planned location's task queue, transfers to the
/// destination's; a node whose attempts are exhausted runs its fallback as a second activity; a failure stops only
/// the steps downstream of it. On cancellation the activities in flight are cancelled in plan order, nothing new
/// starts, and the record activity still writes the trace and manifest. The workflow only schedules and awaits:
/// no I/O, clock or random.
/// </summary>
[Workflow(Name)]
public sealed class PlacementRunWorkflow
{
    /// <summary>The workflow type name.</summary>
    public const string Name = "placement.run";

    private RunProgress progress = new(0, 0, 0, 0, 0, 0, [], "running");

    /// <summary>Nodes done, running, failed and stopped, bytes moved, activities in flight.</summary>
    [WorkflowQuery("progress")]
    public RunProgress Progress() => progress;

    /// <summary>Runs the plan; refuses a plan made for another version of the scenario.</summary>
    [WorkflowRun]
    public async Task<RunOutcome> RunAsync(RunInput input)
    {
        if (input.PlanScenarioHash.Length > 0 && input.PlanScenarioHash != input.ScenarioHash)
        {
            throw new ApplicationFailureException(
                $"the plan is for scenario hash {input.PlanScenarioHash}, not {input.ScenarioHash} ({input.ScenarioName}); re-plan this scenario",
                ActivityNames.RunFileMismatch,
                nonRetryable: true);
        }

        var steps = input.Steps;
        var loop = new ReadyLoop(steps.Select(s => s.After).ToList());
        var running = new Dictionary<Task, Flight>();
        var commits = new NodeCommit?[steps.Count];
        var moves = new List<MoveRecord>();
        var moved = new HashSet<(string, string)>();
        var errors = new List<string>();
        var cancelled = Workflow.WaitConditionAsync(() => false, Workflow.CancellationToken);
        var cancelRequested = false;
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);

        void Start(int i, bool fallback)
        {
            var step = steps[i];
            var policy = fallback ? step.Fallback! : step.Primary;
            var cancel = new CancellationTokenSource();
            var options = new ActivityOptions
            {
                ActivityId = ActivityId(input.RunId, step, fallback),
                TaskQueue = step.TaskQueue,
                StartToCloseTimeout = TimeSpan.FromSeconds(policy.TimeoutSeconds),
                HeartbeatTimeout = TimeSpan.FromSeconds(policy.HeartbeatSeconds),
                RetryPolicy = new RetryPolicy
                {
                    InitialInterval = TimeSpan.FromSeconds(policy.BackoffSeconds),
                    BackoffCoefficient = 2,
                    MaximumInterval = TimeSpan.FromSeconds(policy.BackoffMaxSeconds),
                    MaximumAttempts = policy.MaxAttempts,
                    NonRetryableErrorTypes = [ActivityNames.PermanentFailure, ActivityNames.RunFileMismatch],
                },
                CancellationToken = cancel.Token,
                CancellationType = ActivityCancellationType.TryCancel,
            };
            Task task = step.Kind == StepKind.Transfer
                ? Workflow.ExecuteActivityAsync<MoveRecord>(ActivityNames.Transfer, [new TransferActivityInput(input.Ref, step.Item, step.From, step.Location, hashes.GetValueOrDefault(step.Item, ""), keys.GetValueOrDefault(step.Item, ""))], options)
                : Workflow.ExecuteActivityAsync<NodeCommit>(fallback ? ActivityNames.Fallback : ActivityNames.Node, [new NodeActivityInput(input.Ref, step.Item, fallback, new SortedDictionary<string, string>(hashes, StringComparer.Ordinal), new SortedDictionary<string, string>(keys, StringComparer.Ordinal))], options);
            running[task] = new Flight(i, fallback, cancel, options.ActivityId);
        }

        void Move(MoveRecord m)
        {
            if (moved.Add((m.Data, m.To)))
            {
                moves.Add(m);
                return;
            }

            // A consumer reading beyond the staged copy completed the one transfer of the item there: its record stands.
            moves[moves.FindIndex(x => x.Data == m.Data && x.To == m.To)] = m;
        }

        // Datasets first: every dataset in its home bucket, hashed (the hashes feed transfers and cache keys).
        var datasets = await Workflow.ExecuteActivityAsync<DatasetHashes>(
            ActivityNames.Datasets,
            [input.Ref],
            new ActivityOptions
            {
                ActivityId = $"{input.RunId}/datasets",
                TaskQueue = TaskQueues.Workflows,
                StartToCloseTimeout = TimeSpan.FromHours(1),
                HeartbeatTimeout = TimeSpan.FromSeconds(60),
                RetryPolicy = new RetryPolicy { MaximumAttempts = 5, NonRetryableErrorTypes = [ActivityNames.RunFileMismatch] },
            }).ConfigureAwait(true);
        foreach (var (name, sha) in datasets.Hashes)
        {
            hashes[name] = sha;
        }

        errors.AddRange(datasets.Problems);
        if (errors.Count > 0)
        {
            loop.StopWaiting();
        }

        while (true)
        {
            if (!cancelRequested)
            {
                foreach (var i in loop.TakeReady())
                {
                    Start(i, fallback: false);
                }
            }

            progress = Snapshot(steps, loop, running.Values, moves, "running");
            if (running.Count == 0)
            {
                break;
            }

            await Workflow.WhenAnyAsync(cancelRequested ? running.Keys : running.Keys.Append(cancelled)).ConfigureAwait(true);
            if (!cancelRequested && cancelled.IsCompleted)
            {
                cancelRequested = true;
                loop.StopWaiting();
                foreach (var flight in running.Values.OrderBy(f => f.Step))
                {
                    flight.Cancel.Cancel();
                }
            }

            foreach (var (task, flight) in running.Where(p => p.Key.IsCompleted).OrderBy(p => p.Value.Step).ThenBy(p => p.Value.Fallback).ToList())
            {
                running.Remove(task);
                var step = steps[flight.Step];
                if (task.IsCompletedSuccessfully)
                {
                    if (task is Task<NodeCommit> node)
                    {
                        commits[flight.Step] = node.Result;
                        hashes[node.Result.Node] = node.Result.Sha256;
                        keys[node.Result.Node] = node.Result.ObjectKey;
                        foreach (var m in node.Result.Moves)
                        {
                            Move(m);
                        }
                    }
                    else
                    {
                        Move(((Task<MoveRecord>)task).Result);
                    }

                    loop.Succeeded(flight.Step);
                    continue;
                }

                if (!cancelRequested && step.Kind == StepKind.Node && !flight.Fallback && step.Fallback is not null)
                {
                    // The primary's retries are exhausted (or it failed permanently): the fallback is a second activity.
                    Start(flight.Step, fallback: true);
                    continue;
                }

                loop.Failed(flight.Step);
                if (!cancelRequested)
                {
                    errors.Add($"{step.Key}: {Message(task.Exception)}");
                }
            }
        }

        var status = cancelRequested ? "cancelled" : errors.Count > 0 ? "failed" : "succeeded";
        var nodes = commits.Where(c => c is not null).Select(c => c!).ToList();
        var record = await Workflow.ExecuteActivityAsync<RecordResult>(
            ActivityNames.Record,
            [new RecordInput(input.Ref, status, nodes, moves, errors)],
            new ActivityOptions
            {
                ActivityId = $"{input.RunId}/record",
                TaskQueue = TaskQueues.Workflows,
                StartToCloseTimeout = TimeSpan.FromMinutes(10),
                RetryPolicy = new RetryPolicy { MaximumAttempts = 5, NonRetryableErrorTypes = [ActivityNames.RunFileMismatch] },

                // Runs after a cancellation too: a cancelled run still gets its trace and manifest.
                CancellationToken = CancellationToken.None,
            }).ConfigureAwait(true);
        progress = Snapshot(steps, loop, [], moves, status);
        return new RunOutcome(input.RunId, status, nodes, moves, errors, record);
    }

    /// <summary>The activity id of a step: <c>runId/nodeId</c>, <c>runId/nodeId#fallback</c> or <c>runId/transfer/ITEM/TO</c>.</summary>
    public static string ActivityId(string runId, RunStep step, bool fallback) =>
        fallback ? Ports.IdempotencyKeys.Fallback(runId, step.Key) : $"{runId}/{step.Key}";

    private static RunProgress Snapshot(IReadOnlyList<RunStep> steps, ReadyLoop loop, IEnumerable<Flight> running, List<MoveRecord> moves, string status)
    {
        int done = 0, failed = 0, stopped = 0, nodes = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Kind != StepKind.Node)
            {
                continue;
            }

            nodes++;
            switch (loop.StateOf(i))
            {
                case StepState.Succeeded:
                    done++;
                    break;
                case StepState.Failed:
                    failed++;
                    break;
                case StepState.Stopped:
                    stopped++;
                    break;
            }
        }

        var flights = running.OrderBy(f => f.Step).Select(f => f.ActivityId).ToList();
        return new RunProgress(nodes, done, flights.Count, failed, stopped, moves.Sum(m => m.Bytes), flights, status);
    }

    private static string Message(Exception? e)
    {
        var inner = e is AggregateException a ? a.InnerException : e;
        while (inner is ActivityFailureException { InnerException: { } cause })
        {
            inner = cause;
        }

        return inner?.Message ?? "failed";
    }

    private sealed record Flight(int Step, bool Fallback, CancellationTokenSource Cancel, string ActivityId);
}
