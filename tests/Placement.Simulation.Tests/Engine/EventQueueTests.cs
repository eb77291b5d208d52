using FsCheck;
using FsCheck.Fluent;
using Placement.Simulation.Engine;

namespace Placement.Simulation.Tests.Engine;

public sealed class EventQueueTests
{
    [Fact]
    public void TryDequeue_SameTime_OrdersByPriorityThenInsertion()
    {
        var q = new EventQueue<string>();
        q.Schedule(5, 1, "b1");
        q.Schedule(5, 0, "a");
        q.Schedule(1, 9, "first");
        q.Schedule(5, 1, "b2");
        var order = new List<string>();
        while (q.TryDequeue(out _, out _, out var item))
        {
            order.Add(item);
        }

        Assert.Equal(["first", "a", "b1", "b2"], order);
        Assert.Equal(5, q.Now);
    }

    [Fact]
    public void Schedule_BeforeNow_Throws()
    {
        var q = new EventQueue<int>();
        q.Schedule(3, 0, 1);
        q.TryDequeue(out _, out _, out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Schedule(2.5, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Schedule(double.NaN, 0, 2));
    }

    [Fact]
    public void TryDequeue_AnyInsertions_ComeOutSortedByTimePriorityInsertion()
    {
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(0, 20).Zip(Gen.Choose(0, 3))).ToArbitrary(),
            items =>
            {
                var q = new EventQueue<int>();
                var list = items.ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    q.Schedule(list[i].Item1, list[i].Item2, i);
                }

                var got = new List<int>();
                while (q.TryDequeue(out _, out _, out var i))
                {
                    got.Add(i);
                }

                var expected = Enumerable.Range(0, list.Count).OrderBy(i => list[i].Item1).ThenBy(i => list[i].Item2).ThenBy(i => i).ToList();
                return got.SequenceEqual(expected);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryPeekKey_AnyInsertions_NamesTheEventTryDequeueTakes()
    {
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(0, 5).Zip(Gen.Choose(0, 3))).ToArbitrary(),
            items =>
            {
                var q = new EventQueue<int>();
                var list = items.ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    // Half are scheduled after a dequeue, so some land at the current time (the O(1) lanes).
                    q.Schedule(q.Now + list[i].Item1, list[i].Item2, i);
                    if (i % 2 == 1 && q.TryPeekKey(out var peekTime, out var peekOrder))
                    {
                        q.TryDequeue(out var time, out var seq, out _);
                        if (time != peekTime || seq != EventQueue<int>.SequenceOf(peekOrder) || (int)(peekOrder >> 56) != list[(int)seq].Item2)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ReserveKey_BetweenSchedules_TakesASequenceNumberAndAdvanceToMovesTheClock()
    {
        var q = new EventQueue<string>();
        Assert.Equal(0, q.Schedule(2, 0, "a"));
        var key = q.ReserveKey(1);
        Assert.Equal(1, EventQueue<string>.SequenceOf(key));
        Assert.Equal(2, q.Schedule(4, 0, "b"));
        q.AdvanceTo(1);
        Assert.Equal(1, q.Now);
        Assert.Throws<ArgumentOutOfRangeException>(() => q.AdvanceTo(0.5));
        Assert.True(EventQueue<string>.Before(1, key, 2, 0));
    }
}
