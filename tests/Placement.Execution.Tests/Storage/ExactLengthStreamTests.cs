using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Storage;

public class ExactLengthStreamTests
{
    [Fact]
    public async Task Read_InnerLonger_StopsAtLength()
    {
        var stream = new ExactLengthStream(new MemoryStream(new byte[50]), 20);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(20, copy.Length);
        Assert.Equal(20, stream.Position);
    }

    [Fact]
    public async Task Read_InnerShorter_EndOfStream()
    {
        var stream = new ExactLengthStream(new MemoryStream(new byte[10]), 20);
        await Assert.ThrowsAsync<EndOfStreamException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Throws<EndOfStreamException>(() => new ExactLengthStream(new MemoryStream(new byte[10]), 20).CopyTo(Stream.Null));
    }

    [Fact]
    public void Dispose_LeavesInnerOpen()
    {
        var inner = new MemoryStream(new byte[5]);
        new ExactLengthStream(inner, 5).Dispose();
        Assert.True(inner.CanRead);
    }
}
