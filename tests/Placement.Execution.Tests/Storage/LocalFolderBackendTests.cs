using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Model;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Storage;

public class LocalFolderBackendTests
{
    private static readonly Location Aws = Location.Parse("aws/us-east-1");

    [Fact]
    public async Task PutAsync_KeyThroughSymbolicLink_Refused()
    {
        var root = TestKit.TempFolder("links");
        var outside = TestKit.TempFolder("outside");
        var backend = new LocalFolderBackend(root);
        await backend.PutAsync(Aws, "s/a", new MemoryStream([1]), 1, default);
        Directory.CreateSymbolicLink(Path.Combine(root, "aws", "us-east-1", "evil"), outside);
        await Assert.ThrowsAsync<ArgumentException>(() => backend.PutAsync(Aws, "evil/x", new MemoryStream([1]), 1, default));
        await Assert.ThrowsAsync<ArgumentException>(() => backend.SizeAsync(Aws, "evil/x", default));
        Assert.Empty(Directory.GetFiles(outside));
    }

    [Fact]
    public void BucketFolder_OnePerLocation_ProviderThenRegion()
    {
        var backend = new LocalFolderBackend("/tmp/b");
        Assert.Equal("/tmp/b/aws/us-east-1", backend.BucketFolder(Aws));
        Assert.Equal("/tmp/b/gcp/us-west1", backend.BucketFolder(Location.Parse("gcp/us-west1")));
    }

    [Theory]
    [InlineData("ok/key", true)]
    [InlineData("a", true)]
    [InlineData("..", false)]
    [InlineData("a/..", false)]
    [InlineData("", false)]
    [InlineData("/abs", false)]
    [InlineData("a\\b", false)]
    [InlineData("a/./b", false)]
    public void StorageKeyProblem_Cases_AcceptOnlyConfinedKeys(string key, bool ok)
    {
        Assert.Equal(ok, StorageKey.Problem(key) is null);
    }

    [Fact]
    public void StorageKeyProblem_AnyKeyAccepted_ResolvesInsideBucket()
    {
        FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.ArbMap.Default.ArbFor<string>(), key =>
        {
            if (key is null || StorageKey.Problem(key) is not null)
            {
                return true;
            }

            var bucket = "/tmp/bucket";
            var full = Path.GetFullPath(Path.Combine(bucket, key));
            return full.StartsWith(bucket + "/", StringComparison.Ordinal);
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
