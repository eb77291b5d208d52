using Placement.Simulation.Events;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Engine;

/// <summary>
/// One replica's state (node, item, move and location arrays indexed by id) and the event loop with its handlers.
/// The state is allocated once per model and reset at the start of every run, so a thread running many replicas
/// (<see cref="ReplicaRunner"/>, Monte Carlo) allocates nothing per replica in the loop: events are
/// <see cref="EngineEvent"/> values, FIFO capacity queues are rings in one array, links are reset, not rebuilt.
/// A run depends only on the model, the random source and nothing left from the previous run. The result is
/// assembled in ReplicaResult.cs and the critical path in ReplicaCriticalPath.cs.
/// </summary>
internal sealed partial class Replica
{
    private readonly SimulationModel m;
    private readonly EventQueue<EngineEvent> queue = new();
    private readonly SimulationOptions options;
    private readonly NodeSpec[] nodes;
    private readonly MoveSpec[] moves;

    private readonly int[] pending;
    private readonly double[] readyAt;
    private readonly double[] queuedAt;
    private readonly double[] startAt;
    private readonly double[] endAt;
    private readonly int[] attempts;
    private readonly decimal[] billedHours;
    private readonly bool[] succeeded;
    private readonly int[] causeMove;
    private readonly int[] causeItem;

    private readonly double[] storedAt;
    private readonly double[] itemFactor;
    private readonly long[] moveBytes;
    private readonly double[] moveStart;
    private readonly double[] moveEnd;

    private readonly SharedLink[] links;
    private readonly LinkTimers drains;
    private static readonly int DrainPriority = new EngineEvent(EventKind.LinkDrained, 0).Priority;
    private readonly List<int> drained = [];

    private readonly int[] slotsFree;
    private readonly int[] gpusFree;

    // FIFO capacity queues: location l's ring is fifoNode/fifoAttempt[fifoStart[l] .. fifoStart[l + 1]); a node waits
    // in at most one queue at a time, so the ring of a location never holds more than the nodes placed there.
    private readonly int[] fifoStart;
    private readonly int[] fifoHead;
    private readonly int[] fifoCount;
    private readonly int[] fifoNode;
    private readonly int[] fifoAttempt;

    private readonly int[] running;
    private readonly int[] peak;
    private readonly int[] started;
    private readonly double[] busy;
    private readonly double[] waitTotal;
    private readonly double[] waitMax;
    private readonly double[] rateNext;

    private IRandomSource random = null!;
    private IEventSink? sink;
    private bool abandoned;

    public Replica(SimulationModel model)
    {
        m = model;
        options = model.Options;
        nodes = model.Nodes;
        moves = model.Moves;
        var n = model.NodeCount;
        pending = new int[n];
        readyAt = new double[n];
        queuedAt = new double[n];
        startAt = new double[n];
        endAt = new double[n];
        attempts = new int[n];
        billedHours = new decimal[n];
        succeeded = new bool[n];
        causeMove = new int[n];
        causeItem = new int[n];

        storedAt = new double[model.ItemCount];
        itemFactor = new double[model.ItemCount];
        moveBytes = new long[model.MoveCount];
        moveStart = new double[model.MoveCount];
        moveEnd = new double[model.MoveCount];

        links = new SharedLink[model.LinkBytesPerSecond.Length];
        for (var l = 0; l < links.Length; l++)
        {
            links[l] = new SharedLink(model.LinkBytesPerSecond[l]);
        }

        drains = new LinkTimers(links.Length);

        var locs = model.LocationArray.Length;
        slotsFree = new int[locs];
        gpusFree = new int[locs];
        fifoStart = new int[locs + 1];
        foreach (var node in nodes)
        {
            fifoStart[node.Location + 1]++;
        }

        for (var l = 0; l < locs; l++)
        {
            fifoStart[l + 1] += fifoStart[l];
        }

        fifoHead = new int[locs];
        fifoCount = new int[locs];
        fifoNode = new int[n];
        fifoAttempt = new int[n];
        running = new int[locs];
        peak = new int[locs];
        started = new int[locs];
        busy = new double[locs];
        waitTotal = new double[locs];
        waitMax = new double[locs];
        rateNext = new double[model.RatePerSecond.Length];
    }

    public long Events { get; private set; }

    /// <summary>Resets the state and runs one replica to its end.</summary>
    public void Run(IRandomSource randomSource, IEventSink? eventSink)
    {
        Reset(randomSource, eventSink);
        Execute();
    }

    private void Reset(IRandomSource randomSource, IEventSink? eventSink)
    {
        random = randomSource;
        sink = eventSink;
        abandoned = false;
        Events = 0;
        queue.Clear();
        drains.Clear();
        drained.Clear();

        var n = m.NodeCount;
        for (var i = 0; i < n; i++)
        {
            pending[i] = nodes[i].Requirements;
        }

        Array.Fill(readyAt, double.NaN);
        Array.Fill(queuedAt, double.NaN);
        Array.Fill(startAt, double.NaN);
        Array.Fill(endAt, double.NaN);
        Array.Clear(attempts);
        Array.Clear(billedHours);
        Array.Clear(succeeded);
        Array.Fill(causeMove, -1);
        Array.Fill(causeItem, -1);

        // Random draws in the same order as ever: one size factor per item, then per attempt as the run goes.
        Array.Fill(storedAt, double.NaN);
        var bytes = options.Bytes;
        for (var i = 0; i < itemFactor.Length; i++)
        {
            itemFactor[i] = bytes.Factor(random);
        }

        Array.Fill(moveStart, double.NaN);
        Array.Fill(moveEnd, double.NaN);
        for (var k = 0; k < moveBytes.Length; k++)
        {
            var spec = moves[k];
            moveBytes[k] = ScaledBytes.Of(spec.BaseBytes, itemFactor[spec.Item], m);
        }

        foreach (var link in links)
        {
            link.Reset();
        }

        Array.Copy(m.LocationSlots, slotsFree, slotsFree.Length);
        Array.Copy(m.LocationGpuCap, gpusFree, gpusFree.Length);
        Array.Clear(fifoHead);
        Array.Clear(fifoCount);
        Array.Clear(running);
        Array.Clear(peak);
        Array.Clear(started);
        Array.Clear(busy);
        Array.Clear(waitTotal);
        Array.Clear(waitMax);
        Array.Clear(rateNext);
    }

    private void Execute()
    {
        for (var item = m.NodeCount; item < m.ItemCount; item++)
        {
            Schedule(0, new EngineEvent(EventKind.DataStored, item));
        }

        for (var i = 0; i < m.NodeCount; i++)
        {
            if (pending[i] == 0)
            {
                Schedule(0, new EngineEvent(EventKind.TaskReady, i));
            }
        }

        var events = 0L;
        while (true)
        {
            // The earliest link drain, kept beside the queue, goes first when it comes first in the queue's order.
            double now;
            long seq;
            EngineEvent e;
            if (drains.Count > 0 && (!queue.TryPeekKey(out var nextTime, out var nextOrder) || EventQueue<EngineEvent>.Before(drains.TopTime, drains.TopOrder, nextTime, nextOrder)))
            {
                var link = drains.Pop(out now, out var order);
                queue.AdvanceTo(now);
                seq = EventQueue<EngineEvent>.SequenceOf(order);
                e = new EngineEvent(EventKind.LinkDrained, link, links[link].Version);
            }
            else if (!queue.TryDequeue(out now, out seq, out e))
            {
                break;
            }

            events++;
            sink?.Record(now, seq, e.ToRecord());
            switch (e.Kind)
            {
                case EventKind.DataStored:
                    OnStored(now, e.A);
                    break;
                case EventKind.TransferStarted:
                    OnTransferStarted(now, e.A);
                    break;
                case EventKind.TransferStreaming:
                    OnStreaming(now, e.A);
                    break;
                case EventKind.LinkDrained:
                    OnDrained(now, e.A);
                    break;
                case EventKind.TransferFinished:
                    OnTransferFinished(now, e.A);
                    break;
                case EventKind.TaskReady:
                    readyAt[e.A] = now;
                    Submit(now + options.EngineOverheadSeconds, e.A, 1);
                    break;
                case EventKind.TaskRetry:
                    Submit(now, e.A, e.B);
                    break;
                case EventKind.TaskQueued:
                    OnQueued(now, e.A, e.B);
                    break;
                case EventKind.TaskStarted:
                    OnStarted(now, e.A, e.B);
                    break;
                case EventKind.TaskFinished:
                    OnFinished(now, e.A, e.B, failed: false);
                    break;
                case EventKind.TaskFailed:
                    OnFinished(now, e.A, e.B, failed: true);
                    break;
                case EventKind.TaskAbandoned:
                    abandoned = true;
                    break;
            }
        }

        Events = events;
    }

    // Every event goes in with its own priority, so same-time ordering is defined in one place (SimulationEvent).
    private void Schedule(double time, EngineEvent e) => queue.Schedule(time, e.Priority, e);

    private void OnStored(double now, int item)
    {
        storedAt[item] = now;
        var readers = m.ItemHomeReaders;
        for (int r = m.ItemHomeReaderStart[item], end = m.ItemHomeReaderStart[item + 1]; r < end; r++)
        {
            Satisfy(now, readers[r], -1, item);
        }

        var outMoves = m.ItemOutMoves;
        for (int k = m.ItemOutMoveStart[item], end = m.ItemOutMoveStart[item + 1]; k < end; k++)
        {
            Schedule(now, new EngineEvent(EventKind.TransferStarted, outMoves[k]));
        }
    }

    private void OnTransferStarted(double now, int move)
    {
        moveStart[move] = now;
        Schedule(now + moves[move].LatencySeconds, new EngineEvent(EventKind.TransferStreaming, move));
    }

    private void OnStreaming(double now, int move)
    {
        var spec = moves[move];
        var bytes = moveBytes[move];
        var bps = m.LinkBytesPerSecond[spec.Link];
        if (bytes == 0 || double.IsPositiveInfinity(bps))
        {
            Schedule(now, new EngineEvent(EventKind.TransferFinished, move));
            return;
        }

        var link = links[spec.Link];
        link.Join(now, move, bytes);
        Wake(now, spec.Link, link);
    }

    private void OnDrained(double now, int linkIndex)
    {
        var link = links[linkIndex];
        drained.Clear();
        link.Drain(now, drained);
        foreach (var move in drained)
        {
            Schedule(now, new EngineEvent(EventKind.TransferFinished, move));
        }

        Wake(now, linkIndex, link);
    }

    private void Wake(double now, int linkIndex, SharedLink link)
    {
        // The drain scheduled before this one (if any) is replaced: it would be stale, as the link's version moved on.
        var next = link.Reschedule(now);
        if (double.IsPositiveInfinity(next))
        {
            drains.Remove(linkIndex);
        }
        else
        {
            if (!(next >= now))
            {
                throw new InvalidOperationException($"Link {linkIndex} drains at {next} s, before now ({now} s).");
            }

            drains.Set(linkIndex, next, queue.ReserveKey(DrainPriority));
        }
    }

    private void OnTransferFinished(double now, int move)
    {
        moveEnd[move] = now;
        var spec = moves[move];
        if (spec.IsRouteBack)
        {
            Schedule(now, new EngineEvent(EventKind.DataStored, spec.Item));
            return;
        }

        foreach (var consumer in spec.Consumers)
        {
            Satisfy(now, consumer, move, -1);
        }
    }

    private void Satisfy(double now, int node, int viaMove, int viaItem)
    {
        causeMove[node] = viaMove;
        causeItem[node] = viaItem;
        if (--pending[node] == 0)
        {
            Schedule(now, new EngineEvent(EventKind.TaskReady, node));
        }
    }

    private void Submit(double at, int node, int attempt)
    {
        var key = nodes[node].RateKey;
        if (key >= 0)
        {
            var gate = Math.Max(at, rateNext[key]);
            rateNext[key] = gate + (1.0 / m.RatePerSecond[key]);
            at = gate;
        }

        Schedule(at, new EngineEvent(EventKind.TaskQueued, node, attempt));
    }

    private void OnQueued(double now, int node, int attempt)
    {
        queuedAt[node] = now;
        var loc = nodes[node].Location;
        var size = fifoStart[loc + 1] - fifoStart[loc];
        var slot = fifoStart[loc] + ((fifoHead[loc] + fifoCount[loc]) % size);
        fifoNode[slot] = node;
        fifoAttempt[slot] = attempt;
        fifoCount[loc]++;
        Dispatch(now, loc);
    }

    private void Dispatch(double now, int loc)
    {
        var size = fifoStart[loc + 1] - fifoStart[loc];
        while (fifoCount[loc] > 0)
        {
            var slot = fifoStart[loc] + fifoHead[loc];
            var node = fifoNode[slot];
            var gpus = nodes[node].Gpus;
            if (slotsFree[loc] == 0 || (gpusFree[loc] >= 0 && gpus > gpusFree[loc]))
            {
                return; // strict FIFO: the head blocks those behind it
            }

            var attempt = fifoAttempt[slot];
            fifoHead[loc] = fifoHead[loc] + 1 == size ? 0 : fifoHead[loc] + 1;
            fifoCount[loc]--;
            if (slotsFree[loc] > 0)
            {
                slotsFree[loc]--;
            }

            if (gpusFree[loc] >= 0)
            {
                gpusFree[loc] -= gpus;
            }

            var wait = now - queuedAt[node];
            waitTotal[loc] += wait;
            waitMax[loc] = Math.Max(waitMax[loc], wait);
            Schedule(now, new EngineEvent(EventKind.TaskStarted, node, attempt));
        }
    }

    private void OnStarted(double now, int node, int attempt)
    {
        ref readonly var spec = ref nodes[node];
        attempts[node] = attempt;
        startAt[node] = now;
        var loc = spec.Location;
        running[loc]++;
        started[loc]++;
        peak[loc] = Math.Max(peak[loc], running[loc]);

        var factor = options.Runtime.Factor(random);
        var failed = options.FailureProbability > 0 && random.NextDouble() < options.FailureProbability;
        var fraction = failed ? 1.0 - random.NextDouble() : 1.0;
        var seconds = spec.BaseSeconds * factor * fraction;
        if (spec.IsVm)
        {
            billedHours[node] += factor == 1.0 && fraction == 1.0 ? spec.BaseHours : spec.BaseHours * (decimal)(factor * fraction);
        }

        busy[loc] += seconds;
        Schedule(now + seconds, new EngineEvent(failed ? EventKind.TaskFailed : EventKind.TaskFinished, node, attempt));
    }

    private void OnFinished(double now, int node, int attempt, bool failed)
    {
        ref readonly var spec = ref nodes[node];
        var loc = spec.Location;
        endAt[node] = now;
        running[loc]--;
        if (slotsFree[loc] >= 0)
        {
            slotsFree[loc]++;
        }

        if (gpusFree[loc] >= 0)
        {
            gpusFree[loc] += spec.Gpus;
        }

        Dispatch(now, loc);
        if (failed)
        {
            if (attempt < options.MaxAttempts)
            {
                Schedule(now + options.RetryDelaySeconds, new EngineEvent(EventKind.TaskRetry, node, attempt + 1));
            }
            else
            {
                Schedule(now, new EngineEvent(EventKind.TaskAbandoned, node));
            }

            return;
        }

        succeeded[node] = true;
        if (spec.RouteBackMove >= 0)
        {
            Schedule(now, new EngineEvent(EventKind.TransferStarted, spec.RouteBackMove));
        }
        else
        {
            Schedule(now, new EngineEvent(EventKind.DataStored, node));
        }
    }
}
