using Placement.Execution.Activities;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Activities;

public class MoveActivityTests
{
    [Fact]
    public async Task RunAsync_SameMoveTwice_CopiesOnceAndReturnsTheJournaledTransfer()
    {
        using var kit = new ActivityKit("move-once");
        var sha = await kit.PutAsync(ActivityKit.Aws, "s/raw", new byte[300]);
        var mover = new MoveActivity(kit.Services);
        var request = new MoveRequest("r1", "raw", ActivityKit.Aws, ActivityKit.Gcp, "s/raw", null, sha);
        var first = await mover.RunAsync(request, default);
        var second = await mover.RunAsync(request, default);
        Assert.Equal(first, second);
        Assert.Equal(300, first.Bytes);
        Assert.Equal(sha, first.Sha256);
        var staged = await ContentHash.OfObjectAsync(kit.Storage.For(ActivityKit.Gcp), ActivityKit.Gcp, "s/raw", default);
        Assert.Equal((sha, 300L), staged);
        Assert.Single(kit.Journal.Transfers("r1"));
    }

    [Fact]
    public async Task RunAsync_StagedCopyLost_MovesAgain()
    {
        using var kit = new ActivityKit("move-lost");
        var sha = await kit.PutAsync(ActivityKit.Aws, "s/raw", [1, 2, 3, 4]);
        var mover = new MoveActivity(kit.Services);
        var request = new MoveRequest("r1", "raw", ActivityKit.Aws, ActivityKit.Gcp, "s/raw", 2, sha);
        var first = await mover.RunAsync(request, default);
        Assert.Equal(2, first.Bytes);
        Assert.Equal("stream", first.Mode);
        await kit.Storage.For(ActivityKit.Gcp).DeleteAsync(ActivityKit.Gcp, "s/raw", default);
        var again = await mover.RunAsync(request, default);
        Assert.NotEqual(first.StartedAt, again.StartedAt);
        Assert.Equal(2L, await kit.Storage.For(ActivityKit.Gcp).SizeAsync(ActivityKit.Gcp, "s/raw", default));
    }
}
