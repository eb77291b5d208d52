namespace Placement.Traces.Model;

/// <summary>
/// One recorded (or simulated) run of a workflow: tasks with measured runtimes, the files they read and
/// write with sizes in bytes, the dependencies between tasks, and the machines used. Imported from
/// WfCommons WfFormat 1.3, 1.4, 1.5 or 1.6, or read from Placement's own executor trace (WfFormat 1.5 plus the
/// <see cref="Run"/> extension, see docs/trace-format.md). Immutable; the readers check it is a DAG.
/// </summary>
/// <param name="Name">Workflow name as recorded.</param>
/// <param name="SchemaVersion">WfFormat schema version of the source file: <c>1.3</c>, <c>1.4</c>, <c>1.5</c> or <c>1.6</c>.</param>
/// <param name="ExecutedAt">When the run started (UTC offset kept); null when absent or in no known format.</param>
/// <param name="MakespanSeconds">Recorded wall-clock seconds of the whole run; null when absent.</param>
/// <param name="Tasks">Tasks in file order; ids are unique.</param>
/// <param name="Files">Every file any task reads or writes, with its size, in first-seen order; ids are unique.</param>
/// <param name="Machines">Machines the run used (informational).</param>
/// <param name="Run">Placement's executor extension (scenario, transfers, cost); null for WfCommons traces.</param>
public sealed record Trace(
    string Name,
    string SchemaVersion,
    DateTimeOffset? ExecutedAt,
    double? MakespanSeconds,
    IReadOnlyList<TraceTask> Tasks,
    IReadOnlyList<TraceFile> Files,
    IReadOnlyList<TraceMachine> Machines,
    TraceRun? Run)
{
    /// <summary>Task dependencies as (parent id, child id), ordered by child then parent (ordinal).</summary>
    public IReadOnlyList<(string Parent, string Child)> Edges() =>
        Tasks.SelectMany(t => t.Parents.Select(p => (Parent: p, Child: t.Id)))
            .OrderBy(e => e.Child, StringComparer.Ordinal)
            .ThenBy(e => e.Parent, StringComparer.Ordinal)
            .ToList();

    /// <summary>File sizes by file id.</summary>
    public IReadOnlyDictionary<string, long> FileBytes() => Files.ToDictionary(f => f.Id, f => f.SizeInBytes, StringComparer.Ordinal);

    /// <summary>The task of that id, or null.</summary>
    public TraceTask? Task(string id) => Tasks.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}
