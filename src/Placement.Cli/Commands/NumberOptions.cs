using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Placement.Cli.Commands;

/// <summary>
/// Numeric command-line options that check their value while the command line is parsed: a value that is not a
/// number, not finite or outside the allowed range is a parse error naming the option and the range, e.g.
/// <c>--slots: '0' is out of range. Hint: give a whole number from 1 to 100000</c>, never a .NET type name.
/// </summary>
internal static class NumberOptions
{
    /// <summary>A whole-number option with a default.</summary>
    public static Option<int> Int(string name, string description, int min, int max, Func<int> defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue(), CustomParser = r => ParseInt(r, name, min, max) ?? 0 };

    /// <summary>A whole-number option that may be absent (null).</summary>
    public static Option<int?> OptionalInt(string name, string description, int min, int max) =>
        new(name) { Description = description, CustomParser = r => ParseInt(r, name, min, max) };

    /// <summary>A real-number option with a default; <paramref name="maxExclusive"/> makes the upper end open.</summary>
    public static Option<double> Double(string name, string description, double min, double max, double defaultValue, bool minExclusive = false, bool maxExclusive = false) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => ParseDouble(r, name, min, max, minExclusive, maxExclusive) ?? 0 };

    /// <summary>A real-number option that may be absent (null).</summary>
    public static Option<double?> OptionalDouble(string name, string description, double min, double max, bool minExclusive = false, bool maxExclusive = false) =>
        new(name) { Description = description, CustomParser = r => ParseDouble(r, name, min, max, minExclusive, maxExclusive) };

    /// <summary>An exact decimal option (money) that may be absent.</summary>
    public static Option<decimal?> OptionalDecimal(string name, string description, decimal min, decimal max, bool minExclusive = false) =>
        new(name)
        {
            Description = description,
            CustomParser = r =>
            {
                var text = Text(r);
                var range = $"a number {(minExclusive ? "above" : "from")} {min.ToString(CultureInfo.InvariantCulture)} {(minExclusive ? "and at most" : "to")} {max.ToString(CultureInfo.InvariantCulture)}";
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    r.AddError(Message(name, text, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "is out of range" : "is not a number", range));
                    return null;
                }

                if (v < min || v > max || (minExclusive && v == min))
                {
                    r.AddError(Message(name, text, "is out of range", range));
                    return null;
                }

                return v;
            },
        };

    /// <summary>The range sentence of a real-number option, shared with checks done after parsing.</summary>
    public static string Range(double min, double max, bool minExclusive, bool maxExclusive) =>
        $"a number {(minExclusive ? "above" : "from")} {N(min)} {(maxExclusive ? "up to but not including" : minExclusive ? "and at most" : "to")} {N(max)}";

    /// <summary>The parse error text: <c>--name: 'text' what. Hint: give RANGE</c>.</summary>
    public static string Message(string name, string text, string what, string range) => $"{name}: '{text}' {what}. Hint: give {range}";

    private static int? ParseInt(ArgumentResult r, string name, int min, int max)
    {
        var text = Text(r);
        var range = $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            var finite = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x);
            var what = finite && x == Math.Truncate(x) ? "is out of range" : "is not a whole number";
            r.AddError(Message(name, text, what, range));
            return null;
        }

        if (v < min || v > max)
        {
            r.AddError(Message(name, text, "is out of range", range));
            return null;
        }

        return (int)v;
    }

    private static double? ParseDouble(ArgumentResult r, string name, double min, double max, bool minExclusive, bool maxExclusive)
    {
        var text = Text(r);
        var range = Range(min, max, minExclusive, maxExclusive);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v))
        {
            r.AddError(Message(name, text, "is not a number", range));
            return null;
        }

        if (!double.IsFinite(v) || v < min || v > max || (minExclusive && v == min) || (maxExclusive && v == max))
        {
            r.AddError(Message(name, text, "is out of range", range));
            return null;
        }

        return v;
    }

    private static string Text(ArgumentResult r) => r.Tokens.Count == 0 ? "" : r.Tokens[^1].Value;

    private static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
