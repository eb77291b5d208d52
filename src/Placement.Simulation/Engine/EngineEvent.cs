using Placement.Simulation.Events;

namespace Placement.Simulation.Engine;

/// <summary>Which <see cref="SimulationEvent"/> an <see cref="EngineEvent"/> stands for.</summary>
internal enum EventKind : byte
{
    DataStored,
    TransferStarted,
    TransferStreaming,
    LinkDrained,
    TransferFinished,
    TaskReady,
    TaskQueued,
    TaskStarted,
    TaskFinished,
    TaskFailed,
    TaskRetry,
    TaskAbandoned,
}

/// <summary>
/// An event as the engine queues it: a 12-byte value (kind and two indices), so the event loop allocates nothing per
/// event. <see cref="A"/> is the node, item, move or link; <see cref="B"/> the attempt or the link version. The public
/// <see cref="SimulationEvent"/> records stay the one definition of same-time priorities and are built from this only
/// when an <see cref="IEventSink"/> listens.
/// </summary>
internal readonly record struct EngineEvent(EventKind Kind, int A, int B = 0)
{
    // Priorities read from the records themselves, so the order at equal times is defined in one place.
    private static readonly int[] Priorities =
    [
        new DataStored(0).Priority,
        new TransferStarted(0).Priority,
        new TransferStreaming(0).Priority,
        new LinkDrained(0, 0).Priority,
        new TransferFinished(0).Priority,
        new TaskReady(0).Priority,
        new TaskQueued(0, 0).Priority,
        new TaskStarted(0, 0).Priority,
        new TaskFinished(0, 0, false).Priority,
        new TaskFinished(0, 0, true).Priority,
        new TaskRetry(0, 0).Priority,
        new TaskAbandoned(0).Priority,
    ];

    /// <summary>Order among events at the same time; lower first (<see cref="SimulationEvent.Priority"/>).</summary>
    public int Priority => Priorities[(int)Kind];

    /// <summary>The public record for an event sink.</summary>
    public SimulationEvent ToRecord() => Kind switch
    {
        EventKind.DataStored => new DataStored(A),
        EventKind.TransferStarted => new TransferStarted(A),
        EventKind.TransferStreaming => new TransferStreaming(A),
        EventKind.LinkDrained => new LinkDrained(A, B),
        EventKind.TransferFinished => new TransferFinished(A),
        EventKind.TaskReady => new TaskReady(A),
        EventKind.TaskQueued => new TaskQueued(A, B),
        EventKind.TaskStarted => new TaskStarted(A, B),
        EventKind.TaskFinished => new TaskFinished(A, B, false),
        EventKind.TaskFailed => new TaskFinished(A, B, true),
        EventKind.TaskRetry => new TaskRetry(A, B),
        EventKind.TaskAbandoned => new TaskAbandoned(A),
        _ => throw new InvalidOperationException($"Unknown event kind {Kind}."),
    };
}
