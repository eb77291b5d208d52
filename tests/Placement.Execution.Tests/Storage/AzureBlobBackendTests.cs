using System.Diagnostics;
using Placement.Core.Model;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Storage;

/// <summary>What the Azure Blob backend adds to the shared contract: its error shape and its exact-length uploads.</summary>
[Collection(ServersCollection.Name)]
public class AzureBlobBackendTests
{
    private static readonly Location Aws = Location.Parse("aws/us-east-1");

    [Fact]
    public async Task Calls_ServerUnreachable_OneTryAsIOExceptionWithoutKey()
    {
        // Nothing listens on port 1: the SDK makes one try (no retry layer of its own) and reports it as IOException.
        using var backend = new AzureBlobBackend(AzureBlobOptions.Parse(AzureBlobOptions.AzuriteConnectionString(1), StorageServers.Prefix()));
        var clock = Stopwatch.StartNew();
        var put = await Assert.ThrowsAnyAsync<IOException>(() => backend.PutAsync(Aws, "s/x", new MemoryStream([1, 2, 3]), 3, default));
        var size = await Assert.ThrowsAnyAsync<IOException>(() => backend.SizeAsync(Aws, "s/x", default));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        foreach (var e in new Exception[] { put, size })
        {
            Assert.DoesNotContain(AzureBlobOptions.AzuriteAccountKey, e.ToString(), StringComparison.Ordinal);
            Assert.Contains("no response", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PutAsync_StreamShorterThanLength_FailsAndStoresNothing()
    {
        using var backend = new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix()));
        await Assert.ThrowsAnyAsync<IOException>(() => backend.PutAsync(Aws, "s/short", new MemoryStream(new byte[100]), 101, default));
        Assert.Null(await backend.SizeAsync(Aws, "s/short", default));
    }

    [Fact]
    public async Task PutAsync_StreamLongerThanLength_StoresLengthBytes()
    {
        using var backend = new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix()));
        await backend.PutAsync(Aws, "s/long", new MemoryStream(new byte[100]), 60, default);
        Assert.Equal(60, await backend.SizeAsync(Aws, "s/long", default));
    }

    [Fact]
    public async Task PutAsync_Empty_StoresEmptyObject()
    {
        using var backend = new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix()));
        await backend.PutAsync(Aws, "s/empty", new MemoryStream(), 0, default);
        Assert.Equal(0, await backend.SizeAsync(Aws, "s/empty", default));
        using var stored = await backend.OpenReadAsync(Aws, "s/empty", default);
        Assert.Equal(-1, stored.Content.ReadByte());
    }

    [Fact]
    public async Task TryServerSideCopy_NoSourceObject_IOException()
    {
        using var backend = new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix()));
        await Assert.ThrowsAnyAsync<IOException>(() => backend.TryServerSideCopyAsync(Aws, Location.Parse("gcp/us-west1"), "s/none", default));
    }
}
