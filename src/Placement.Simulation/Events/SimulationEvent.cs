namespace Placement.Simulation.Events;

/// <summary>
/// Something that happens at one instant of a simulated run. A closed hierarchy: the records below are the
/// only events. They carry indices into the <see cref="Setup.SimulationModel"/> (nodes, data items, moves),
/// not names, so the core allocates little; <see cref="EventLogText"/> renders them with names.
/// <see cref="Priority"/> orders events at the same time: completions (0) free resources before data is
/// stored (1), tasks are readied and transfers started (2), and tasks start last (3).
/// </summary>
public abstract record SimulationEvent
{
    private protected SimulationEvent()
    {
    }

    /// <summary>Order among events at the same time; lower first.</summary>
    public abstract int Priority { get; }

    /// <summary>The event's name in the event log, e.g. <c>task-started</c>.</summary>
    public abstract string Kind { get; }
}

/// <summary>A data item (dataset or node output) is in its home bucket.</summary>
public sealed record DataStored(int Item) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 1;

    /// <inheritdoc />
    public override string Kind => "data-stored";
}

/// <summary>A move begins: its latency (one RTT) starts running.</summary>
public sealed record TransferStarted(int Move) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 2;

    /// <inheritdoc />
    public override string Kind => "transfer-started";
}

/// <summary>A move's latency has elapsed: its bytes join the link and share its bandwidth.</summary>
public sealed record TransferStreaming(int Move) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 2;

    /// <inheritdoc />
    public override string Kind => "transfer-streaming";
}

/// <summary>
/// The earliest flow on a link may have drained. <see cref="Version"/> identifies the link state that
/// scheduled it: an event from an older state is stale and skipped (never logged).
/// </summary>
public sealed record LinkDrained(int Link, int Version) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 0;

    /// <inheritdoc />
    public override string Kind => "link-drained";
}

/// <summary>The last byte of a move arrived at its destination.</summary>
public sealed record TransferFinished(int Move) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 0;

    /// <inheritdoc />
    public override string Kind => "transfer-finished";
}

/// <summary>Every input of a node is at its location; the engine's per-task overhead starts.</summary>
public sealed record TaskReady(int Node) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 2;

    /// <inheritdoc />
    public override string Kind => "task-ready";
}

/// <summary>A node (or a retry) passed its API rate limit and joins its location's FIFO capacity queue.</summary>
public sealed record TaskQueued(int Node, int Attempt) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 2;

    /// <inheritdoc />
    public override string Kind => "task-queued";
}

/// <summary>An attempt of a node got its slot (and GPUs) and starts running.</summary>
public sealed record TaskStarted(int Node, int Attempt) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 3;

    /// <inheritdoc />
    public override string Kind => "task-started";
}

/// <summary>An attempt ended, successfully or not; its slot is free.</summary>
public sealed record TaskFinished(int Node, int Attempt, bool Failed) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 0;

    /// <inheritdoc />
    public override string Kind => Failed ? "task-failed" : "task-finished";
}

/// <summary>A failed attempt waits out its retry delay before being submitted again.</summary>
public sealed record TaskRetry(int Node, int Attempt) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 2;

    /// <inheritdoc />
    public override string Kind => "task-retry";
}

/// <summary>A node failed on every attempt; nothing that depends on it runs and the run fails.</summary>
public sealed record TaskAbandoned(int Node) : SimulationEvent
{
    /// <inheritdoc />
    public override int Priority => 0;

    /// <inheritdoc />
    public override string Kind => "task-abandoned";
}
