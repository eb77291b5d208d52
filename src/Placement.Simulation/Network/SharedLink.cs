namespace Placement.Simulation.Network;

/// <summary>
/// Processor sharing on one (from, to) link: the k moves streaming on it each get bandwidth / k. Kept in
/// "virtual service" form: <see cref="served"/> is the bytes each active flow has received since the link was
/// created, so a flow that joins with b bytes finishes when served reaches (served at join + b). Joins and
/// completions change k, and the next completion is recomputed from the smallest target: O(log n) per change.
/// </summary>
internal sealed class SharedLink
{
    private readonly double bytesPerSecond;
    private readonly PriorityQueue<int, (double Target, long Order)> flows = new();
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
    public int Active => flows.Count;

    /// <summary>Adds a flow of <paramref name="bytes"/> at time <paramref name="now"/>.</summary>
    public void Join(double now, int move, double bytes)
    {
        Advance(now);
        flows.Enqueue(move, (served + bytes, order++));
    }

    /// <summary>Time of the next completion if nothing else changes (+infinity when idle); bumps <see cref="Version"/>.</summary>
    public double Reschedule(double now)
    {
        Version++;
        if (flows.Count == 0)
        {
            return double.PositiveInfinity;
        }

        flows.TryPeek(out _, out var head);
        var remaining = Math.Max(0, head.Target - served);
        return now + (remaining * flows.Count / bytesPerSecond);
    }

    /// <summary>Removes every flow that has received all its bytes by <paramref name="now"/>, appending their moves in finish order.</summary>
    public void Drain(double now, List<int> finished)
    {
        Advance(now);
        while (flows.TryPeek(out var move, out var head) && head.Target - served <= Tolerance(head.Target))
        {
            flows.Dequeue();
            finished.Add(move);
        }
    }

    private void Advance(double now)
    {
        if (flows.Count > 0 && now > last)
        {
            served += (now - last) * bytesPerSecond / flows.Count;
        }

        last = now;
    }

    // Floating-point slack: a flow this close to done is done (a billionth of its size, at least a millibyte).
    private static double Tolerance(double target) => Math.Max(1e-3, Math.Abs(target) * 1e-9);
}
