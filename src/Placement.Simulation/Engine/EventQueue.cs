using System.Numerics;
using System.Runtime.CompilerServices;

namespace Placement.Simulation.Engine;

/// <summary>
/// The simulator's single event queue, ordered by (time, priority, insertion sequence). Two events at the same time
/// and priority come out in the order they were scheduled, so a run never depends on queue internals. Times are
/// simulated seconds; the queue keeps <see cref="Now"/>, the time of the last event taken out, and refuses to
/// schedule into the past.
/// <para>
/// Two parts give that one order. Most events of a simulation happen "now" (a finished transfer readies a task, which
/// queues, which starts): an event scheduled exactly at <see cref="Now"/> goes into a FIFO lane of its priority, O(1)
/// in and out. Every other event goes into a 4-ary min-heap (shallower than a binary heap, its four children in one or
/// two cache lines). Taking out compares the heap's top with the head of the lowest non-empty lane; lanes only ever
/// hold events at <see cref="Now"/>, and are empty whenever the clock moves on.
/// </para>
/// </summary>
/// <typeparam name="T">Event payload.</typeparam>
public sealed class EventQueue<T>
{
    /// <summary>Largest priority accepted.</summary>
    public const int MaxPriority = 127;

    private const long SequenceMask = (1L << 56) - 1;

    private readonly Lane?[] lanes = new Lane?[MaxPriority + 1];
    private Node[] heap = new Node[64];
    private int count;
    private int laneCount;
    private ulong laneMaskLow;
    private ulong laneMaskHigh;
    private long sequence;

    /// <summary>Simulated seconds of the last event dequeued (0 before the first).</summary>
    public double Now { get; private set; }

    /// <summary>Events waiting.</summary>
    public int Count => count + laneCount;

    /// <summary>Empties the queue and sets the clock and the sequence back to 0, keeping its storage (for reuse across replicas).</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(heap, 0, count);
        }

        foreach (var lane in lanes)
        {
            lane?.Clear();
        }

        count = 0;
        laneCount = 0;
        laneMaskLow = 0;
        laneMaskHigh = 0;
        sequence = 0;
        Now = 0;
    }

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

        // Priority and sequence packed in one key: one comparison orders both (sequence stays below 2^56).
        var seq = sequence++;
        var entry = new Entry(time, ((long)priority << 56) | seq);
        if (time == Now)
        {
            var lane = lanes[priority] ??= new Lane();
            lane.Enqueue(entry, item);
            laneCount++;
            if (priority < 64)
            {
                laneMaskLow |= 1UL << priority;
            }
            else
            {
                laneMaskHigh |= 1UL << (priority - 64);
            }

            return seq;
        }

        Push(entry, item);
        return seq;
    }

    /// <summary>
    /// Time and packed order key ((priority &lt;&lt; 56) | sequence) of the event <see cref="TryDequeue"/> would take, for a
    /// caller that keeps a few timers of its own beside the queue (<see cref="ReserveKey"/>) and takes the earlier.
    /// </summary>
    internal bool TryPeekKey(out double time, out long order)
    {
        if (laneCount > 0)
        {
            var priority = laneMaskLow != 0 ? BitOperations.TrailingZeroCount(laneMaskLow) : 64 + BitOperations.TrailingZeroCount(laneMaskHigh);
            ref readonly var head = ref lanes[priority]!.Head;
            var key = count == 0 || !Less(heap[0].Key, head) ? head : heap[0].Key;
            time = key.Time;
            order = key.Order;
            return true;
        }

        if (count == 0)
        {
            time = Now;
            order = -1;
            return false;
        }

        time = heap[0].Key.Time;
        order = heap[0].Key.Order;
        return true;
    }

    /// <summary>Gives the next insertion sequence to an event the caller keeps outside the queue, as its packed order key.</summary>
    internal long ReserveKey(int priority) => ((long)priority << 56) | sequence++;

    /// <summary>Moves the clock to an event the caller took from its own timers (not before <see cref="Now"/>).</summary>
    internal void AdvanceTo(double time)
    {
        if (!(time >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(time), $"Cannot move the clock back to {time} s from {Now} s.");
        }

        Now = time;
    }

    /// <summary>Sequence number of a packed order key.</summary>
    internal static long SequenceOf(long order) => order & SequenceMask;

    /// <summary>True when (time a, order a) comes before (time b, order b).</summary>
    internal static bool Before(double timeA, long orderA, double timeB, long orderB) => timeA < timeB || (timeA == timeB && orderA < orderB);

    /// <summary>Takes the earliest event out and advances <see cref="Now"/> to its time.</summary>
    public bool TryDequeue(out double time, out long sequenceNumber, out T item)
    {
        if (laneCount > 0)
        {
            var priority = laneMaskLow != 0 ? BitOperations.TrailingZeroCount(laneMaskLow) : 64 + BitOperations.TrailingZeroCount(laneMaskHigh);
            var lane = lanes[priority]!;
            ref readonly var head = ref lane.Head;
            if (count == 0 || !Less(heap[0].Key, head))
            {
                var key = lane.Dequeue(out item);
                laneCount--;
                if (lane.Count == 0)
                {
                    if (priority < 64)
                    {
                        laneMaskLow &= ~(1UL << priority);
                    }
                    else
                    {
                        laneMaskHigh &= ~(1UL << (priority - 64));
                    }
                }

                time = key.Time;
                sequenceNumber = key.Order & SequenceMask;
                return true;
            }
        }

        if (count == 0)
        {
            time = Now;
            sequenceNumber = -1;
            item = default!;
            return false;
        }

        var top = Pop(out item);
        Now = top.Time;
        time = top.Time;
        sequenceNumber = top.Order & SequenceMask;
        return true;
    }

    private void Push(Entry key, T item)
    {
        if (count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        var h = heap;
        var i = count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (!Less(key, h[parent].Key))
            {
                break;
            }

            h[i] = h[parent];
            i = parent;
        }

        h[i] = new Node(key, item);
    }

    private Entry Pop(out T item)
    {
        var h = heap;
        var top = h[0];
        var last = h[--count];
        h[count] = default;
        var n = count;
        if (n > 0)
        {
            var i = 0;
            while (true)
            {
                var first = (4 * i) + 1;
                if (first >= n)
                {
                    break;
                }

                // The smallest of up to four children.
                var best = first;
                var end = Math.Min(first + 4, n);
                for (var c = first + 1; c < end; c++)
                {
                    if (Less(h[c].Key, h[best].Key))
                    {
                        best = c;
                    }
                }

                if (!Less(h[best].Key, last.Key))
                {
                    break;
                }

                h[i] = h[best];
                i = best;
            }

            h[i] = last;
        }

        item = top.Item;
        return top.Key;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private readonly record struct Entry(double Time, long Order);

    private readonly record struct Node(Entry Key, T Item);

    /// <summary>FIFO of the events scheduled at <see cref="Now"/> with one priority: a growable ring.</summary>
    private sealed class Lane
    {
        private Entry[] keys = new Entry[16];
        private T[] items = new T[16];
        private int head;

        public int Count { get; private set; }

        public ref readonly Entry Head => ref keys[head];

        public void Enqueue(Entry key, T item)
        {
            if (Count == keys.Length)
            {
                Grow();
            }

            var tail = (head + Count) & (keys.Length - 1);
            keys[tail] = key;
            items[tail] = item;
            Count++;
        }

        public Entry Dequeue(out T item)
        {
            var key = keys[head];
            item = items[head];
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                items[head] = default!;
            }

            head = (head + 1) & (keys.Length - 1);
            Count--;
            return key;
        }

        public void Clear()
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(items);
            }

            head = 0;
            Count = 0;
        }

        private void Grow()
        {
            var k = new Entry[keys.Length * 2];
            var t = new T[keys.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                k[i] = keys[(head + i) & (keys.Length - 1)];
                t[i] = items[(head + i) & (keys.Length - 1)];
            }

            keys = k;
            items = t;
            head = 0;
        }
    }
}
