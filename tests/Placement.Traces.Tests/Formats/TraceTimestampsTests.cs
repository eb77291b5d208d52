using Placement.Traces.Formats;

namespace Placement.Traces.Tests.Formats;

public sealed class TraceTimestampsTests
{
    [Theory]
    [InlineData("2020-12-25T20:10:08+00:00", "2020-12-25T20:10:08+00:00")]
    [InlineData("20200408T154143+0000", "2020-04-08T15:41:43+00:00")]
    [InlineData("03-23-21T06:04:36Z", "2021-03-23T06:04:36+00:00")]
    [InlineData("2023-03-21T21:18:47-10:00", "2023-03-21T21:18:47-10:00")]
    [InlineData("2020-04-08T12:58:46.286994Z", "2020-04-08T12:58:46.286994+00:00")]
    public void TryParse_KnownFormats_GiveTheInstant(string text, string expected)
    {
        Assert.True(TraceTimestamps.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("13-45-21T06:04:36Z")]
    [InlineData("12")]
    public void TryParse_Garbage_IsFalse(string text) => Assert.False(TraceTimestamps.TryParse(text, out _));
}
