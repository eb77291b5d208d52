using System.Globalization;
using YamlDotNet.Core;

namespace Placement.Data.Scenarios;

/// <summary>
/// Collects problems and source positions while a YAML document is read field by field, so every
/// problem can name the file, the line and the field path.
/// </summary>
internal sealed class YamlSource
{
    private readonly Dictionary<string, Mark> marks = new(StringComparer.Ordinal);

    public YamlSource(string file, bool tracksMarks = true)
    {
        File = file;
        TracksMarks = tracksMarks;
    }

    public string File { get; }

    /// <summary>False on the loader's fast path (a tree without positions): remembering field paths would only cost time.</summary>
    public bool TracksMarks { get; }

    public List<Problem> Problems { get; } = [];

    /// <summary>Values that are valid but suspicious (see <see cref="ScenarioWarnings"/>).</summary>
    public List<Problem> Warnings { get; } = [];

    public void Warn(string path, string message, string? hint = null)
    {
        var mark = At(path);
        Warnings.Add(new Problem(File, (int)mark.Line, (int)mark.Column, path, message, hint));
    }

    public void Remember(string path, Mark mark)
    {
        if (TracksMarks)
        {
            marks.TryAdd(path, mark);
        }
    }

    /// <summary>Position of a field path, falling back to its closest remembered parent.</summary>
    public Mark At(string path)
    {
        var p = path;
        while (p.Length > 0)
        {
            if (marks.TryGetValue(p, out var m))
            {
                return m;
            }

            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            p = cut > 0 ? p[..cut] : "";
        }

        return Mark.Empty;
    }

    public void Add(string path, string message, string? hint = null) => Add(At(path), path, message, hint);

    public void Add(Mark mark, string path, string message, string? hint = null) =>
        Problems.Add(new Problem(File, (int)mark.Line, (int)mark.Column, path, message, hint));
}

/// <summary>A YAML mapping read key by key; keys never read are reported as unknown by <see cref="Finish"/>.</summary>
internal sealed class YamlFields
{
    private readonly TreeMapping map;
    private readonly YamlSource source;
    // Keys asked for, for Finish's unknown keys and its hint: on the full path a list (a handful per mapping, cheaper
    // than a hash set). On the fast path (no duplicate keys, nothing reported) a bit per entry found is enough.
    private readonly List<string>? read;
    private ulong found;

    // The path is only kept when the source tracks marks: the fast path reports nothing (a problem sends the file the full way).
    public YamlFields(TreeMapping map, string path, YamlSource source)
    {
        this.map = map;
        Path = source.TracksMarks ? path : "";
        this.source = source;
        read = source.TracksMarks || map.Count > 64 ? new List<string>(8) : null;
        if (!source.TracksMarks)
        {
            return;
        }

        source.Remember(path, map.Start);
        for (var i = 0; i < map.Count; i++)
        {
            if (map.KeyAt(i) is { } key)
            {
                source.Remember(Join(key), map.KeyMark(i));
            }
        }
    }

    public string Path { get; }

    public YamlSource Source => source;

    public string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The path of an item of a list field: only formatted when positions are tracked.</summary>
    private string Item(string key, int i) => source.TracksMarks ? $"{Join(key)}[{i}]" : "";

    public bool Has(string key) => Node(key) is not null;

    public TreeNode? Node(string key)
    {
        var i = map.IndexOf(key);
        if (read is not null)
        {
            MarkRead(key);
        }
        else if (i >= 0)
        {
            found |= 1UL << i;
        }

        return i >= 0 ? map.ValueAt(i) : null;
    }

    public string? String(string key, bool required = false, string? hint = null)
    {
        var node = Node(key);
        if (node is null || node is TreeScalar { Value: null or "" or "~", Quoted: false })
        {
            if (required)
            {
                source.Add(map.Start, Join(key), "is required", hint);
            }

            return null;
        }

        if (node is TreeScalar scalar)
        {
            return scalar.Value;
        }

        source.Add(node.Start, Join(key), "must be a single value, not a list or mapping", hint);
        return null;
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/> (default <see cref="ScenarioLimits.MaxQuantity"/>).</summary>
    public decimal? Decimal(string key, decimal min, bool required = false, string? hint = null, decimal max = ScenarioLimits.MaxQuantity)
    {
        var text = String(key, required, hint);
        if (text is null)
        {
            return null;
        }

        if (!Number(text, min, max, out var value, out var error))
        {
            source.Add(Join(key), error!, hint ?? RangeHint(min, max, error!));
            return null;
        }

        return value;
    }

    /// <summary>
    /// Parses a number in [<paramref name="min"/>, <paramref name="max"/>]; the error says what is wrong: not a
    /// number, not finite, too large (with the allowed range) or below the minimum.
    /// </summary>
    public static bool Number(string text, decimal min, decimal max, out decimal value, out string? error)
    {
        error = null;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            var isReal = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsNaN(real);
            var word = text.Trim().TrimStart('+', '-').TrimStart('.').ToLowerInvariant();
            error = isReal || word is "inf" or "infinity"
                ? $"{text} is out of range: allowed is {RangeText(min, max)}"
                : $"'{text}' is not a number";
            return false;
        }

        if (value < min)
        {
            error = $"{text} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        if (value > max)
        {
            error = $"{text} is too large: allowed is {RangeText(min, max)}";
            return false;
        }

        return true;
    }

    /// <summary>The hint for a number outside its range.</summary>
    public static string RangeHint(decimal min, decimal max, string error) =>
        error.Contains("below the minimum", StringComparison.Ordinal) ? "sizes, prices, hours and counts cannot be negative"
        : error.Contains("not a number", StringComparison.Ordinal) ? $"give a number from {RangeText(min, max)}"
        : "check the unit: a value this large is almost surely a mistake";

    private static string RangeText(decimal min, decimal max) => $"{ScenarioLimits.Text(min)} to {ScenarioLimits.Text(max)}";

    public long? Long(string key, long min, bool required = false, long max = ScenarioLimits.MaxCount)
    {
        var d = Decimal(key, min, required, max: max);
        if (d is null)
        {
            return null;
        }

        if (d != Math.Truncate(d.Value))
        {
            source.Add(Join(key), $"{d} is not a whole number");
            return null;
        }

        return (long)d.Value;
    }

    public long? Bytes(string key, bool required = false)
    {
        var text = String(key, required, "write bytes as an integer or with a unit, e.g. 2 GB or 500 MiB");
        if (text is null)
        {
            return null;
        }

        if (!ByteSize.TryParse(text, out var bytes, out var error))
        {
            source.Add(Join(key), error!, "write bytes as a non-negative integer or with a unit, e.g. 2 GB or 500 MiB");
            return null;
        }

        return bytes;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var b))
        {
            return b;
        }

        source.Add(Join(key), $"'{text}' is not true or false");
        return null;
    }

    /// <summary>A list of scalars; a single scalar counts as a list of one.</summary>
    public IReadOnlyList<(string Value, string Path)> Strings(string key)
    {
        var node = Node(key);
        if (node is null or TreeScalar { IsNull: true })
        {
            // Most optional lists are absent: no list for them.
            return [];
        }

        var result = new List<(string, string)>();
        switch (node)
        {
            case TreeScalar s when !s.IsNull:
                result.Add((s.Value!, source.TracksMarks ? Join(key) : ""));
                break;
            case TreeScalar:
                break;
            case TreeSequence seq:
                var i = 0;
                foreach (var item in seq.Items)
                {
                    var path = Item(key, i++);
                    source.Remember(path, item.Start);
                    if (item is TreeScalar { Value: { } v })
                    {
                        result.Add((v, path));
                    }
                    else
                    {
                        source.Add(item.Start, path, "must be a single value");
                    }
                }

                break;
            default:
                source.Add(node.Start, Join(key), "must be a value or a list of values");
                break;
        }

        return result;
    }

    public YamlFields? Map(string key, bool required = false)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
            case TreeScalar { IsNull: true }:
                if (required)
                {
                    source.Add(map.Start, Join(key), "is required");
                }

                return null;
            case TreeMapping m:
                return new YamlFields(m, Join(key), source);
            default:
                source.Add(node.Start, Join(key), "must be a mapping (key: value lines)");
                return null;
        }
    }

    public IEnumerable<YamlFields> MapList(string key, bool required = false)
    {
        var node = Node(key);
        if (!source.TracksMarks && node is TreeSequence lazy)
        {
            // The fast path: one item at a time, so each item's tree is garbage once read (it reports nothing, so
            // the order of problems cannot change).
            return FastItems(lazy);
        }

        var result = new List<YamlFields>();
        switch (node)
        {
            case null:
            case TreeScalar { IsNull: true }:
                if (required)
                {
                    source.Add(map.Start, Join(key), "is required");
                }

                break;
            case TreeSequence seq:
                var i = 0;
                foreach (var item in seq.Items)
                {
                    var path = Item(key, i++);
                    if (item is TreeMapping m)
                    {
                        result.Add(new YamlFields(m, path, source));
                    }
                    else
                    {
                        source.Add(item.Start, path, "must be a mapping (key: value lines)");
                    }
                }

                break;
            default:
                source.Add(node.Start, Join(key), "must be a list");
                break;
        }

        return result;
    }

    private IEnumerable<YamlFields> FastItems(TreeSequence seq)
    {
        foreach (var item in seq.Items)
        {
            if (item is TreeMapping m)
            {
                yield return new YamlFields(m, "", source);
            }
            else
            {
                source.Add(item.Start, "", "must be a mapping (key: value lines)");
            }
        }
    }

    /// <summary>Lists of lists of scalars, e.g. <c>colocate: [[a, b], [c, d]]</c>.</summary>
    public IReadOnlyList<IReadOnlyList<(string Value, string Path)>> Groups(string key)
    {
        var node = Node(key);
        var result = new List<IReadOnlyList<(string, string)>>();
        if (node is null || node is TreeScalar { IsNull: true })
        {
            return result;
        }

        if (node is not TreeSequence outer)
        {
            source.Add(node.Start, Join(key), "must be a list of lists of node names, e.g. [[a, b]]");
            return result;
        }

        var i = 0;
        foreach (var g in outer.Items)
        {
            var path = Item(key, i++);
            source.Remember(path, g.Start);
            if (g is not TreeSequence inner)
            {
                source.Add(g.Start, path, "must be a list of node names");
                continue;
            }

            result.Add(inner.Items.OfType<TreeScalar>().Where(x => x.Value is not null).Select(x => (x.Value!, path)).ToList());
        }

        return result;
    }

    /// <summary>Key/value pairs of a nested mapping whose keys are data, not field names.</summary>
    public IReadOnlyList<(string Key, string Value, string Path)> Pairs(string key)
    {
        var node = Node(key);
        var result = new List<(string, string, string)>();
        if (node is null || node is TreeScalar { IsNull: true })
        {
            return result;
        }

        if (node is not TreeMapping m)
        {
            source.Add(node.Start, Join(key), "must be a mapping");
            return result;
        }

        for (var i = 0; i < m.Count; i++)
        {
            var name = m.KeyAt(i) ?? "";
            var v = m.ValueAt(i);
            var path = source.TracksMarks ? $"{Join(key)}.{name}" : "";
            source.Remember(path, m.KeyMark(i));
            if (v is TreeScalar { Value: { } value })
            {
                result.Add((name, value, path));
            }
            else
            {
                source.Add(v.Start, path, "must be a single value");
            }
        }

        return result;
    }

    /// <summary>Treats every key as read: used when the mapping's kind is unknown, so its keys cannot be judged.</summary>
    public void IgnoreRest()
    {
        found = ulong.MaxValue;
        for (var i = 0; i < map.Count && read is not null; i++)
        {
            if (map.KeyAt(i) is { } key)
            {
                MarkRead(key);
            }
        }
    }

    private void MarkRead(string key)
    {
        if (!read!.Contains(key))
        {
            read.Add(key);
        }
    }

    /// <summary>Reports every key that was never read, with the known keys as the hint.</summary>
    public void Finish()
    {
        for (var i = 0; i < map.Count; i++)
        {
            if (map.KeyAt(i) is { } key && (read is null ? (found & (1UL << i)) == 0 : !read.Contains(key)))
            {
                source.Add(map.KeyMark(i), Join(key), $"unknown key '{key}'", $"known keys here: {string.Join(", ", (read ?? []).Order(StringComparer.Ordinal))}");
            }
        }
    }
}
