namespace Placement.Reports.Tests;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(4.0, "4.0 s")]
    [InlineData(119.9, "119.9 s")]
    [InlineData(150, "2.5 min")]
    [InlineData(7200, "2.00 h")]
    public void Duration_Seconds_PrintsInTheUnitThatFits(double seconds, string expected) => Assert.Equal(expected, Units.Duration(seconds));

    [Theory]
    [InlineData(152L, "152 B")]
    [InlineData(21752L, "21.8 kB")]
    [InlineData(11_000_000_000L, "11.000 GB")]
    public void Gb_Bytes_PrintsInTheUnitThatFits(long bytes, string expected) => Assert.Equal(expected, Units.Gb(bytes));

    [Fact]
    public void Ticks_ZeroToTen_AreRoundSteps() => Assert.Equal([0.0, 2, 4, 6, 8, 10], Units.Ticks(0, 10));
}
