using System.Security.Cryptography;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Storage;

public class HashingStreamTests
{
    [Fact]
    public async Task ReadAsync_InnerLongerThanLimit_StopsAtTheLimitAndHashesExactlyThoseBytes()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7 % 256)).ToArray();
        var progress = new List<long>();
        using var stream = new HashingStream(new MemoryStream(bytes), 600, progress.Add);

        await stream.CopyToAsync(Stream.Null, bufferSize: 256);

        Assert.Equal(600, stream.BytesRead);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, 600))), stream.Sha256Hex());
        Assert.Equal(600, progress.Max());
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public void Read_InnerShorterThanLimit_CountsWhatThereIs()
    {
        using var stream = new HashingStream(new MemoryStream(new byte[100]), 600);

        stream.CopyTo(Stream.Null);

        Assert.Equal(100, stream.BytesRead);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[100])), stream.Sha256Hex());
    }
}
