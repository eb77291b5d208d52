namespace Placement.Bench;

/// <summary>
/// The simulator bench's fixed baseline: a copy of the binary min-heap the simulator's event queue was before issue 13
/// (ordered by time, then a packed priority and insertion sequence). It is frozen here so that the ratio simulator /
/// baseline compares runs before and after changes to the simulator's own queue; do not optimise it.
/// </summary>
/// <typeparam name="T">Payload.</typeparam>
internal sealed class FrozenBinaryHeap<T>
{
    private Entry[] heap = new Entry[64];
    private int count;
    private long sequence;

    public double Now { get; private set; }

    public void Schedule(double time, int priority, T item)
    {
        if (!(time >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(time));
        }

        if (count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        var entry = new Entry(time, ((long)priority << 56) | sequence++, item);
        var i = count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(entry, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = entry;
    }

    public bool TryDequeue(out double time, out T item)
    {
        if (count == 0)
        {
            time = Now;
            item = default!;
            return false;
        }

        var top = heap[0];
        var last = heap[--count];
        heap[count] = default;
        if (count > 0)
        {
            var i = 0;
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

                if (!Less(heap[child], last))
                {
                    break;
                }

                heap[i] = heap[child];
                i = child;
            }

            heap[i] = last;
        }

        Now = top.Time;
        time = top.Time;
        item = top.Item;
        return true;
    }

    private static bool Less(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private readonly record struct Entry(double Time, long Order, T Item);
}
