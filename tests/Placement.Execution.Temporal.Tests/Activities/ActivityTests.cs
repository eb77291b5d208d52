using Placement.Execution.Records;
using Placement.Execution.Storage;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Exceptions;

namespace Placement.Execution.Temporal.Tests.Activities;

/// <summary>The worker's activities through <c>ActivityEnvironment</c>, against local folders (no server of any kind).</summary>
public sealed class ActivityTests
{
    [Fact]
    public async Task NodeActivity_LocalFolders_OutputLandsInItsLocationsBucketWithItsHash()
    {
        using var run = new ActivityRun();
        var datasets = await run.DatasetsAsync();
        Assert.Empty(datasets.Problems);
        var commit = await run.NodeAsync("prep", datasets.Hashes);
        Assert.Equal("aws/us-east-1", commit.StorageHome);
        Assert.Equal("ran", commit.Kind);
        Assert.Equal(5000, commit.Bytes);
        Assert.Equal(await run.ObjectHashAsync(commit.ObjectKey, "aws/us-east-1"), commit.Sha256);
        Assert.Equal($"temporal-acts/runs/{run.Ref.RunId}/prep", commit.ObjectKey);
        Assert.Equal(datasets.Hashes["raw"], commit.Sha256);
        Assert.StartsWith("file://", commit.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeActivity_RetriedAfterItCommitted_ReturnsThatCommitAndNeverCommitsTwice()
    {
        using var run = new ActivityRun();
        var datasets = await run.DatasetsAsync();
        var first = await run.NodeAsync("prep", datasets.Hashes);

        // Temporal retries the activity (its worker died before reporting the result): attempt 2.
        var again = await run.NodeAsync("prep", datasets.Hashes, attempt: 2);
        Assert.Equal(first.Sha256, again.Sha256);
        Assert.Equal(1, run.PrepRuns);
        Assert.Equal(1, run.Services.Journal.CommitCount(Ports.IdempotencyKeys.Node(run.Ref.RunId, "prep")));
    }

    [Fact]
    public async Task TransferActivity_StagesOncePerDestination_AndTheConsumerReadsTheStagedCopy()
    {
        using var run = new ActivityRun();
        var datasets = await run.DatasetsAsync();
        var prep = await run.NodeAsync("prep", datasets.Hashes);
        var input = new TransferActivityInput(run.Ref, "prep", "aws/us-east-1", "gcp/us-west1", prep.Sha256, prep.ObjectKey);
        var env = ActivityRun.Env(TaskQueues.ForLocation("gcp/us-west1"), $"{run.Ref.RunId}/transfer/prep/gcp/us-west1");
        var move = await env.RunAsync(() => run.Activities.TransferAsync(input));
        Assert.Equal(("prep", "aws/us-east-1", "gcp/us-west1", 5000L), (move.Data, move.From, move.To, move.Bytes));
        Assert.Equal(prep.Sha256, await run.ObjectHashAsync(prep.ObjectKey, "gcp/us-west1"));

        // A retried transfer finds the staged copy intact and does not move it again.
        var again = await ActivityRun.Env(TaskQueues.ForLocation("gcp/us-west1"), env.Info.ActivityId, attempt: 2).RunAsync(() => run.Activities.TransferAsync(input));
        Assert.Equal(move.EndedAt, again.EndedAt);
        var hashes = new Dictionary<string, string>(datasets.Hashes) { ["prep"] = prep.Sha256 };
        var use = await run.NodeAsync("use", hashes, keys: new Dictionary<string, string> { ["prep"] = prep.ObjectKey });
        Assert.Equal("gcp/us-west1", use.StorageHome);
        Assert.Equal(prep.Sha256, use.Sha256);
    }

    [Fact]
    public async Task NodeActivity_LongCommand_Heartbeats()
    {
        using var run = new ActivityRun();
        var datasets = await run.DatasetsAsync();
        var beats = 0;
        var env = ActivityRun.Env(TaskQueues.ForLocation("aws/us-east-1"), $"{run.Ref.RunId}/slow", heartbeatSeconds: 0.6) with { Heartbeater = _ => Interlocked.Increment(ref beats) };
        var commit = await env.RunAsync(() => run.Activities.NodeAsync(new NodeActivityInput(run.Ref, "slow", false, datasets.Hashes)));
        Assert.Equal("ran", commit.Kind);

        // A 4-second command with a 0.6 s heartbeat timeout beats every 0.2 s.
        Assert.True(beats >= 5, $"{beats} heartbeats");
    }

    [Fact]
    public async Task NodeActivity_Cancelled_StopsTheCommandAndCommitsNothing()
    {
        using var run = new ActivityRun();
        var datasets = await run.DatasetsAsync();
        var env = ActivityRun.Env(TaskQueues.ForLocation("aws/us-east-1"), $"{run.Ref.RunId}/slow");
        var started = DateTime.UtcNow;
        var task = env.RunAsync(() => run.Activities.NodeAsync(new NodeActivityInput(run.Ref, "slow", false, datasets.Hashes)));
        await Task.Delay(500);
        env.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3.5), "the command was not stopped");
        Assert.Null(run.Services.Journal.Commit(run.Ref.RunId, "slow"));
        Assert.Equal("cancelled", run.Services.Journal.Attempts(run.Ref.RunId).Single(a => a.Node == "slow").Status);
    }

    [Fact]
    public async Task NodeActivity_PermanentFailure_IsNonRetryable()
    {
        using var run = new ActivityRun();
        var datasets = await run.DatasetsAsync();
        var prep = await run.NodeAsync("prep", datasets.Hashes);
        var hashes = new Dictionary<string, string>(datasets.Hashes) { ["prep"] = prep.Sha256 };

        // No LLM endpoint is configured: the llm handler fails permanently.
        var e = await Assert.ThrowsAsync<ApplicationFailureException>(() => run.NodeAsync("ask", hashes));
        Assert.True(e.NonRetryable);
        Assert.Equal(ActivityNames.PermanentFailure, e.ErrorType);
    }

    [Fact]
    public async Task Activities_ScenarioChangedAfterSubmission_RefusedNonRetryable()
    {
        using var run = new ActivityRun();
        var changed = run.Ref with { ScenarioHash = new string('0', 64) };
        var e = await Assert.ThrowsAsync<ApplicationFailureException>(() => ActivityRun.Env(TaskQueues.Workflows, "r/datasets").RunAsync(() => run.Activities.DatasetsAsync(changed)));
        Assert.True(e.NonRetryable);
        Assert.Equal(ActivityNames.RunFileMismatch, e.ErrorType);
        Assert.Contains("not the version", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordActivity_WritesTraceAndManifest_ThatReconcileReads()
    {
        using var run = new ActivityRun();
        var datasets = await run.DatasetsAsync();
        var prep = await run.NodeAsync("prep", datasets.Hashes);
        var record = await ActivityRun.Env(TaskQueues.Workflows, $"{run.Ref.RunId}/record")
            .RunAsync(() => run.Activities.RecordAsync(new RecordInput(run.Ref, "failed", [prep], [], ["slow: not run"])));
        Assert.True(File.Exists(record.TracePath));
        Assert.Contains("\"status\": \"failed\"", File.ReadAllText(record.ManifestPath), StringComparison.Ordinal);
        var lines = Reconciliation.Lines(File.ReadAllText(Path.Combine(run.Folder, "plan.json")), "plan.json", File.ReadAllText(record.TracePath), "trace.json");
        var line = lines.Single(l => l.Kind == "node" && l.Name == "prep");
        Assert.Equal(5000, line.MeasuredBytes);
    }
}
