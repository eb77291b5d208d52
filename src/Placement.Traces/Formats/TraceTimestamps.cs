using System.Globalization;
using System.Text.RegularExpressions;

namespace Placement.Traces.Formats;

/// <summary>
/// Timestamps as WfCommons traces write them, which vary between files: ISO 8601
/// (<c>2020-12-25T20:10:08+00:00</c>, <c>2020-04-08T12:58:46.286994Z</c>), compact ISO
/// (<c>20200408T154143+0000</c>) and month-first with a two-digit year (<c>03-23-21T06:04:36Z</c>).
/// </summary>
public static partial class TraceTimestamps
{
    /// <summary>Parses any of the known forms; false for anything else.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (Compact().Match(t) is { Success: true } c)
        {
            return TryBuild(c.Groups["d"].Value, "yyyyMMdd", c.Groups["t"].Value, "HHmmss", c.Groups["z"].Value, out value);
        }

        if (MonthFirst().Match(t) is { Success: true } m)
        {
            return TryBuild(m.Groups["d"].Value, "MM-dd-yy", m.Groups["t"].Value, "HH:mm:ss", m.Groups["z"].Value, out value);
        }

        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            && IsIsoLike(t);
    }

    /// <summary>ISO 8601 with offset, the form Placement writes.</summary>
    public static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static bool TryBuild(string date, string dateFormat, string time, string timeFormat, string zone, out DateTimeOffset value)
    {
        value = default;
        if (!DateTime.TryParseExact($"{date} {time}", $"{dateFormat} {timeFormat}", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (zone.Length > 1)
        {
            var sign = zone[0] == '-' ? -1 : 1;
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59)
            {
                return false;
            }

            offset = sign * new TimeSpan(hours, minutes, 0);
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool IsIsoLike(string t) => t.Length >= 10 && char.IsAsciiDigit(t[0]) && t[4] == '-' && t[7] == '-';

    [GeneratedRegex(@"^(?<d>\d{8})T(?<t>\d{6})(?<z>Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex Compact();

    [GeneratedRegex(@"^(?<d>\d{2}-\d{2}-\d{2})T(?<t>\d{2}:\d{2}:\d{2})(?<z>Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex MonthFirst();
}
