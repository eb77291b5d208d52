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
        var storage = StorageServers.Map(kind, folder);
        var (result, plan, graph, executor) = await PartsRunTests.RunAsync(folder, storage);
        using (executor)
        {
            await PartsRunTests.AssertPartsRun(result, plan, graph, storage, executor);
        }
    }
}
