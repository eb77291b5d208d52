using Placement.Execution.Activities;
using Placement.Execution.Journal;
using Placement.Execution.Ports;

namespace Placement.Execution.Tests.Activities;

public class ReuseActivityTests
{
    private static CommitRow Row(string run, string sha, string key = "s/a") =>
        new(run, "a", $"{run}/a", "aws/us-east-1", "aws/us-east-1", key, "file:///x", 3, sha, "ck", NodeCommitKind.Ran, 1, DateTimeOffset.UnixEpoch, 1, 0, 0);

    [Fact]
    public async Task KeptAsync_IntactThenCorrupted_KeepsThenInvalidates()
    {
        using var kit = new ActivityKit("reuse-kept");
        var sha = await kit.PutAsync(ActivityKit.Aws, "s/a", [1, 2, 3]);
        kit.Journal.TryCommit(Row("r1", sha));
        var reuse = new ReuseActivity(kit.Services);
        Assert.Equal(sha, (await reuse.KeptAsync("r1", "a", default))!.Sha256);
        await kit.PutAsync(ActivityKit.Aws, "s/a", [9]);
        Assert.Null(await reuse.KeptAsync("r1", "a", default));
        Assert.Null(kit.Journal.Commit("r1", "a"));
    }

    [Fact]
    public async Task CachedAsync_OtherRunsIntactOutput_CommittedAsCachedUnderThisRun()
    {
        using var kit = new ActivityKit("reuse-cache");
        var sha = await kit.PutAsync(ActivityKit.Aws, "s/a", [1, 2, 3]);
        kit.Journal.TryCommit(Row("r1", sha));
        var reuse = new ReuseActivity(kit.Services);
        var request = new ReuseRequest("r2", "a", ActivityKit.Aws, ActivityKit.Aws, "s/a", "file:///x", "ck", DateTimeOffset.UnixEpoch);
        var hit = await reuse.CachedAsync(request, default);
        Assert.Equal((NodeCommitKind.Cached, sha, "r2/a"), (hit!.Kind, hit.Sha256, hit.IdempotencyKey));
        Assert.Null(await reuse.CachedAsync(request with { RunId = "r3", CacheKey = null }, default));
        Assert.Null(await reuse.CachedAsync(request with { RunId = "r3", CacheKey = "other" }, default));
    }
}
