namespace Placement.Traces.Model;

/// <summary>One task of a trace.</summary>
/// <param name="Id">Unique id; parents refer to it. For WfFormat 1.3/1.4, where parents name tasks by
/// <c>name</c>, the id is the task's name so all versions of one run agree.</param>
/// <param name="Name">Display name as recorded.</param>
/// <param name="Category">Task type used to group tasks (e.g. <c>bwa</c>, <c>mProject</c>): the recorded category,
/// else a one-word program, else the name without its <c>_ID0000001</c> suffix.</param>
/// <param name="RuntimeSeconds">Measured runtime in seconds, at least 0 (Nextflow records zero runtimes).</param>
/// <param name="Parents">Ids of the tasks it depends on: the union of its <c>parents</c> and every task naming it a
/// child, in first-seen order, without duplicates.</param>
/// <param name="InputFiles">Ids of files read.</param>
/// <param name="OutputFiles">Ids of files written.</param>
/// <param name="Machines">Machine names it ran on.</param>
/// <param name="StartedAt">When it started, if recorded.</param>
/// <param name="Placement">Where and how Placement's executor ran it; null for WfCommons traces.</param>
public sealed record TraceTask(
    string Id,
    string Name,
    string Category,
    double RuntimeSeconds,
    IReadOnlyList<string> Parents,
    IReadOnlyList<string> InputFiles,
    IReadOnlyList<string> OutputFiles,
    IReadOnlyList<string> Machines,
    DateTimeOffset? StartedAt,
    TaskPlacement? Placement);
