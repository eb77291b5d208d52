using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Model;
using Placement.Execution.Scheduling;

namespace Placement.Execution.Tests.Scheduling;

/// <summary>The shared scheduling rules: readiness, plan order, moves before consumers, failures blocking descendants only.</summary>
public class RunScheduleTests
{
    private static readonly ConcurrencyLimits Wide = new(100, 100, new Dictionary<string, int>());

    /// <summary>Drives a tracker to the end with a seeded order of completions; returns the start order.</summary>
    private static List<string> Drive(RunSchedule schedule, ScheduleTracker tracker, ConcurrencyLimits limits, Random random, ISet<string> toFail)
    {
        var started = new List<string>();
        while (!tracker.IsFinished)
        {
            foreach (var n in tracker.Startable(limits))
            {
                Assert.All(schedule.Parents(n), p => Assert.Contains(p, tracker.Completed));
                tracker.Start(n);
                started.Add(n);
                Assert.True(tracker.Running.Count <= limits.Overall);
                Assert.All(tracker.RunningAt, p => Assert.True(p.Value <= limits.At(p.Key)));
            }

            var running = tracker.Running.OrderBy(schedule.IndexOf).ToList();
            var done = running[random.Next(running.Count)];
            if (toFail.Contains(done))
            {
                tracker.Fail(done);
            }
            else
            {
                tracker.Complete(done);
            }

            var notRunning = tracker.Running.ToHashSet(StringComparer.Ordinal);
            Assert.Equal(schedule.Ready(tracker.Completed, tracker.Failed, notRunning), tracker.Ready);
        }

        return started;
    }

    [Fact]
    public void Tracker_RandomPlansAndCompletionOrders_ReadyEqualsTheSchedulesRuleAndEveryNodeRunsOnceAfterItsParents()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (graph, plan) = RandomPlans.Make(seed);
            var schedule = new RunSchedule(graph, plan);
            var limits = new ConcurrencyLimits(3, 2, new Dictionary<string, int> { ["gcp/us-west1"] = 1 });
            var started = Drive(schedule, new ScheduleTracker(schedule), limits, new Random(seed), new HashSet<string>());
            Assert.Equal(schedule.Order.Order(StringComparer.Ordinal), started.Order(StringComparer.Ordinal));
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Tracker_OneNodeFails_OnlyItsDescendantsAreLeftAndBlockedNamesThem()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (graph, plan) = RandomPlans.Make(seed);
            var schedule = new RunSchedule(graph, plan);
            var victim = schedule.Order[new Random(seed).Next(schedule.Order.Count)];
            var tracker = new ScheduleTracker(schedule);
            Drive(schedule, tracker, Wide, new Random(seed), new HashSet<string> { victim });
            var descendants = schedule.Downstream(victim).Skip(1).ToList();
            Assert.Equal(descendants, schedule.Blocked(tracker.Failed));
            Assert.Equal(schedule.Order.Where(n => n != victim && !descendants.Contains(n)), schedule.Order.Where(tracker.Completed.Contains));
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Ready_SameInputsTwice_SameListsInPlanOrder()
    {
        var (graph, plan) = RandomPlans.Make(7, maxNodes: 20);
        var a = new RunSchedule(graph, plan);
        var b = new RunSchedule(graph, plan);
        var none = new HashSet<string>();
        Assert.Equal(a.Order, b.Order);
        Assert.Equal(a.Ready(none, none, none), b.Ready(none, none, none));
        Assert.Equal(a.Ready(none, none, none), a.Ready(none, none, none).OrderBy(a.IndexOf));
        Assert.Equal(a.Moves, b.Moves);
    }

    [Fact]
    public void Moves_SpreadPlan_OnePerItemAndDestinationExactlyAsThePlanWithStagedOnlyWhereConsumersHaveStorage()
    {
        var (_, graph) = TestKit.Scenario(TestKit.TempFolder("sched-spread"), Scenarios.Spread);
        var plan = TestKit.PlanFor(graph, Scenarios.SpreadPlacement);
        var schedule = new RunSchedule(graph, plan);
        var planned = plan.Cost.Transfers.Where(t => !t.IsRouteBack).Select(t => (t.Data, t.To)).Order().ToList();
        Assert.Equal(planned, schedule.Moves.Select(m => (m.Data, m.To)).Order().ToList());
        Assert.Equal(planned.Count, planned.Distinct().Count());

        // raw and a move to gcp once, read by b and c there; d is streamed to the LLM (no storage), nothing staged first.
        var gcp = Location.Parse("gcp/us-west1");
        Assert.Equal(["raw", "a"], schedule.MovesBefore("b").Select(m => m.Data));
        Assert.All(schedule.MovesBefore("b"), m => Assert.Equal(gcp, m.To));
        Assert.Same(schedule.Move("a", gcp), schedule.MovesBefore("c").Single(m => m.Data == "a"));
        Assert.Empty(schedule.MovesBefore("e"));
        var streamed = Assert.Single(schedule.Inputs("e"));
        Assert.False(streamed.IsLocal);
        Assert.False(streamed.Move!.Staged);
        Assert.Equal("r1/transfer/a/gcp/us-west1", schedule.Move("a", gcp)!.ActivityId("r1"));
    }

    [Fact]
    public void Complete_NodeNotRunning_Throws()
    {
        var (graph, plan) = RandomPlans.Make(3);
        var tracker = new ScheduleTracker(new RunSchedule(graph, plan));
        Assert.Throws<InvalidOperationException>(() => tracker.Complete(graph.TopologicalOrder[0]));
    }
}
