using Placement.Execution.Temporal.Workflows;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>Histories the simulated server writes replay against the workflow code, activity for activity, queue for queue.</summary>
public sealed class SimulatedReplayTests
{
    private static RunInput FanOut(string runId)
    {
        var (graph, plan) = TestPlans.FanOutPlan();
        return Replays.Input(graph, plan, runId);
    }

    [Fact]
    public async Task Replay_VideoPipelineBatch_Succeeds()
    {
        var (graph, plan, _, _) = Replays.VideoPipeline();
        var server = new SimulatedServer(Replays.Input(graph, plan, "run-video"));
        var history = server.Run();
        var check = await Replays.ReplayOkAsync(history);
        Assert.Equal(server.Scheduled, check.Scheduled.Select(s => s.ActivityId));
    }

    [Fact]
    public void Steps_FanOut_OneTransferPerItemAndDestination_BeforeItsFirstConsumer()
    {
        var steps = FanOut("r").Steps;
        Assert.Equal(["prep", "transfer/prep/gcp/us-west1", "a", "b", "c", "d", "transfer/d/gcp/us-west1", "join"], steps.Select(s => s.Key));
        Assert.All(steps.Where(s => s.Kind == StepKind.Transfer), t => Assert.Equal(TaskQueues.ForLocation(t.Location), t.TaskQueue));
        var transfer = steps.ToList().FindIndex(s => s.Key == "transfer/prep/gcp/us-west1");
        Assert.All(steps.Where(s => s.Key is "a" or "b" or "c"), s => Assert.Contains(transfer, s.After));
    }

    [Fact]
    public async Task Replay_FanOutInterleaved_Succeeds()
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            var server = new SimulatedServer(FanOut("run-fan"), delivery: new InterleavedDelivery(seed));
            var check = await Replays.ReplayOkAsync(server.Run());
            Assert.Equal(server.Scheduled, check.Scheduled.Select(s => s.ActivityId));
        }
    }

    [Fact]
    public async Task Replay_PrimaryFailsThenFallbackSucceeds_SchedulesTheFallbackActivity()
    {
        var server = new SimulatedServer(FanOut("run-fb"), id => id == "run-fb/a" ? new ActivityEnd.Fails("command exited with code 1", Attempts: 2) : new ActivityEnd.Completes());
        var history = server.Run();
        var check = await Replays.ReplayOkAsync(history);
        Assert.Contains(check.Scheduled, s => s.ActivityId == "run-fb/a#fallback" && s.Type == ActivityNames.Fallback && s.TaskQueue == "placement-gcp-us-west1");
        Assert.Contains("run-fb/join", server.Scheduled);
        Assert.Equal("succeeded", server.Outcome.Status);
    }

    [Fact]
    public async Task Replay_FailureStopsDescendantsOnly_OtherBranchesFinish()
    {
        // b fails for good (no fallback): join (its descendant) never runs; a, c and d finish.
        var server = new SimulatedServer(FanOut("run-stop"), id => id == "run-stop/b" ? new ActivityEnd.Fails("boom", Permanent: true) : new ActivityEnd.Completes(), new InterleavedDelivery(7));
        var history = server.Run();
        var check = await Replays.ReplayOkAsync(history);
        var ids = check.Scheduled.Select(s => s.ActivityId).ToList();
        Assert.DoesNotContain("run-stop/join", ids);
        Assert.DoesNotContain("run-stop/transfer/d/gcp/us-west1", ids.Where(_ => false));
        Assert.Contains("run-stop/c", ids);
        Assert.Contains("run-stop/d", ids);
        Assert.Contains("run-stop/record", ids);
        Assert.Equal("failed", server.Outcome.Status);
    }

    [Fact]
    public async Task Replay_CancelledMidRun_CancelsInFlightAndStillRecords()
    {
        var server = new SimulatedServer(FanOut("run-cancel"), cancelAfterRound: 3);
        var history = server.Run();
        var check = await Replays.ReplayOkAsync(history);
        var ids = check.Scheduled.Select(s => s.ActivityId).ToList();
        Assert.Contains("run-cancel/record", ids);
        Assert.DoesNotContain("run-cancel/join", ids);
        Assert.Contains(history.Events, e => e.EventType == Temporalio.Api.Enums.V1.EventType.ActivityTaskCancelRequested);
        Assert.Equal("cancelled", server.Outcome.Status);
    }
}
