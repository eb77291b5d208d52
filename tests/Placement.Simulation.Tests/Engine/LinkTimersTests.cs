using FsCheck;
using FsCheck.Fluent;
using Placement.Simulation.Engine;

namespace Placement.Simulation.Tests.Engine;

public sealed class LinkTimersTests
{
    [Fact]
    public void Pop_AfterSetsReplacementsAndRemovals_TakesEachLinksLatestDrainInOrder()
    {
        var timers = new LinkTimers(4);
        timers.Set(0, 5, 10);
        timers.Set(1, 3, 11);
        timers.Set(2, 3, 9);
        timers.Set(1, 7, 12); // replaces link 1's drain at 3
        timers.Set(3, 1, 13);
        timers.Remove(3);
        timers.Remove(3); // nothing left to remove
        var order = new List<(int Link, double Time)>();
        while (timers.Count > 0)
        {
            var link = timers.Pop(out var at, out _);
            order.Add((link, at));
        }

        Assert.Equal([(2, 3.0), (0, 5.0), (1, 7.0)], order);
    }

    [Fact]
    public void Pop_AnyOperations_AgreesWithALinearScanOfTheLatestDrains()
    {
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(0, 5).Zip(Gen.Choose(-1, 30))).ToArbitrary(),
            ops =>
            {
                var timers = new LinkTimers(6);
                var expected = new Dictionary<int, (double Time, long Order)>();
                long key = 0;
                foreach (var (link, time) in ops)
                {
                    if (time < 0)
                    {
                        timers.Remove(link);
                        expected.Remove(link);
                    }
                    else
                    {
                        timers.Set(link, time, key);
                        expected[link] = (time, key++);
                    }
                }

                var got = new List<int>();
                while (timers.Count > 0)
                {
                    got.Add(timers.Pop(out _, out _));
                }

                return got.SequenceEqual(expected.OrderBy(p => p.Value.Time).ThenBy(p => p.Value.Order).Select(p => p.Key));
            }).QuickCheckThrowOnFailure();
    }
}
