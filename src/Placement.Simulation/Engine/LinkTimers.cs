namespace Placement.Simulation.Engine;

/// <summary>
/// The next drain of every busy link, outside the event queue: each link has at most one, replaced when a join or a
/// completion reschedules it. (In the queue, every reschedule left the previous drain behind as a stale entry to skip:
/// tens of thousands of them when many moves join one link at once.) An indexed binary min-heap over link ids, keyed by
/// (time, packed order key from <see cref="EventQueue{T}.ReserveKey"/>), so the engine takes whichever of the queue's
/// next event and the earliest drain comes first in the queue's own order. Reset and reused across replicas.
/// </summary>
internal sealed class LinkTimers
{
    private readonly int[] heap;
    private readonly int[] position;
    private readonly double[] time;
    private readonly long[] order;
    private int count;

    public LinkTimers(int links)
    {
        heap = new int[links];
        position = new int[links];
        time = new double[links];
        order = new long[links];
        Array.Fill(position, -1);
    }

    public int Count => count;

    /// <summary>Time of the earliest drain (only when <see cref="Count"/> &gt; 0).</summary>
    public double TopTime => time[heap[0]];

    /// <summary>Order key of the earliest drain (only when <see cref="Count"/> &gt; 0).</summary>
    public long TopOrder => order[heap[0]];

    public void Clear()
    {
        for (var i = 0; i < count; i++)
        {
            position[heap[i]] = -1;
        }

        count = 0;
    }

    /// <summary>Sets (or replaces) the drain of <paramref name="link"/>.</summary>
    public void Set(int link, double at, long key)
    {
        var i = position[link];
        if (i < 0)
        {
            i = count++;
            heap[i] = link;
            position[link] = i;
        }

        time[link] = at;
        order[link] = key;
        SiftUp(i);
        SiftDown(position[link]);
    }

    /// <summary>Removes the drain of <paramref name="link"/>, if any.</summary>
    public void Remove(int link)
    {
        var i = position[link];
        if (i < 0)
        {
            return;
        }

        position[link] = -1;
        var last = heap[--count];
        if (i == count)
        {
            return;
        }

        heap[i] = last;
        position[last] = i;
        SiftUp(i);
        SiftDown(position[last]);
    }

    /// <summary>Takes the earliest drain out.</summary>
    public int Pop(out double at, out long key)
    {
        var link = heap[0];
        at = time[link];
        key = order[link];
        Remove(link);
        return link;
    }

    private bool Less(int a, int b) => EventQueue<EngineEvent>.Before(time[a], order[a], time[b], order[b]);

    private void SiftUp(int i)
    {
        var link = heap[i];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(link, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            position[heap[i]] = i;
            i = parent;
        }

        heap[i] = link;
        position[link] = i;
    }

    private void SiftDown(int i)
    {
        var link = heap[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Less(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Less(heap[child], link))
            {
                break;
            }

            heap[i] = heap[child];
            position[heap[i]] = i;
            i = child;
        }

        heap[i] = link;
        position[link] = i;
    }
}
