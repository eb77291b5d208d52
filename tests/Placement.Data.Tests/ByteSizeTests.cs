namespace Placement.Data.Tests;

public class ByteSizeTests
{
    [Theory]
    [InlineData("1500", 1500L)]
    [InlineData("2 GB", 2_000_000_000L)]
    [InlineData("2GiB", 2_147_483_648L)]
    [InlineData("1.5 TB", 1_500_000_000_000L)]
    [InlineData("200 KB", 200_000L)]
    [InlineData("1_000 MB", 1_000_000_000L)]
    public void TryParse_Size_GivesBytes(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var b, out _));
        Assert.Equal(bytes, b);
    }

    [Theory]
    [InlineData("-1 GB")]
    [InlineData("lots")]
    [InlineData("10 parsecs")]
    public void TryParse_Bad_ReturnsError(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }
}
