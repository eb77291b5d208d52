using System.Text;

namespace Placement.Data.Scenarios;

/// <summary>The fast reader's values on one line: flow collections, flow keys, plain and quoted scalars.</summary>
internal sealed partial class FastYaml
{
    /// <summary>A value on the rest of a line: a flow collection, a quoted or a plain scalar, then only a comment.</summary>
    private TreeNode Inline(int start, int end, int depth)
    {
        if (text[start] is '{' or '[' or '"' or '\'')
        {
            var pos = start;
            var node = Flow(ref pos, end, depth);
            var after = pos;
            Skip(ref pos, end);
            if (pos < end && (text[pos] != '#' || pos == after))
            {
                throw new OutsideSubsetException();
            }

            return node;
        }

        var comment = text.AsSpan(start, end - start).IndexOf(" #", StringComparison.Ordinal);
        var plainEnd = TrimEnd(start, comment >= 0 ? start + comment : end);
        CheckPlain(start, plainEnd, flow: false);
        return Plain(start, plainEnd);
    }

    private TreeNode Flow(ref int pos, int end, int depth)
    {
        if (++depth > MaxDepth)
        {
            throw new OutsideSubsetException();
        }

        Skip(ref pos, end);
        if (pos >= end)
        {
            throw new OutsideSubsetException();
        }

        switch (text[pos])
        {
            case '{':
            {
                pos++;
                var map = new TreeMapping();
                var keys = new KeySet();
                Skip(ref pos, end);
                if (pos < end && text[pos] == '}')
                {
                    pos++;
                    return map;
                }

                while (true)
                {
                    if (FlowKey(ref pos, end, depth) is not { } key || !keys.Add(map, key))
                    {
                        throw new OutsideSubsetException();
                    }

                    Skip(ref pos, end);
                    if (pos >= end || text[pos] != ':')
                    {
                        throw new OutsideSubsetException();
                    }

                    pos++;
                    map.Add(key, Flow(ref pos, end, depth));
                    Skip(ref pos, end);
                    if (pos < end && text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (pos < end && text[pos] == '}')
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
                var items = new List<TreeNode>();
                Skip(ref pos, end);
                if (pos < end && text[pos] == ']')
                {
                    pos++;
                    return new TreeSequence(items);
                }

                while (true)
                {
                    items.Add(Flow(ref pos, end, depth));
                    Skip(ref pos, end);
                    if (pos < end && text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (pos < end && text[pos] == ']')
                    {
                        pos++;
                        return new TreeSequence(items);
                    }

                    throw new OutsideSubsetException();
                }
            }

            case '"':
                return new TreeScalar(DoubleQuoted(ref pos, end), quoted: true);
            case '\'':
                return new TreeScalar(SingleQuoted(ref pos, end), quoted: true);
            default:
                return new TreeScalar(FlowPlain(ref pos, end), quoted: false);
        }
    }

    /// <summary>A key in a flow mapping, as <see cref="Flow"/> would read it, without a node; null when it is not a scalar.</summary>
    private string? FlowKey(ref int pos, int end, int depth)
    {
        if (depth + 1 > MaxDepth)
        {
            throw new OutsideSubsetException();
        }

        Skip(ref pos, end);
        if (pos >= end)
        {
            throw new OutsideSubsetException();
        }

        return text[pos] switch
        {
            '{' or '[' => null,
            '"' => DoubleQuoted(ref pos, end, share: true),
            '\'' => SingleQuoted(ref pos, end, share: true),
            _ => FlowPlain(ref pos, end, share: true),
        };
    }

    /// <summary>A plain scalar in a flow collection: it ends at ',', ']', '}' or ": ".</summary>
    private string FlowPlain(ref int pos, int end, bool share = false)
    {
        var start = pos;
        while (pos < end && text[pos] is not (',' or ']' or '}') && !(text[pos] == ':' && (pos + 1 == end || text[pos + 1] is ' ' or ',' or '}' or ']')))
        {
            if (text[pos] == '#' && text[pos - 1] == ' ')
            {
                throw new OutsideSubsetException();
            }

            pos++;
        }

        var plainEnd = TrimEnd(start, pos);
        CheckPlain(start, plainEnd, flow: true);
        return Text(start, plainEnd, share);
    }

    private string DoubleQuoted(ref int pos, int end, bool share = false)
    {
        var start = ++pos;
        StringBuilder? value = null;
        while (pos < end && text[pos] != '"')
        {
            if (text[pos] == '\\')
            {
                if (pos + 1 >= end)
                {
                    throw new OutsideSubsetException();
                }

                value ??= new StringBuilder().Append(text, start, pos - start);
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

            value?.Append(text[pos]);
            pos++;
        }

        if (pos >= end)
        {
            throw new OutsideSubsetException();
        }

        var result = value is null ? Text(start, pos, share) : value.ToString();
        pos++;
        return result;
    }

    private string SingleQuoted(ref int pos, int end, bool share = false)
    {
        var start = ++pos;
        StringBuilder? value = null;
        while (true)
        {
            if (pos >= end)
            {
                throw new OutsideSubsetException();
            }

            if (text[pos] == '\'')
            {
                if (pos + 1 < end && text[pos + 1] == '\'')
                {
                    value ??= new StringBuilder().Append(text, start, pos - start);
                    value.Append('\'');
                    pos += 2;
                    continue;
                }

                var result = value is null ? Text(start, pos, share) : value.ToString();
                pos++;
                return result;
            }

            value?.Append(text[pos]);
            pos++;
        }
    }
}
