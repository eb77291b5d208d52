using Placement.Core.Model;

namespace Placement.Execution.Scheduling;

/// <summary>
/// The progress of one run over a <see cref="RunSchedule"/>, updated event by event in O(degree): which nodes are
/// ready (kept in plan order), running (per location), completed and failed. The incremental twin of
/// <see cref="RunSchedule.Ready"/> for drivers that react to completions one at a time. Deterministic and
/// synchronous (no I/O, clock or threads), so workflow code can hold one; not thread-safe: one driver loop owns it.
/// </summary>
public sealed class ScheduleTracker
{
    private readonly RunSchedule schedule;
    private readonly Dictionary<string, int> waiting = new(StringComparer.Ordinal);
    private readonly SortedSet<int> ready = [];
    private readonly HashSet<string> running = new(StringComparer.Ordinal);
    private readonly HashSet<string> completed = new(StringComparer.Ordinal);
    private readonly HashSet<string> failed = new(StringComparer.Ordinal);
    private readonly Dictionary<Location, int> runningAt = [];

    /// <summary>Starts with nothing completed: the nodes without node parents are ready.</summary>
    public ScheduleTracker(RunSchedule schedule)
    {
        this.schedule = schedule;
        foreach (var n in schedule.Order)
        {
            waiting[n] = schedule.Parents(n).Count;
            if (waiting[n] == 0)
            {
                ready.Add(schedule.IndexOf(n));
            }
        }
    }

    /// <summary>Ready nodes in plan order.</summary>
    public IReadOnlyList<string> Ready => ready.Select(i => schedule.Order[i]).ToList();

    /// <summary>Nodes started and not yet completed or failed.</summary>
    public IReadOnlySet<string> Running => running;

    /// <summary>Nodes completed (committed, cached or kept).</summary>
    public IReadOnlySet<string> Completed => completed;

    /// <summary>Nodes failed for good.</summary>
    public IReadOnlySet<string> Failed => failed;

    /// <summary>Running nodes per location.</summary>
    public IReadOnlyDictionary<Location, int> RunningAt => runningAt;

    /// <summary>True when nothing is ready or running: every node completed, failed or is blocked by a failure.</summary>
    public bool IsFinished => ready.Count == 0 && running.Count == 0;

    /// <summary>The ready nodes the limits allow to start now, in plan order (not yet marked started).</summary>
    public IReadOnlyList<string> Startable(ConcurrencyLimits limits) => limits.Pick(Ready, schedule.LocationOf, runningAt);

    /// <summary>Marks a ready node started.</summary>
    public void Start(string node)
    {
        if (!ready.Remove(schedule.IndexOf(node)))
        {
            throw new InvalidOperationException($"node {node} is not ready");
        }

        running.Add(node);
        var loc = schedule.LocationOf(node);
        runningAt[loc] = runningAt.GetValueOrDefault(loc) + 1;
    }

    /// <summary>Marks a running node completed; returns the children it made ready, in plan order.</summary>
    public IReadOnlyList<string> Complete(string node)
    {
        Stop(node);
        completed.Add(node);
        var made = new List<string>();
        foreach (var child in schedule.Children(node))
        {
            if (--waiting[child] == 0)
            {
                ready.Add(schedule.IndexOf(child));
                made.Add(child);
            }
        }

        return made.OrderBy(schedule.IndexOf).ToList();
    }

    /// <summary>Marks a running node failed: its descendants never become ready; other branches go on.</summary>
    public void Fail(string node)
    {
        Stop(node);
        failed.Add(node);
    }

    private void Stop(string node)
    {
        if (!running.Remove(node))
        {
            throw new InvalidOperationException($"node {node} is not running");
        }

        var loc = schedule.LocationOf(node);
        runningAt[loc]--;
    }
}
