using Placement.Core.Costing;
using Placement.Simulation.Costing;
using Placement.Simulation.Events;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Engine;

/// <summary>
/// One replica in progress: the per-run state (node, item, move and location arrays), the event loop and its
/// handlers. Built and run by <see cref="Simulator"/>; the result is assembled in ReplicaResult.cs and the critical
/// path in ReplicaCriticalPath.cs.
/// </summary>
internal sealed partial class Replica
{
    private readonly SimulationModel m;
    private readonly IRandomSource random;
    private readonly IEventSink? sink;
    private readonly EventQueue<SimulationEvent> queue = new();
    private readonly SimulationOptions options;

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

    private readonly SharedLink?[] links;
    private readonly List<int> drained = [];

    private readonly int[] slotsFree;
    private readonly int[] gpusFree;
    private readonly Queue<(int Node, int Attempt)>[] fifo;
    private readonly int[] running;
    private readonly int[] peak;
    private readonly int[] started;
    private readonly double[] busy;
    private readonly double[] waitTotal;
    private readonly double[] waitMax;
    private readonly double[] rateNext;

    private bool abandoned;

    public Replica(SimulationModel model, IRandomSource random, IEventSink? sink)
    {
        m = model;
        this.random = random;
        this.sink = sink;
        options = model.Options;
        var n = model.NodeCount;
        pending = new int[n];
        readyAt = Filled(n);
        queuedAt = Filled(n);
        startAt = Filled(n);
        endAt = Filled(n);
        attempts = new int[n];
        billedHours = new decimal[n];
        succeeded = new bool[n];
        causeMove = new int[n];
        causeItem = new int[n];
        for (var i = 0; i < n; i++)
        {
            pending[i] = model.Nodes[i].Requirements;
            causeMove[i] = -1;
            causeItem[i] = -1;
        }

        storedAt = Filled(model.ItemCount);
        itemFactor = new double[model.ItemCount];
        for (var i = 0; i < itemFactor.Length; i++)
        {
            itemFactor[i] = options.Bytes.Factor(random);
        }

        moveBytes = new long[model.MoveCount];
        moveStart = Filled(model.MoveCount);
        moveEnd = Filled(model.MoveCount);
        for (var k = 0; k < moveBytes.Length; k++)
        {
            var spec = model.Moves[k];
            var f = itemFactor[spec.Item];
            moveBytes[k] = ScaledBytes.Of(spec.BaseBytes, f, model);
        }

        links = new SharedLink?[model.LinkBytesPerSecond.Length];
        var locs = model.LocationArray.Length;
        slotsFree = (int[])model.LocationSlots.Clone();
        gpusFree = (int[])model.LocationGpuCap.Clone();
        fifo = new Queue<(int, int)>[locs];
        for (var l = 0; l < locs; l++)
        {
            fifo[l] = new Queue<(int, int)>();
        }

        running = new int[locs];
        peak = new int[locs];
        started = new int[locs];
        busy = new double[locs];
        waitTotal = new double[locs];
        waitMax = new double[locs];
        rateNext = new double[model.RatePerSecond.Length];
    }

    public long Events { get; private set; }

    public void Execute()
    {
        for (var item = m.NodeCount; item < m.ItemCount; item++)
        {
            Schedule(0, new DataStored(item));
        }

        for (var i = 0; i < m.NodeCount; i++)
        {
            if (pending[i] == 0)
            {
                Schedule(0, new TaskReady(i));
            }
        }

        while (queue.TryDequeue(out var now, out var seq, out var e))
        {
            if (e is LinkDrained stale && links[stale.Link]!.Version != stale.Version)
            {
                continue;
            }

            Events++;
            sink?.Record(now, seq, e);
            switch (e)
            {
                case DataStored d:
                    OnStored(now, d.Item);
                    break;
                case TransferStarted s:
                    OnTransferStarted(now, s.Move);
                    break;
                case TransferStreaming s:
                    OnStreaming(now, s.Move);
                    break;
                case LinkDrained l:
                    OnDrained(now, l.Link);
                    break;
                case TransferFinished f:
                    OnTransferFinished(now, f.Move);
                    break;
                case TaskReady r:
                    readyAt[r.Node] = now;
                    Submit(now + options.EngineOverheadSeconds, r.Node, 1);
                    break;
                case TaskRetry r:
                    Submit(now, r.Node, r.Attempt);
                    break;
                case TaskQueued q:
                    OnQueued(now, q.Node, q.Attempt);
                    break;
                case TaskStarted s:
                    OnStarted(now, s.Node, s.Attempt);
                    break;
                case TaskFinished f:
                    OnFinished(now, f.Node, f.Attempt, f.Failed);
                    break;
                case TaskAbandoned:
                    abandoned = true;
                    break;
            }
        }
    }

    // Every event goes in with its own priority, so same-time ordering is defined in one place (SimulationEvent).
    private void Schedule(double time, SimulationEvent e) => queue.Schedule(time, e.Priority, e);

    private void OnStored(double now, int item)
    {
        storedAt[item] = now;
        foreach (var reader in m.ItemHomeReaders[item])
        {
            Satisfy(now, reader, -1, item);
        }

        foreach (var move in m.ItemOutMoves[item])
        {
            Schedule(now, new TransferStarted(move));
        }
    }

    private void OnTransferStarted(double now, int move)
    {
        moveStart[move] = now;
        var spec = m.Moves[move];
        Schedule(now + spec.LatencySeconds, new TransferStreaming(move));
    }

    private void OnStreaming(double now, int move)
    {
        var spec = m.Moves[move];
        var bytes = moveBytes[move];
        var bps = m.LinkBytesPerSecond[spec.Link];
        if (bytes == 0 || double.IsPositiveInfinity(bps))
        {
            Schedule(now, new TransferFinished(move));
            return;
        }

        var link = links[spec.Link] ??= new SharedLink(bps);
        link.Join(now, move, bytes);
        Wake(now, spec.Link, link);
    }

    private void OnDrained(double now, int linkIndex)
    {
        var link = links[linkIndex]!;
        drained.Clear();
        link.Drain(now, drained);
        foreach (var move in drained)
        {
            Schedule(now, new TransferFinished(move));
        }

        Wake(now, linkIndex, link);
    }

    private void Wake(double now, int linkIndex, SharedLink link)
    {
        var next = link.Reschedule(now);
        if (!double.IsPositiveInfinity(next))
        {
            Schedule(next, new LinkDrained(linkIndex, link.Version));
        }
    }

    private void OnTransferFinished(double now, int move)
    {
        moveEnd[move] = now;
        var spec = m.Moves[move];
        if (spec.IsRouteBack)
        {
            Schedule(now, new DataStored(spec.Item));
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
            Schedule(now, new TaskReady(node));
        }
    }

    private void Submit(double at, int node, int attempt)
    {
        var key = m.Nodes[node].RateKey;
        if (key >= 0)
        {
            var gate = Math.Max(at, rateNext[key]);
            rateNext[key] = gate + (1.0 / m.RatePerSecond[key]);
            at = gate;
        }

        Schedule(at, new TaskQueued(node, attempt));
    }

    private void OnQueued(double now, int node, int attempt)
    {
        queuedAt[node] = now;
        var loc = m.Nodes[node].Location;
        fifo[loc].Enqueue((node, attempt));
        Dispatch(now, loc);
    }

    private void Dispatch(double now, int loc)
    {
        var q = fifo[loc];
        while (q.Count > 0)
        {
            var (node, attempt) = q.Peek();
            var gpus = m.Nodes[node].Gpus;
            if (slotsFree[loc] == 0 || (gpusFree[loc] >= 0 && gpus > gpusFree[loc]))
            {
                return; // strict FIFO: the head blocks those behind it
            }

            q.Dequeue();
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
            Schedule(now, new TaskStarted(node, attempt));
        }
    }

    private void OnStarted(double now, int node, int attempt)
    {
        var spec = m.Nodes[node];
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
        Schedule(now + seconds, new TaskFinished(node, attempt, failed));
    }

    private void OnFinished(double now, int node, int attempt, bool failed)
    {
        var spec = m.Nodes[node];
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
                Schedule(now + options.RetryDelaySeconds, new TaskRetry(node, attempt + 1));
            }
            else
            {
                Schedule(now, new TaskAbandoned(node));
            }

            return;
        }

        succeeded[node] = true;
        if (spec.RouteBackMove >= 0)
        {
            Schedule(now, new TransferStarted(spec.RouteBackMove));
        }
        else
        {
            Schedule(now, new DataStored(node));
        }
    }

    private static double[] Filled(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}
