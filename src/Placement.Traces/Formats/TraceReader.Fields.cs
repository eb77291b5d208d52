using System.Text.Json;
using System.Text.RegularExpressions;
using Placement.Core.Model;

namespace Placement.Traces.Formats;

// Typed JSON field readers with range checks, categories and suggestions.
public static partial class TraceReader
{
    private static string Category(string? recorded, string? program, string name)
    {
        if (!string.IsNullOrWhiteSpace(recorded))
        {
            return recorded;
        }

        if (program is not null && SimpleWord().IsMatch(program))
        {
            return program;
        }

        return IdSuffix().Replace(name, "");
    }

    private static string? Program(JsonElement t) =>
        t.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.Object ? Str(c, "program") : null;

    private static void Add(List<string> list, string item)
    {
        if (!list.Contains(item, StringComparer.Ordinal))
        {
            list.Add(item);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name)
    {
        var list = new List<string>();
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            // Duplicates are dropped, first occurrence kept; a set keeps that linear for fan-outs of thousands.
            var seen = v.GetArrayLength() > 16 ? new HashSet<string>(StringComparer.Ordinal) : null;
            foreach (var s in v.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String))
            {
                var item = s.GetString()!;
                if (seen is null)
                {
                    Add(list, item);
                }
                else if (seen.Add(item))
                {
                    list.Add(item);
                }
            }
        }

        return list;
    }

    private static double? Number(JsonElement e, string name, string path, Context ctx)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            ctx.Add($"{path}.{name}", $"'{v}' is not a number");
            return null;
        }

        if (!v.TryGetDouble(out var d) || !double.IsFinite(d) || Math.Abs(d) > MaxNumber)
        {
            ctx.Add($"{path}.{name}", $"{v} is out of range", $"allowed is -10^12 to 10^12 (seconds: runtimes of up to 31,000 years)");
            return null;
        }

        return d;
    }

    private static long? Long(JsonElement e, string name, string path, Context ctx)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e18)
        {
            if (d < 0)
            {
                ctx.Add($"{path}.{name}", $"{v} is negative", "sizes and counts are at least 0");
                return null;
            }

            if (d > MaxWhole)
            {
                ctx.Add($"{path}.{name}", $"{v} is out of range", "allowed is 0 to 10^15 (a petabyte, for sizes in bytes)");
                return null;
            }

            return (long)d;
        }

        ctx.Add($"{path}.{name}", $"'{v}' is not a whole number");
        return null;
    }

    private static decimal Dec(JsonElement e, string name, string path, Context ctx)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return 0;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && Math.Abs(d) <= MaxUsd)
        {
            return d;
        }

        ctx.Add($"{path}.{name}", $"'{v}' is not an amount in USD", "allowed is -10^15 to 10^15");
        return 0;
    }

    private static decimal? OptionalDec(JsonElement e, string name, string path, Context ctx) =>
        e.TryGetProperty(name, out _) ? Dec(e, name, path, ctx) : null;

    private static Location? Loc(JsonElement e, string name, string path, Context ctx)
    {
        var text = Str(e, name);
        if (text is not null && Location.TryParse(text, out var loc))
        {
            return loc;
        }

        ctx.Add($"{path}.{name}", text is null ? "is required" : $"'{text}' is not a location", "write provider/region, e.g. aws/us-east-1");
        return null;
    }

    private static DateTimeOffset? Timestamp(JsonElement e, string name) =>
        TraceTimestamps.TryParse(Str(e, name), out var t) ? t : null;

    private static string? Suggest(string text, IEnumerable<string> known)
    {
        var best = known.Where(k => k.Contains(text, StringComparison.OrdinalIgnoreCase) || text.Contains(k, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => Math.Abs(k.Length - text.Length)).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        return best is null ? "check the spelling; references use task ids (names in 1.3/1.4)" : $"did you mean '{best}'?";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex SimpleWord();

    [GeneratedRegex(@"_ID\d+$")]
    private static partial Regex IdSuffix();
}
