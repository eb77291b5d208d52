using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Parts;

/// <summary>The parts run against the real S3 and Azure servers, alone and mixed with local folders.</summary>
[Collection(ServersCollection.Name)]
public class PartsServerTests
{
    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    [InlineData("mixed")]
    public async Task StartAsync_ServerBucketsOutputWithParts_MovesTheUnionOfPartsOncePerDestination(string kind)
    {
        var folder = TestKit.TempFolder("parts-srv-" + kind);
        var s3 = new S3Backend(StorageServers.S3(StorageServers.Prefix()));
        var azure = new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix()));
        var storage = kind switch
        {
            "s3" => new StorageMap(s3),
            "azure" => new StorageMap(azure),
            _ => new StorageMap(new LocalFolderBackend(Path.Combine(folder, "buckets")), new Dictionary<string, Ports.IStorageBackend> { ["aws"] = s3, ["azure"] = azure }),
        };
        var (result, plan, graph, executor) = await PartsRunTests.RunAsync(folder, storage);
        using (executor)
        {
            await PartsRunTests.AssertPartsRun(result, plan, graph, storage, executor);
        }
    }
}
