using Placement.Core.Model;

namespace Placement.Simulation.Results;

/// <summary>How busy one location was during a run.</summary>
/// <param name="Location">The location.</param>
/// <param name="Slots">Concurrent-task capacity; null when unlimited.</param>
/// <param name="TasksRun">Attempts started there.</param>
/// <param name="BusySeconds">Sum of attempt durations there (task-seconds).</param>
/// <param name="PeakConcurrent">Most attempts running at once.</param>
/// <param name="Utilisation">Busy task-seconds / (slots x makespan), in [0, 1]; null when slots are unlimited.</param>
/// <param name="QueueWaitSeconds">Total seconds tasks waited in the FIFO queue for a slot or GPUs.</param>
/// <param name="MaxQueueWaitSeconds">Longest single wait.</param>
public sealed record LocationStats(
    Location Location,
    int? Slots,
    int TasksRun,
    double BusySeconds,
    int PeakConcurrent,
    double? Utilisation,
    double QueueWaitSeconds,
    double MaxQueueWaitSeconds);
