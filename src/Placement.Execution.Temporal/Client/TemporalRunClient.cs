using Placement.Execution.Temporal.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Placement.Execution.Temporal.Client;

/// <summary>
/// Starts, follows, describes and cancels runs on a Temporal server. A run is the workflow whose id is the run id;
/// submitting a run id that exists attaches to it (running, or finished) instead of starting it twice.
/// </summary>
public sealed class TemporalRunClient(ITemporalClient client)
{
    /// <summary>Starts the run, or attaches to the execution that has its id. Returns the handle and whether it was started now.</summary>
    public async Task<(WorkflowHandle<PlacementRunWorkflow, RunOutcome> Handle, bool Started)> StartOrAttachAsync(RunInput input)
    {
        try
        {
            var handle = await client.StartWorkflowAsync(
                (PlacementRunWorkflow wf) => wf.RunAsync(input),
                new WorkflowOptions(input.RunId, TaskQueues.Workflows)
                {
                    IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                    IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
                }).ConfigureAwait(false);
            return (handle, handle.ResultRunId == handle.RunId);
        }
        catch (WorkflowAlreadyStartedException)
        {
            return (client.GetWorkflowHandle<PlacementRunWorkflow, RunOutcome>(input.RunId), false);
        }
    }

    /// <summary>Waits for the run's outcome, reporting its progress query every <paramref name="poll"/>.</summary>
    public static async Task<RunOutcome> FollowAsync(WorkflowHandle<PlacementRunWorkflow, RunOutcome> handle, IProgress<RunProgress>? progress, TimeSpan poll, CancellationToken cancel)
    {
        var result = handle.GetResultAsync();
        while (!result.IsCompleted)
        {
            if (progress is not null)
            {
                try
                {
                    progress.Report(await handle.QueryAsync(wf => wf.Progress()).ConfigureAwait(false));
                }
                catch (Exception e) when (e is WorkflowQueryFailedException or RpcException)
                {
                    // No workflow worker has picked the run up yet: nothing to report.
                }
            }

            await Task.WhenAny(result, Task.Delay(poll, cancel)).ConfigureAwait(false);
            cancel.ThrowIfCancellationRequested();
        }

        return await result.ConfigureAwait(false);
    }

    /// <summary>The run's execution status and, when a worker answers, its progress.</summary>
    public async Task<(WorkflowExecutionStatus Status, RunProgress? Progress)> StatusAsync(string runId)
    {
        var handle = client.GetWorkflowHandle<PlacementRunWorkflow>(runId);
        var description = await handle.DescribeAsync().ConfigureAwait(false);
        RunProgress? progress = null;
        try
        {
            progress = await handle.QueryAsync(wf => wf.Progress()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WorkflowQueryFailedException or RpcException)
        {
            // No worker polls the workflow queue: the status alone.
        }

        return (description.Status, progress);
    }

    /// <summary>Requests cancellation: activities in flight are cancelled, nothing new starts, the trace is still written.</summary>
    public Task CancelAsync(string runId) => client.GetWorkflowHandle(runId).CancelAsync();
}
