namespace Placement.Simulation.Network;

/// <summary>
/// Processor sharing on one (from, to) link: the k moves streaming on it each get bandwidth / k. Kept in
/// "virtual service" form: <see cref="served"/> is the bytes each active flow has received since the link was
/// reset, so a flow that joins with b bytes finishes when served reaches (served at join + b). Joins and
/// completions change k, and the next completion is recomputed from the smallest target: O(log n) per change, and
/// only for the link that changed. The flows sit in a binary min-heap of (target, join order, move) values; the
/// link is reset and reused across replicas.
/// </summary>
internal sealed class SharedLink
{
    private readonly double bytesPerSecond;
    private Flow[] flows = new Flow[8];
    private int count;
    private double served;
    private double last;
    private long order;

    public SharedLink(double bytesPerSecond)
    {
        this.bytesPerSecond = bytesPerSecond;
    }

    /// <summary>Bumped each time the next completion is rescheduled; older drain events are stale.</summary>
    public int Version { get; private set; }

    /// <summary>Moves streaming now.</summary>
    public int Active => count;

    /// <summary>Back to the state of a new link (no flows, version 0), keeping the storage.</summary>
    public void Reset()
    {
        count = 0;
        served = 0;
        last = 0;
        order = 0;
        Version = 0;
    }

    /// <summary>Adds a flow of <paramref name="bytes"/> at time <paramref name="now"/>.</summary>
    public void Join(double now, int move, double bytes)
    {
        Advance(now);
        Push(new Flow(served + bytes, order++, move));
    }

    /// <summary>Time of the next completion if nothing else changes (+infinity when idle); bumps <see cref="Version"/>.</summary>
    public double Reschedule(double now)
    {
        Version++;
        if (count == 0)
        {
            return double.PositiveInfinity;
        }

        var remaining = Math.Max(0, flows[0].Target - served);
        return now + (remaining * count / bytesPerSecond);
    }

    /// <summary>Removes every flow that has received all its bytes by <paramref name="now"/>, appending their moves in finish order.</summary>
    public void Drain(double now, List<int> finished)
    {
        Advance(now);
        while (count > 0 && flows[0].Target - served <= Tolerance(flows[0].Target))
        {
            finished.Add(Pop());
        }
    }

    private void Advance(double now)
    {
        if (count > 0 && now > last)
        {
            served += (now - last) * bytesPerSecond / count;
        }

        last = now;
    }

    private void Push(Flow flow)
    {
        if (count == flows.Length)
        {
            Array.Resize(ref flows, flows.Length * 2);
        }

        var i = count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(flow, flows[parent]))
            {
                break;
            }

            flows[i] = flows[parent];
            i = parent;
        }

        flows[i] = flow;
    }

    private int Pop()
    {
        var top = flows[0];
        var lastFlow = flows[--count];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Less(flows[child + 1], flows[child]))
            {
                child++;
            }

            if (!Less(flows[child], lastFlow))
            {
                break;
            }

            flows[i] = flows[child];
            i = child;
        }

        if (count > 0)
        {
            flows[i] = lastFlow;
        }

        return top.Move;
    }

    // (target, join order) is a total order, so the heap gives the same finish order as any other correct queue.
    private static bool Less(in Flow a, in Flow b) => a.Target < b.Target || (a.Target == b.Target && a.Order < b.Order);

    // Floating-point slack: a flow this close to done is done (a billionth of its size, at least a millibyte).
    private static double Tolerance(double target) => Math.Max(1e-3, Math.Abs(target) * 1e-9);

    private readonly record struct Flow(double Target, long Order, int Move);
}
