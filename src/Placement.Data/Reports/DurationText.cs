using System.Globalization;

namespace Placement.Data.Reports;

/// <summary>
/// Durations in the unit that fits them: seconds below a minute, minutes below an hour, hours above, with three
/// significant digits or so (<c>4.2 s</c>, <c>12.5 min</c>, <c>3.25 h</c>, <c>1,234 h</c>), so a 4 s run never shows as
/// 0.001 h. A table column uses one unit for all its rows (<see cref="UnitFor(IEnumerable{double})"/>), so values compare at a glance.
/// </summary>
public static class DurationText
{
    /// <summary>A duration unit: its symbol and its length in seconds.</summary>
    public sealed record Unit(string Symbol, double Seconds);

    /// <summary>Seconds.</summary>
    public static readonly Unit S = new("s", 1);

    /// <summary>Minutes.</summary>
    public static readonly Unit Min = new("min", 60);

    /// <summary>Hours.</summary>
    public static readonly Unit H = new("h", 3600);

    /// <summary>The unit that fits <paramref name="seconds"/>: s below 60 s, min below 60 min, else h.</summary>
    public static Unit UnitFor(double seconds) => Math.Abs(seconds) < 60 ? S : Math.Abs(seconds) < 3600 ? Min : H;

    /// <summary>The unit that fits the largest of several durations (a table column).</summary>
    public static Unit UnitFor(IEnumerable<double> seconds) => UnitFor(seconds.Where(double.IsFinite).DefaultIfEmpty(0).Max(Math.Abs));

    /// <summary>A duration with the unit that fits it, e.g. <c>4.2 s</c>.</summary>
    public static string Format(double seconds) => Format(seconds, UnitFor(seconds));

    /// <summary>A duration in a given unit, with its symbol, e.g. <c>0.07 min</c>.</summary>
    public static string Format(double seconds, Unit unit) => Number(seconds, unit) + " " + unit.Symbol;

    /// <summary>A duration in a given unit, without the symbol (for a column whose header names the unit).</summary>
    public static string Number(double seconds, Unit unit)
    {
        if (!double.IsFinite(seconds))
        {
            return seconds.ToString(CultureInfo.InvariantCulture);
        }

        var v = seconds / unit.Seconds;
        var a = Math.Abs(v);
        var format = a == 0 ? "0" : a < 1 ? "0.###" : a < 10 ? "0.00" : a < 100 ? "0.0" : "#,0";
        return v.ToString(format, CultureInfo.InvariantCulture);
    }
}
