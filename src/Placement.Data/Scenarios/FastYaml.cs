namespace Placement.Data.Scenarios;

/// <summary>
/// A fast reader for the plain subset of YAML that scenario files use (what <c>import-wfcommons</c> writes and what
/// people write by hand): block mappings and sequences by indentation, one-line flow mappings and sequences, plain,
/// single- and double-quoted scalars, comments. It builds the same tree as <see cref="TreeNode.From"/> does from
/// YamlDotNet's, without source positions, by scanning the text in place (no line strings; keys
/// shared). Anything outside the subset (anchors, aliases, tags, block scalars, multi-line flow collections or
/// scalars, tabs, several documents, duplicate keys) returns null, and the caller uses YamlDotNet; so does the loader
/// whenever the scenario has a problem, so messages keep their line and column.
/// </summary>
internal sealed partial class FastYaml
{
    /// <summary>Deepest nesting the fast reader follows; deeper text goes to the full loader (which refuses it).</summary>
    private const int MaxDepth = 64;

    /// <summary>Keys up to this length are shared.</summary>
    private const int SharedLength = 64;

    private static readonly TreeScalar Empty = new(string.Empty, quoted: false);

    private readonly string text;
    private readonly List<Line> lines = [];
    private readonly HashSet<string> shared = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> sharedBySpan;

    private FastYaml(string text)
    {
        this.text = text;
        sharedBySpan = shared.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Block sequences not yet read to their end: text inside them is only known to be in the subset once they are.</summary>
    private int unread;

    /// <summary>The root mapping with every item read, or null when the text is outside the subset.</summary>
    public static TreeMapping? TryParse(string text)
    {
        var reader = Open(text);
        try
        {
            if (reader?.Root is not { } root)
            {
                return null;
            }

            ReadAll(root);
            return root;
        }
        catch (OutsideSubsetException)
        {
            return null;
        }
    }

    /// <summary>
    /// The reader of a text whose top-level structure is in the subset, or null. Block sequences are read item by
    /// item as they are enumerated (so each item's tree dies young), and an item outside the subset throws
    /// <see cref="OutsideSubsetException"/> then; <see cref="Complete"/> says whether every such sequence was read.
    /// </summary>
    public static FastYaml? Open(string text)
    {
        var reader = new FastYaml(text);
        if (!reader.SplitLines() || reader.lines.Count == 0 || reader.lines[0].Indent != 0)
        {
            return null;
        }

        try
        {
            var i = 0;
            reader.Root = reader.Mapping(ref i, 0, 0);
            return i == reader.lines.Count ? reader : null;
        }
        catch (OutsideSubsetException)
        {
            return null;
        }
    }

    /// <summary>The root mapping.</summary>
    public TreeMapping? Root { get; private set; }

    /// <summary>True when every block sequence was read to its end, so the whole text is known to be in the subset.</summary>
    public bool Complete => unread == 0;

    private static void ReadAll(TreeNode node)
    {
        switch (node)
        {
            case TreeSequence q:
                foreach (var item in q.Items)
                {
                    ReadAll(item);
                }

                break;
            case TreeMapping m:
                for (var i = 0; i < m.Count; i++)
                {
                    ReadAll(m.ValueAt(i));
                }

                break;
        }
    }

    /// <summary>One line with content: its indentation (spaces) and its content without trailing white space.</summary>
    private readonly record struct Line(int Indent, int Start, int End);

    private bool SplitLines()
    {
        // Sized once (a vectorised count): growing a list of 15,000 lines by doubling cost a tenth of the CLI's
        // validate in page faults on fresh memory.
        lines.Capacity = text.AsSpan().Count('\n') + 1;
        var pos = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', pos);
            var end = newline < 0 ? text.Length : newline;
            if (end > pos && text[end - 1] == '\r')
            {
                end--;
            }

            var start = pos;
            while (start < end && text[start] == ' ')
            {
                start++;
            }

            var contentEnd = end;
            while (contentEnd > start && char.IsWhiteSpace(text[contentEnd - 1]))
            {
                contentEnd--;
            }

            if (contentEnd > start && text[start] != '#')
            {
                var content = text.AsSpan(start, contentEnd - start);
                if (content.Contains('\t') || (start == pos && (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith("...", StringComparison.Ordinal) || content[0] == '%')))
                {
                    return false;
                }

                lines.Add(new Line(start - pos, start, contentEnd));
            }

            if (newline < 0)
            {
                return true;
            }

            pos = newline + 1;
        }
    }

    private TreeNode Block(ref int i, int indent, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new OutsideSubsetException();
        }

        if (!IsDash(lines[i].Start, lines[i].End))
        {
            return Mapping(ref i, indent, depth + 1);
        }

        // A block sequence takes every following line deeper than its dashes or a dash at their indentation; its
        // items are read when enumerated.
        var first = i;
        while (i < lines.Count && (lines[i].Indent > indent || (lines[i].Indent == indent && IsDash(lines[i].Start, lines[i].End))))
        {
            i++;
        }

        unread++;
        return new LazySequence(this, first, i, indent, depth + 1);
    }

    /// <summary>A block mapping; <paramref name="firstStart"/> (when not -1) is where its first line's key starts ("- key: value").</summary>
    private TreeMapping Mapping(ref int i, int indent, int depth, int firstStart = -1)
    {
        var map = new TreeMapping();
        var keys = new KeySet();
        while (i < lines.Count && (firstStart >= 0 || (lines[i].Indent == indent && !IsDash(lines[i].Start, lines[i].End))))
        {
            var line = firstStart >= 0 ? lines[i] with { Start = firstStart } : lines[i];
            firstStart = -1;
            if (!SplitKey(line.Start, line.End, out var keyEnd, out var restStart))
            {
                throw new OutsideSubsetException();
            }

            var key = Text(line.Start, keyEnd, share: true);
            if (!keys.Add(map, key))
            {
                throw new OutsideSubsetException();
            }

            i++;
            TreeNode value;
            if (restStart == line.End)
            {
                // A nested block below (deeper, or a sequence at the key's own indentation), else an empty value.
                value = i < lines.Count && (lines[i].Indent > indent || (lines[i].Indent == indent && IsDash(lines[i].Start, lines[i].End)))
                    ? Block(ref i, lines[i].Indent, depth)
                    : Empty;
            }
            else
            {
                value = Inline(restStart, line.End, depth);
            }

            map.Add(key, value);
        }

        if (i < lines.Count && lines[i].Indent > indent)
        {
            throw new OutsideSubsetException();
        }

        return map;
    }

    /// <summary>The block sequence item at line i (a dash at the sequence's indentation); i moves past it.</summary>
    private TreeNode Item(ref int i, int indent, int depth)
    {
        var line = lines[i];
        if (line.Indent != indent || !IsDash(line.Start, line.End))
        {
            // A deeper line that no item took.
            throw new OutsideSubsetException();
        }

        var rest = line.Start + 1;
        while (rest < line.End && text[rest] == ' ')
        {
            rest++;
        }

        if (rest == line.End)
        {
            i++;
            return i < lines.Count && lines[i].Indent > indent ? Block(ref i, lines[i].Indent, depth) : Empty;
        }

        if (text[rest] is not ('{' or '[' or '"' or '\'') && SplitKey(rest, line.End, out _, out _))
        {
            // "- key: value" opens a mapping whose keys sit where "key" starts.
            return Mapping(ref i, indent + (rest - line.Start), depth + 1, rest);
        }

        if (IsDash(rest, line.End))
        {
            throw new OutsideSubsetException();
        }

        i++;
        return Inline(rest, line.End, depth);
    }

    private TreeNode ItemAt(int i, int indent, int depth, out int next)
    {
        var node = Item(ref i, indent, depth);
        next = i;
        return node;
    }

    /// <summary>A block sequence over lines [first, end), its items read on enumeration (again on each one).</summary>
    private sealed class LazySequence(FastYaml reader, int first, int end, int indent, int depth) : TreeSequence
    {
        private bool read;

        public override IEnumerable<TreeNode> Items
        {
            get
            {
                var i = first;
                while (i < end)
                {
                    yield return reader.ItemAt(i, indent, depth, out i);
                }

                if (!read)
                {
                    read = true;
                    reader.unread--;
                }
            }
        }
    }

    /// <summary>
    /// "key: rest" or "key:" with a plain key: the key's end (white space trimmed) and where the rest starts (the
    /// line's end when there is none or only a comment); false when the text is not a mapping entry of the subset.
    /// </summary>
    private bool SplitKey(int start, int end, out int keyEnd, out int restStart)
    {
        keyEnd = restStart = 0;
        if (text[start] is '{' or '[' or '"' or '\'' or '?' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '#')
        {
            return false;
        }

        for (var p = start; p < end; p++)
        {
            if (text[p] == ':' && (p + 1 == end || text[p + 1] == ' '))
            {
                keyEnd = TrimEnd(start, p);
                var key = text.AsSpan(start, keyEnd - start);
                if (key.Length == 0 || key.Contains(" #", StringComparison.Ordinal) || key.Contains(": ", StringComparison.Ordinal))
                {
                    return false;
                }

                restStart = p + 1;
                while (restStart < end && char.IsWhiteSpace(text[restStart]))
                {
                    restStart++;
                }

                if (restStart < end && text[restStart] == '#')
                {
                    restStart = end;
                }

                return true;
            }

            if (text[p] == '#' && p > start && text[p - 1] == ' ')
            {
                return false;
            }
        }

        return false;
    }

    private void CheckPlain(int start, int end, bool flow)
    {
        if (start == end)
        {
            if (flow)
            {
                throw new OutsideSubsetException();
            }

            return;
        }

        var plain = text.AsSpan(start, end - start);
        if (plain[0] is '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '?' or '{' or '[' or '}' or ']' or ',' or '"' or '\'' or '#'
            || IsDash(start, end) || plain.Contains(": ", StringComparison.Ordinal) || plain[^1] == ':')
        {
            throw new OutsideSubsetException();
        }
    }

    private bool IsDash(int start, int end) => text[start] == '-' && (end - start == 1 || text[start + 1] == ' ');

    private int TrimEnd(int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private void Skip(ref int pos, int end)
    {
        while (pos < end && text[pos] == ' ')
        {
            pos++;
        }
    }

    private TreeScalar Plain(int start, int end) => start == end ? Empty : new TreeScalar(Text(start, end, share: false), quoted: false);

    /// <summary>
    /// The text between two positions; keys are shared (a handful of names over every mapping). Values are not: a
    /// set of every name of a 100,000-task scenario cost more to probe than the strings it saved.
    /// </summary>
    private string Text(int start, int end, bool share)
    {
        if (!share || end - start > SharedLength)
        {
            return text.Substring(start, end - start);
        }

        var span = text.AsSpan(start, end - start);
        if (!sharedBySpan.TryGetValue(span, out var value))
        {
            value = span.ToString();
            shared.Add(value);
        }

        return value;
    }

    /// <summary>Thrown where the text leaves the subset; the caller then reads it with YamlDotNet.</summary>
    internal sealed class OutsideSubsetException : Exception
    {
    }

    /// <summary>
    /// Rejects duplicate keys of one mapping: a scan of its keys while small (most mappings hold a few keys, and a
    /// hash set per mapping was a tenth of the load time), a hash set beyond that so large mappings stay linear.
    /// </summary>
    private struct KeySet
    {
        private const int ScanLimit = 8;
        private HashSet<string>? large;

        public bool Add(TreeMapping map, string key)
        {
            if (large is not null)
            {
                return large.Add(key);
            }

            if (map.IndexOf(key) >= 0)
            {
                return false;
            }

            if (map.Count >= ScanLimit)
            {
                large = new HashSet<string>(StringComparer.Ordinal) { key };
                for (var i = 0; i < map.Count; i++)
                {
                    large.Add(map.KeyAt(i)!);
                }
            }

            return true;
        }
    }
}
