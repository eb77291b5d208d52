using Placement.Execution.Storage;
using Placement.Execution.Temporal.Workflows;

namespace Placement.Execution.Temporal.Tests.Activities;

/// <summary>The activities against real storage servers: aws buckets on s3rver, gcp buckets on Azurite.</summary>
[Collection(ServersCollection.Name)]
public sealed class ServerStorageActivityTests
{
    private static StorageMap Mixed(string _) => new(
        new S3Backend(StorageServers.S3(StorageServers.Prefix())),
        new Dictionary<string, Ports.IStorageBackend>(StringComparer.Ordinal) { ["gcp"] = new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix())) });

    [Fact]
    public async Task Activities_S3AndAzurite_NodeOutputInItsBucketWithItsHash_TransferStreamsAcrossServices()
    {
        using var run = new ActivityRun(Mixed);
        var datasets = await run.DatasetsAsync();
        Assert.Empty(datasets.Problems);
        var prep = await run.NodeAsync("prep", datasets.Hashes);
        Assert.StartsWith("s3://", prep.Uri, StringComparison.Ordinal);
        Assert.Equal(await run.ObjectHashAsync(prep.ObjectKey, "aws/us-east-1"), prep.Sha256);

        var input = new TransferActivityInput(run.Ref, "prep", "aws/us-east-1", "gcp/us-west1", prep.Sha256, prep.ObjectKey);
        var move = await ActivityRun.Env(TaskQueues.ForLocation("gcp/us-west1"), $"{run.Ref.RunId}/transfer/prep/gcp/us-west1").RunAsync(() => run.Activities.TransferAsync(input));
        Assert.Equal(("stream", 5000L, prep.Sha256), (move.Mode, move.Bytes, move.Sha256));
        Assert.Equal(prep.Sha256, await run.ObjectHashAsync(prep.ObjectKey, "gcp/us-west1"));

        var use = await run.NodeAsync("use", new Dictionary<string, string>(datasets.Hashes) { ["prep"] = prep.Sha256 }, keys: new Dictionary<string, string> { ["prep"] = prep.ObjectKey });
        Assert.StartsWith("azure://", use.Uri, StringComparison.Ordinal);
        Assert.Equal(await run.ObjectHashAsync(use.ObjectKey, "gcp/us-west1"), use.Sha256);

        // Retried after its commit: the same commit, nothing committed twice.
        var again = await run.NodeAsync("prep", datasets.Hashes, attempt: 3);
        Assert.Equal(prep.Sha256, again.Sha256);
        Assert.Equal(1, run.PrepRuns);
    }
}
