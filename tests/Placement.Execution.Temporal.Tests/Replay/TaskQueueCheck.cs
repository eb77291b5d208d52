using Temporalio.Api.Enums.V1;
using Temporalio.Common;
using Temporalio.Worker.Interceptors;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>
/// The task-queue check the replayer lacks (it compares activity ids and types, not queues): a worker interceptor
/// that records the queue of every activity the workflow schedules, compared with each
/// <c>ActivityTaskScheduled.taskQueue</c> of the history.
/// </summary>
internal sealed class TaskQueueCheck : IWorkerInterceptor
{
    private readonly object gate = new();

    public List<(string ActivityId, string Type, string TaskQueue)> Scheduled { get; } = [];

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) => new Inbound(nextInterceptor, this);

    /// <summary>Activities whose queue differs from the history's, or that the history does not have.</summary>
    public IReadOnlyList<string> Mismatches(WorkflowHistory history)
    {
        var recorded = history.Events
            .Where(e => e.EventType == EventType.ActivityTaskScheduled)
            .ToDictionary(e => e.ActivityTaskScheduledEventAttributes.ActivityId, e => e.ActivityTaskScheduledEventAttributes.TaskQueue.Name, StringComparer.Ordinal);
        lock (gate)
        {
            return Scheduled
                .Where(s => !recorded.TryGetValue(s.ActivityId, out var queue) || queue != s.TaskQueue)
                .Select(s => $"{s.ActivityId}: scheduled on {s.TaskQueue}, history has {recorded.GetValueOrDefault(s.ActivityId) ?? "no such activity"}")
                .ToList();
        }
    }

    private void Add(string id, string type, string queue)
    {
        lock (gate)
        {
            Scheduled.Add((id, type, queue));
        }
    }

    private sealed class Inbound(WorkflowInboundInterceptor next, TaskQueueCheck check) : WorkflowInboundInterceptor(next)
    {
        public override void Init(WorkflowOutboundInterceptor outbound) => base.Init(new Outbound(outbound, check));
    }

    private sealed class Outbound(WorkflowOutboundInterceptor next, TaskQueueCheck check) : WorkflowOutboundInterceptor(next)
    {
        public override Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input)
        {
            check.Add(input.Options.ActivityId ?? "", input.Activity, input.Options.TaskQueue ?? "");
            return base.ScheduleActivityAsync<TResult>(input);
        }
    }
}
