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
}
