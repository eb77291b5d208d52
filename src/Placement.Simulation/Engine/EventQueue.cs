namespace Placement.Simulation.Engine;

/// <summary>
/// The simulator's single event queue: a binary min-heap ordered by (time, priority, insertion sequence). Two
/// events at the same time and priority come out in the order they were scheduled, so a run never depends on
/// heap internals. Times are simulated seconds; the queue keeps <see cref="Now"/>, the time of the last event
/// taken out, and refuses to schedule into the past.
/// </summary>
/// <typeparam name="T">Event payload.</typeparam>
public sealed class EventQueue<T>
{
    /// <summary>Largest priority accepted.</summary>
    public const int MaxPriority = 127;

    private const long SequenceMask = (1L << 56) - 1;

    private Entry[] heap = new Entry[64];
    private int count;
    private long sequence;

    /// <summary>Simulated seconds of the last event dequeued (0 before the first).</summary>
    public double Now { get; private set; }

    /// <summary>Events waiting.</summary>
    public int Count => count;

    /// <summary>Schedules <paramref name="item"/> at <paramref name="time"/> (not before <see cref="Now"/>); lower priorities go first at equal times.</summary>
    /// <returns>The insertion sequence number given to the event.</returns>
    public long Schedule(double time, int priority, T item)
    {
        if (!(time >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(time), $"Cannot schedule at {time} s, before now ({Now} s).");
        }

        if ((uint)priority > MaxPriority)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), $"Priorities are 0 to {MaxPriority}.");
        }

        if (count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        // Priority and sequence packed in one key: one comparison orders both (sequence stays below 2^56).
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
        return entry.Order & SequenceMask;
    }

    /// <summary>Takes the earliest event out and advances <see cref="Now"/> to its time.</summary>
    public bool TryDequeue(out double time, out long sequenceNumber, out T item)
    {
        if (count == 0)
        {
            time = Now;
            sequenceNumber = -1;
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
        sequenceNumber = top.Order & SequenceMask;
        item = top.Item;
        return true;
    }

    private static bool Less(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private readonly record struct Entry(double Time, long Order, T Item);
}
