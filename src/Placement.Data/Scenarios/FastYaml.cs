using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Placement.Data.Scenarios;

/// <summary>
/// A fast reader for the plain subset of YAML that scenario files use (what <c>import-wfcommons</c> writes and what
/// people write by hand): block mappings and sequences by indentation, one-line flow mappings and sequences, plain,
/// single- and double-quoted scalars, comments. It builds the same YamlDotNet node tree as <see cref="YamlStream"/>,
/// without source positions, several times faster on large imported scenarios. Anything outside the subset (anchors,
/// aliases, tags, block scalars, multi-line flow collections or scalars, tabs, several documents, duplicate keys)
/// returns null, and the caller uses YamlDotNet; so does the loader whenever the scenario has a problem, so messages
/// keep their line and column.
/// </summary>
internal static class FastYaml
{
    /// <summary>Deepest nesting the fast reader follows; deeper text goes to the full loader (which refuses it).</summary>
    private const int MaxDepth = 64;

    /// <summary>The root mapping, or null when the text is outside the subset.</summary>
    public static YamlMappingNode? TryParse(string text)
    {
        var lines = new List<(int Indent, string Text)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            var indent = 0;
            while (indent < line.Length && line[indent] == ' ')
            {
                indent++;
            }

            var content = line[indent..].TrimEnd();
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            if (content.Contains('\t', StringComparison.Ordinal) || (indent == 0 && (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith("...", StringComparison.Ordinal) || content[0] == '%')))
            {
                return null;
            }

            lines.Add((indent, content));
        }

        if (lines.Count == 0 || lines[0].Indent != 0)
        {
            return null;
        }

        try
        {
            var i = 0;
            var root = Mapping(lines, ref i, 0, 0);
            return i == lines.Count ? root : null;
        }
        catch (OutsideSubsetException)
        {
            return null;
        }
    }

    private static YamlNode Block(List<(int Indent, string Text)> lines, ref int i, int indent, int depth) =>
        depth > MaxDepth ? throw new OutsideSubsetException() : IsDash(lines[i].Text) ? Sequence(lines, ref i, indent, depth + 1) : Mapping(lines, ref i, indent, depth + 1);

    private static YamlMappingNode Mapping(List<(int Indent, string Text)> lines, ref int i, int indent, int depth)
    {
        var map = new YamlMappingNode();
        var keys = new KeySet();
        while (i < lines.Count && lines[i].Indent == indent && !IsDash(lines[i].Text))
        {
            var text = lines[i].Text;
            var (key, rest) = SplitKey(text) ?? throw new OutsideSubsetException();
            if (!keys.Add(key))
            {
                throw new OutsideSubsetException();
            }

            i++;
            YamlNode value;
            if (rest.Length == 0)
            {
                // A nested block below (deeper, or a sequence at the key's own indentation), else an empty value.
                value = i < lines.Count && (lines[i].Indent > indent || (lines[i].Indent == indent && IsDash(lines[i].Text)))
                    ? Block(lines, ref i, lines[i].Indent, depth)
                    : Plain(string.Empty);
            }
            else
            {
                value = Inline(rest, depth);
            }

            map.Add(Plain(key), value);
        }

        if (i < lines.Count && lines[i].Indent > indent)
        {
            throw new OutsideSubsetException();
        }

        return map;
    }

    private static YamlSequenceNode Sequence(List<(int Indent, string Text)> lines, ref int i, int indent, int depth)
    {
        var seq = new YamlSequenceNode();
        while (i < lines.Count && lines[i].Indent == indent && IsDash(lines[i].Text))
        {
            var text = lines[i].Text;
            var offset = 1;
            while (offset < text.Length && text[offset] == ' ')
            {
                offset++;
            }

            var rest = text[offset..];
            if (rest.Length == 0)
            {
                i++;
                seq.Add(i < lines.Count && lines[i].Indent > indent ? Block(lines, ref i, lines[i].Indent, depth) : Plain(string.Empty));
            }
            else if (rest[0] is not ('{' or '[' or '"' or '\'') && SplitKey(rest) is not null)
            {
                // "- key: value" opens a mapping whose keys sit where "key" starts.
                lines[i] = (indent + offset, rest);
                seq.Add(Mapping(lines, ref i, indent + offset, depth + 1));
            }
            else if (IsDash(rest))
            {
                throw new OutsideSubsetException();
            }
            else
            {
                i++;
                seq.Add(Inline(rest, depth));
            }
        }

        if (i < lines.Count && lines[i].Indent > indent)
        {
            throw new OutsideSubsetException();
        }

        return seq;
    }

    /// <summary>A value on the rest of a line: a flow collection, a quoted or a plain scalar, then only a comment.</summary>
    private static YamlNode Inline(string text, int depth)
    {
        var pos = 0;
        YamlNode node;
        if (text[0] is '{' or '[' or '"' or '\'')
        {
            node = Flow(text, ref pos, depth);
            var end = pos;
            Skip(text, ref pos);
            if (pos < text.Length && (text[pos] != '#' || pos == end))
            {
                throw new OutsideSubsetException();
            }

            return node;
        }

        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        var plain = (comment >= 0 ? text[..comment] : text).TrimEnd();
        CheckPlain(plain, flow: false);
        return Plain(plain);
    }

    private static YamlNode Flow(string text, ref int pos, int depth)
    {
        if (++depth > MaxDepth)
        {
            throw new OutsideSubsetException();
        }

        Skip(text, ref pos);
        if (pos >= text.Length)
        {
            throw new OutsideSubsetException();
        }

        switch (text[pos])
        {
            case '{':
            {
                pos++;
                var map = new YamlMappingNode();
                var keys = new KeySet();
                Skip(text, ref pos);
                if (pos < text.Length && text[pos] == '}')
                {
                    pos++;
                    return map;
                }

                while (true)
                {
                    if (Flow(text, ref pos, depth) is not YamlScalarNode { Value: { } key } keyNode || !keys.Add(key))
                    {
                        throw new OutsideSubsetException();
                    }

                    Skip(text, ref pos);
                    if (pos >= text.Length || text[pos] != ':')
                    {
                        throw new OutsideSubsetException();
                    }

                    pos++;
                    map.Add(keyNode, Flow(text, ref pos, depth));
                    Skip(text, ref pos);
                    if (pos < text.Length && text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (pos < text.Length && text[pos] == '}')
                    {
                        pos++;
                        return map;
                    }

                    throw new OutsideSubsetException();
                }
            }

            case '[':
            {
                pos++;
                var seq = new YamlSequenceNode();
                Skip(text, ref pos);
                if (pos < text.Length && text[pos] == ']')
                {
                    pos++;
                    return seq;
                }

                while (true)
                {
                    seq.Add(Flow(text, ref pos, depth));
                    Skip(text, ref pos);
                    if (pos < text.Length && text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (pos < text.Length && text[pos] == ']')
                    {
                        pos++;
                        return seq;
                    }

                    throw new OutsideSubsetException();
                }
            }

            case '"':
                return DoubleQuoted(text, ref pos);
            case '\'':
                return SingleQuoted(text, ref pos);
            default:
            {
                // A plain scalar in a flow collection ends at ',', ']', '}' or ": ".
                var start = pos;
                while (pos < text.Length && text[pos] is not (',' or ']' or '}') && !(text[pos] == ':' && (pos + 1 == text.Length || text[pos + 1] is ' ' or ',' or '}' or ']')))
                {
                    if (text[pos] == '#' && text[pos - 1] == ' ')
                    {
                        throw new OutsideSubsetException();
                    }

                    pos++;
                }

                var plain = text[start..pos].TrimEnd();
                CheckPlain(plain, flow: true);
                return Plain(plain);
            }
        }
    }

    private static YamlScalarNode DoubleQuoted(string text, ref int pos)
    {
        var value = new System.Text.StringBuilder();
        pos++;
        while (pos < text.Length && text[pos] != '"')
        {
            if (text[pos] == '\\')
            {
                if (pos + 1 >= text.Length)
                {
                    throw new OutsideSubsetException();
                }

                value.Append(text[pos + 1] switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'n' => '\n',
                    't' => '\t',
                    _ => throw new OutsideSubsetException(),
                });
                pos += 2;
                continue;
            }

            value.Append(text[pos++]);
        }

        if (pos >= text.Length)
        {
            throw new OutsideSubsetException();
        }

        pos++;
        return new YamlScalarNode(value.ToString()) { Style = ScalarStyle.DoubleQuoted };
    }

    private static YamlScalarNode SingleQuoted(string text, ref int pos)
    {
        var value = new System.Text.StringBuilder();
        pos++;
        while (true)
        {
            if (pos >= text.Length)
            {
                throw new OutsideSubsetException();
            }

            if (text[pos] == '\'')
            {
                if (pos + 1 < text.Length && text[pos + 1] == '\'')
                {
                    value.Append('\'');
                    pos += 2;
                    continue;
                }

                pos++;
                return new YamlScalarNode(value.ToString()) { Style = ScalarStyle.SingleQuoted };
            }

            value.Append(text[pos++]);
        }
    }

    /// <summary>"key: rest" or "key:" with a plain key; null when the line is not a mapping entry of the subset.</summary>
    private static (string Key, string Value)? SplitKey(string text)
    {
        if (text[0] is '{' or '[' or '"' or '\'' or '?' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '#')
        {
            return null;
        }

        for (var p = 0; p < text.Length; p++)
        {
            if (text[p] == ':' && (p + 1 == text.Length || text[p + 1] == ' '))
            {
                var key = text[..p].TrimEnd();
                if (key.Length == 0 || key.Contains(" #", StringComparison.Ordinal) || key.Contains(": ", StringComparison.Ordinal))
                {
                    return null;
                }

                var rest = text[(p + 1)..].Trim();
                return (key, rest.StartsWith('#') ? string.Empty : rest);
            }

            if (text[p] == '#' && p > 0 && text[p - 1] == ' ')
            {
                return null;
            }
        }

        return null;
    }

    private static void CheckPlain(string plain, bool flow)
    {
        if (plain.Length == 0 && flow)
        {
            throw new OutsideSubsetException();
        }

        if (plain.Length > 0 && (plain[0] is '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '?' or '{' or '[' or '}' or ']' or ',' or '"' or '\'' or '#'
            || IsDash(plain) || plain.Contains(": ", StringComparison.Ordinal) || plain.EndsWith(':')))
        {
            throw new OutsideSubsetException();
        }
    }

    private static bool IsDash(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

    private static void Skip(string text, ref int pos)
    {
        while (pos < text.Length && text[pos] == ' ')
        {
            pos++;
        }
    }

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    private sealed class OutsideSubsetException : Exception
    {
    }

    /// <summary>
    /// The keys of one mapping, for rejecting duplicates: a list while small (most mappings hold a few keys, and a
    /// hash set per mapping was a tenth of the load time), a hash set beyond that so large mappings stay linear.
    /// </summary>
    private sealed class KeySet
    {
        private const int ListLimit = 8;
        private readonly List<string> small = new(4);
        private HashSet<string>? large;

        public bool Add(string key)
        {
            if (large is not null)
            {
                return large.Add(key);
            }

            foreach (var k in small)
            {
                if (string.Equals(k, key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            small.Add(key);
            if (small.Count > ListLimit)
            {
                large = new HashSet<string>(small, StringComparer.Ordinal);
            }

            return true;
        }
    }
}
