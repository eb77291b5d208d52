using System.Globalization;

namespace Placement.Reports;

/// <summary>How reports print amounts: USD with two decimals, bytes as GB (10^9), durations in the unit that fits.</summary>
public static class Units
{
    /// <summary>USD with two decimals, e.g. <c>$27.31</c>.</summary>
    public static string Usd(decimal usd) => "$" + usd.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>USD with two decimals from a double.</summary>
    public static string Usd(double usd) => "$" + usd.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Bytes in the decimal unit that fits (B, kB, MB, GB, TB), three significant decimals.</summary>
    public static string Gb(long bytes) =>
        bytes < 1000 ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
        : bytes < 1_000_000 ? (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB"
        : bytes < 1_000_000_000 ? (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : bytes < 1_000_000_000_000 ? (bytes / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " GB"
        : (bytes / 1e12).ToString("0.000", CultureInfo.InvariantCulture) + " TB";

    /// <summary>A duration in seconds below two minutes, minutes below two hours, else hours.</summary>
    public static string Duration(double seconds) =>
        Math.Abs(seconds) < 120 ? seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : Math.Abs(seconds) < 7200 ? (seconds / 60).ToString("0.0", CultureInfo.InvariantCulture) + " min"
        : (seconds / 3600).ToString("0.00", CultureInfo.InvariantCulture) + " h";

    /// <summary>The divisor and unit word for an axis spanning <paramref name="maxSeconds"/>.</summary>
    public static (double Divisor, string Unit) AxisUnit(double maxSeconds) =>
        maxSeconds < 120 ? (1, "s") : maxSeconds < 7200 ? (60, "min") : (3600, "h");

    /// <summary>Round tick positions covering [0, max]: about <paramref name="count"/> steps of 1, 2 or 5 x 10^k.</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int count = 5)
    {
        if (!(max > min))
        {
            return [min];
        }

        var raw = (max - min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step) * step; t <= max + (step * 1e-9); t += step)
        {
            ticks.Add(Math.Round(t, 10));
        }

        return ticks;
    }

    /// <summary>A number for an axis label.</summary>
    public static string Axis(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
