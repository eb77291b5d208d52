using Placement.Execution.Temporal.Scheduling;

namespace Placement.Execution.Temporal.Tests.Scheduling;

public sealed class ReadyLoopTests
{
    // 0 -> 1, 0 -> 2, 1 + 2 -> 3, 4 alone.
    private static ReadyLoop Diamond() => new([[], [0], [0], [1, 2], []]);

    [Fact]
    public void TakeReady_HandsOutNewlyReadyStepsInPlanOrderOnce()
    {
        var loop = Diamond();
        Assert.Equal([0, 4], loop.TakeReady());
        Assert.Empty(loop.TakeReady());
        loop.Succeeded(0);
        Assert.Equal([1, 2], loop.TakeReady());
        loop.Succeeded(2);
        Assert.Empty(loop.TakeReady());
        loop.Succeeded(1);
        Assert.Equal([3], loop.TakeReady());
    }

    [Fact]
    public void Failed_StopsOnlyDescendants()
    {
        var loop = Diamond();
        loop.TakeReady();
        loop.Succeeded(0);
        loop.TakeReady();
        Assert.Equal([3], loop.Failed(1));
        loop.Succeeded(2);
        loop.Succeeded(4);
        Assert.Empty(loop.TakeReady());
        Assert.True(loop.Finished);
        Assert.Equal(StepState.Stopped, loop.StateOf(3));
        Assert.Equal(StepState.Succeeded, loop.StateOf(2));
    }

    [Fact]
    public void StopWaiting_NothingNewStarts_RunningStepsStillEnd()
    {
        var loop = Diamond();
        loop.TakeReady();
        loop.StopWaiting();
        loop.Succeeded(0);
        Assert.Empty(loop.TakeReady());
        Assert.Equal(StepState.Stopped, loop.StateOf(1));
    }

    [Fact]
    public void Create_StepWaitingForALaterOne_Refused() => Assert.Throws<ArgumentException>(() => new ReadyLoop([[1], []]));

    [Fact]
    public void Succeeded_StepNotRunning_Refused() => Assert.Throws<InvalidOperationException>(() => Diamond().Succeeded(3));
}
