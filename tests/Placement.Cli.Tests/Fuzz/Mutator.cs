using System.Text.RegularExpressions;

namespace Placement.Cli.Tests.Fuzz;

/// <summary>
/// Seeded text mutations of valid input files: truncation, type changes, huge, negative and non-finite numbers,
/// unknown names, bad paths, duplicated keys and lines, wrong indentation, stray syntax. Same seed, same mutants.
/// Each mutation says what it did, so a failing case can be reproduced by hand.
/// </summary>
internal sealed partial class Mutator(int seed)
{
    /// <summary>Values that replace a scalar: numbers out of every range, other types, unknown names, bad paths.</summary>
    public static readonly string[] Values =
    [
        "1e300", "1e308", "-1e308", "1e28", "79228162514264337593543950336", "9223372036854775808", "1e19", "1e15", "1e10",
        "-1", "-0.5", "0", "0.0000001", "NaN", ".nan", ".inf", "-.inf", "Infinity", "abc", "\"\"", "''", "[]", "{}", "[1, [2]]",
        "{ a: 1 }", "~", "null", "true", "nosuch/region", "aws/nowhere-9", "no-such-sku", "x/y/z", "/proc/self/x", "../../etc/passwd",
        "\"/sys/x\"", "12 GB", "1e300 GB", "-3 MB", "1.5.5", "0x10", "1_000", "*", "\"\\u0000\"", "\"a\\tb\"", "&a x", "*nosuch", "!!binary x",
    ];

    private static readonly string[] Junk = ["{", "}", "[", "]", "\"", "'", ":", ": :", "- ", "\t", "&a", "*b", "!!int", "%YAML 1.2", "---", "...", "#", "|", ">", "? "];

    private readonly Random random = new(seed);

    /// <summary>One mutation of YAML text, with a description of what changed.</summary>
    public (string Text, string What) Yaml(string text)
    {
        var lines = text.Split('\n').ToList();
        var i = random.Next(lines.Count);
        switch (random.Next(10))
        {
            case 0:
                var cut = random.Next(text.Length);
                return (text[..cut], $"truncated at {cut}");
            case 1:
            case 2:
            case 3:
                return ReplaceScalar(text, YamlScalar());
            case 4:
                lines.Insert(i, lines[i]);
                return (string.Join('\n', lines), $"line {i + 1} duplicated");
            case 5:
                var indent = new[] { " ", "  ", "\t", "-1", "-2" }[random.Next(5)];
                var lead = lines[i].Length - lines[i].TrimStart(' ').Length;
                lines[i] = indent switch
                {
                    "-1" => lines[i][Math.Min(1, lead)..],
                    "-2" => lines[i][Math.Min(2, lead)..],
                    _ => indent + lines[i],
                };
                return (string.Join('\n', lines), $"line {i + 1} re-indented by '{indent}'");
            case 6:
                lines.RemoveAt(i);
                return (string.Join('\n', lines), $"line {i + 1} deleted");
            case 7:
                var junk = Junk[random.Next(Junk.Length)];
                var at = random.Next(lines[i].Length + 1);
                lines[i] = lines[i][..at] + junk + lines[i][at..];
                return (string.Join('\n', lines), $"'{junk}' inserted at line {i + 1} column {at + 1}");
            case 8:
                return Cycle(text);
            default:
                return RenameName(text);
        }
    }

    /// <summary>One mutation of JSON text (plan files, traces).</summary>
    public (string Text, string What) Json(string text)
    {
        var lines = text.Split('\n').ToList();
        var i = random.Next(lines.Count);
        switch (random.Next(8))
        {
            case 0:
                var cut = random.Next(text.Length);
                return (text[..cut], $"truncated at {cut}");
            case 1:
            case 2:
                var numbers = JsonNumber().Matches(text);
                if (numbers.Count > 0)
                {
                    var m = numbers[random.Next(numbers.Count)];
                    var v = new[] { "1e300", "1e308", "-1e308", "1e28", "-1", "-0.5", "0", "9223372036854775808", "1e19", "\"12\"", "null", "[]", "{}", "true", "1e400" }[random.Next(15)];
                    return (text[..m.Groups[1].Index] + v + text[(m.Groups[1].Index + m.Groups[1].Length)..], $"number '{m.Groups[1].Value}' at {m.Index} -> {v}");
                }

                goto case 0;
            case 3:
                var strings = JsonString().Matches(text);
                if (strings.Count > 0)
                {
                    var m = strings[random.Next(strings.Count)];
                    var v = new[] { "1", "null", "[]", "{}", "\"\"", "\"nosuch/region\"", "\"no-such-sku\"", "\"/proc/x\"", "\"a/b/c\"", "\"summarise\"", "\"segment\"", "true", "-1" }[random.Next(13)];
                    return (text[..m.Groups[1].Index] + v + text[(m.Groups[1].Index + m.Groups[1].Length)..], $"value {m.Groups[1].Value} at {m.Index} -> {v}");
                }

                goto case 0;
            case 4:
                lines.Insert(i, lines[i]);
                return (string.Join('\n', lines), $"line {i + 1} duplicated");
            case 5:
                lines.RemoveAt(i);
                return (string.Join('\n', lines), $"line {i + 1} deleted");
            case 6:
                return DuplicateBlock(lines);
            default:
                var junk = new[] { "{", "}", "[", "]", "\"", ",", ":", "\\", "\u0000", "NaN" }[random.Next(10)];
                var at = random.Next(lines[i].Length + 1);
                lines[i] = lines[i][..at] + junk + lines[i][at..];
                return (string.Join('\n', lines), $"'{junk}' inserted at line {i + 1}");
        }
    }

    /// <summary>A value from <see cref="Values"/>.</summary>
    public string Pick(IReadOnlyList<string> values) => values[random.Next(values.Count)];

    public int Next(int max) => random.Next(max);

    private string YamlScalar() => Values[random.Next(Values.Length)];

    private (string, string) ReplaceScalar(string text, string value)
    {
        var matches = YamlValue().Matches(text);
        if (matches.Count == 0)
        {
            return (text + "\n" + value, "value appended");
        }

        var m = matches[random.Next(matches.Count)];
        var g = m.Groups["v"];
        return (text[..g.Index] + value + text[(g.Index + g.Length)..], $"value '{g.Value}' of '{m.Groups["k"].Value}' -> {value}");
    }

    private (string, string) Cycle(string text)
    {
        var edges = YamlEdge().Matches(text);
        if (edges.Count == 0)
        {
            return RenameName(text);
        }

        var e = edges[random.Next(edges.Count)];
        var reversed = $"  - {{ from: {e.Groups["to"].Value}, to: {e.Groups["from"].Value} }}";
        return (text.TrimEnd() + "\n" + reversed + "\n", $"reverse of edge {e.Groups["from"].Value} -> {e.Groups["to"].Value} added (a cycle)");
    }

    private (string, string) RenameName(string text)
    {
        var names = YamlName().Matches(text);
        if (names.Count == 0)
        {
            return ReplaceScalar(text, "nosuch");
        }

        var m = names[random.Next(names.Count)];
        var g = m.Groups["v"];
        var replacement = new[] { "nosuch", "", "\"\"", "a b", "x/y", "../up", "UPPER", new string('n', 300) }[random.Next(8)];
        return (text[..g.Index] + replacement + text[(g.Index + g.Length)..], $"name '{g.Value}' -> '{replacement}'");
    }

    private (string, string) DuplicateBlock(List<string> lines)
    {
        // An object on consecutive lines opened by "{" and closed by "}" or "}," at the same indentation: copy it.
        var opens = lines.Select((l, n) => (l, n)).Where(p => p.l.TrimEnd() == new string(' ', p.l.Length - p.l.TrimStart().Length) + "{").Select(p => p.n).ToList();
        if (opens.Count == 0)
        {
            return (string.Join('\n', lines), "no block to duplicate");
        }

        var start = opens[random.Next(opens.Count)];
        var indent = lines[start].Length - lines[start].TrimStart().Length;
        var end = Enumerable.Range(start + 1, lines.Count - start - 1).FirstOrDefault(n => lines[n].Length - lines[n].TrimStart().Length == indent && lines[n].TrimStart().StartsWith('}'), -1);
        if (end < 0)
        {
            return (string.Join('\n', lines), "no block to duplicate");
        }

        var block = lines.GetRange(start, end - start + 1).ToList();
        block[^1] = block[^1].TrimEnd().TrimEnd(',') + ",";
        lines.InsertRange(start, block);
        return (string.Join('\n', lines), $"object at line {start + 1} duplicated (duplicate id)");
    }

    [GeneratedRegex(@"^[ \-]*(?<k>[A-Za-z]+):[ ]+(?<v>[^{\[\n#][^\n#,}]*?)[ ]*(?=[,}\n#]|$)", RegexOptions.Multiline)]
    private static partial Regex YamlValue();

    [GeneratedRegex(@"from: (?<from>[\w-]+), to: (?<to>[\w-]+)")]
    private static partial Regex YamlEdge();

    [GeneratedRegex(@"(?:name|from|to|storeWith|home|default|pin): (?<v>[\w/.-]+)")]
    private static partial Regex YamlName();

    [GeneratedRegex(@":\s*(-?\d[\d.eE+-]*)")]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@":\s*(""[^""\n]*"")")]
    private static partial Regex JsonString();
}
