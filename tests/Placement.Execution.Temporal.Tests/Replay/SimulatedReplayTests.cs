using Placement.Execution.Temporal.Workflows;

namespace Placement.Execution.Temporal.Tests.Replay;

public sealed class SimulatedReplayTests
{
    [Fact]
    public async Task Replay_VideoPipelineBatch_Succeeds()
    {
        var (graph, plan, _, _) = Replays.VideoPipeline();
        var server = new SimulatedServer(Replays.Input(graph, plan, "run-video"));
        var history = server.Run();
        var check = await Replays.ReplayOkAsync(history);
        Assert.Equal(server.Scheduled, check.Scheduled.Select(s => s.ActivityId));
    }
}
