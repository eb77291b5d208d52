using System.Text;
using Placement.Core.Model;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Storage;

/// <summary>The same contract checked on every backend, against the real servers.</summary>
[Collection(ServersCollection.Name)]
public class BackendContractTests
{
    private static readonly Location Aws = Location.Parse("aws/us-east-1");
    private static readonly Location Gcp = Location.Parse("gcp/us-west1");

    public static TheoryData<string> Kinds => new() { "local", "s3", "azure" };

    internal static IStorageBackend Make(string kind) => kind switch
    {
        "local" => new LocalFolderBackend(Path.Combine(TestKit.TempFolder("local"), "buckets")),
        "s3" => new S3Backend(StorageServers.S3(StorageServers.Prefix())),
        _ => new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix())),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PutOpenSizeDelete_RoundTrip_SameBytes(string kind)
    {
        var backend = Make(kind);
        var data = new byte[20 * 1024 * 1024 + 17];
        new Random(3).NextBytes(data);
        Assert.Null(await backend.SizeAsync(Aws, "s/item", default));
        await backend.PutAsync(Aws, "s/item", new MemoryStream(data), data.Length, default);
        Assert.Equal(data.Length, await backend.SizeAsync(Aws, "s/item", default));
        using (var stored = await backend.OpenReadAsync(Aws, "s/item", default))
        {
            var copy = new MemoryStream();
            await stored.Content.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
        }

        await backend.DeleteAsync(Aws, "s/item", default);
        Assert.Null(await backend.SizeAsync(Aws, "s/item", default));
        await Assert.ThrowsAsync<FileNotFoundException>(() => backend.OpenReadAsync(Aws, "s/item", default));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task OpenReadAsync_FromAnOffset_GivesTheRestOnly(string kind)
    {
        var backend = Make(kind);
        var data = new byte[300_000];
        new Random(5).NextBytes(data);
        await backend.PutAsync(Aws, "s/ranged", new MemoryStream(data), data.Length, default);
        foreach (var offset in new long[] { 0, 1, 123_457, 299_999, 300_000, 400_000 })
        {
            using var stored = await backend.OpenReadAsync(Aws, "s/ranged", offset, default);
            var rest = new MemoryStream();
            await stored.Content.CopyToAsync(rest);
            var expected = data.AsSpan((int)Math.Min(offset, data.Length)).ToArray();
            Assert.Equal(expected.Length, stored.LengthBytes);
            Assert.Equal(expected, rest.ToArray());
        }

        await Assert.ThrowsAsync<FileNotFoundException>(() => backend.OpenReadAsync(Aws, "s/none", 10, default));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task OpenRangeAsync_ARange_GivesThoseBytesOnly(string kind)
    {
        IStorageBackend backend = Make(kind);
        var data = new byte[300_000];
        new Random(6).NextBytes(data);
        await backend.PutAsync(Aws, "s/part-ranges", new MemoryStream(data), data.Length, default);
        foreach (var (offset, length) in new (long, long)[] { (0, 1000), (1, 1), (123_457, 65_536), (299_000, 1000), (299_000, 5000), (300_000, 10) })
        {
            using var stored = await backend.OpenRangeAsync(Aws, "s/part-ranges", offset, length, default);
            var got = new MemoryStream();
            await stored.Content.CopyToAsync(got);
            var from = (int)Math.Min(offset, data.Length);
            var expected = data.AsSpan(from, (int)Math.Min(length, data.Length - from)).ToArray();
            Assert.Equal(expected.Length, stored.LengthBytes);
            Assert.Equal(expected, got.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task TryServerSideCopy_BetweenTwoBuckets_DestinationHasSameBytes(string kind)
    {
        var backend = Make(kind);
        var data = Encoding.UTF8.GetBytes("hello from aws");
        await backend.PutAsync(Aws, "s/x", new MemoryStream(data), data.Length, default);
        Assert.True(await backend.TryServerSideCopyAsync(Aws, Gcp, "s/x", default));
        var hash = await ContentHash.OfObjectAsync(backend, Gcp, "s/x", default);
        Assert.Equal((ContentHash.OfText("hello from aws"), (long)data.Length), hash);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_KeyEscapingBucket_Refused(string kind)
    {
        var backend = Make(kind);
        foreach (var key in new[] { "../x", "a/../../x", "/etc/passwd", "a//b", "a\\b", "C:/x", "./a" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => backend.PutAsync(Aws, key, new MemoryStream([1]), 1, default));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task UriOf_NeverCarriesCredentials(string kind)
    {
        var backend = Make(kind);
        var uri = backend.UriOf(Aws, "s/x");
        Assert.DoesNotContain(StorageServers.S3Secret, uri, StringComparison.Ordinal);
        Assert.DoesNotContain(AzureBlobOptions.AzuriteAccountKey, uri, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", uri, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
