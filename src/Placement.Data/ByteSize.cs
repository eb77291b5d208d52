using System.Globalization;

namespace Placement.Data;

/// <summary>
/// Parses sizes as written in scenario files: a plain integer is bytes; otherwise a number and a unit,
/// decimal (<c>B, KB, MB, GB, TB, PB</c> = 10^3n) or binary (<c>KiB, MiB, GiB, TiB, PiB</c> = 2^10n).
/// </summary>
public static class ByteSize
{
    private static readonly (string Unit, decimal Factor)[] Units =
    [
        ("PiB", 1_125_899_906_842_624m), ("TiB", 1_099_511_627_776m), ("GiB", 1_073_741_824m), ("MiB", 1_048_576m), ("KiB", 1024m),
        ("PB", 1e15m), ("TB", 1e12m), ("GB", 1e9m), ("MB", 1e6m), ("KB", 1e3m), ("B", 1m),
    ];

    /// <summary>Parses a size; false (with a reason) when it is not a non-negative size.</summary>
    public static bool TryParse(string text, out long bytes, out string? error)
    {
        bytes = 0;
        error = null;
        var t = text.Trim().Replace("_", "", StringComparison.Ordinal);
        decimal factor = 1;
        foreach (var (unit, f) in Units)
        {
            if (t.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                t = t[..^unit.Length].Trim();
                break;
            }
        }

        if (!decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // A number too large for a decimal (1e30, 1e300) is a size out of range, not a typo.
            var real = double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d);
            error = real ? $"size {text} is too large: the largest is {long.MaxValue} bytes (about 9.2 EB)" : $"'{text}' is not a size";
            return false;
        }

        if (number < 0)
        {
            error = $"size {text} is negative";
            return false;
        }

        if (number > long.MaxValue / factor)
        {
            error = $"size {text} is too large: the largest is {long.MaxValue} bytes (about 9.2 EB)";
            return false;
        }

        var value = number * factor;

        bytes = (long)Math.Round(value, MidpointRounding.AwayFromZero);
        return true;
    }
}
