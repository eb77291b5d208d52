using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Placement.Data.Scenarios;

/// <summary>
/// The scenario loader's YAML tree: scalars, sequences and mappings. Built either by <see cref="FastYaml"/> straight
/// from the text (no marks: that path never reports a position) or from YamlDotNet's tree by <see cref="From"/>
/// (every node's and key's start mark kept). Lighter than YamlDotNet's nodes: a mapping is one array of entries, not
/// an ordered dictionary, and a key is a string, not a node.
/// </summary>
internal abstract class TreeNode
{
    /// <summary>Where the node starts; <see cref="Mark.Empty"/> on the fast path.</summary>
    public virtual Mark Start => Mark.Empty;

    /// <summary>Converts YamlDotNet's tree, keeping every node's and key's start mark.</summary>
    public static TreeNode From(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode s:
                return new MarkedScalar(s.Value, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, s.Start);
            case YamlSequenceNode q:
                var items = new List<TreeNode>(q.Children.Count);
                foreach (var item in q.Children)
                {
                    items.Add(From(item));
                }

                return new MarkedSequence(items, q.Start);
            case YamlMappingNode m:
                var map = new TreeMapping(m.Children.Count, m.Start);
                foreach (var (k, v) in m.Children)
                {
                    // A key that is not a scalar (a complex key) has no name: field reading never finds it.
                    map.Add((k as YamlScalarNode)?.Value, From(v), k.Start);
                }

                return map;
            default:
                // Aliases are resolved by YamlStream; nothing else exists.
                return new MarkedScalar(null, quoted: false, node.Start);
        }
    }

    private sealed class MarkedScalar(string? value, bool quoted, Mark start) : TreeScalar(value, quoted)
    {
        public override Mark Start => start;
    }

    private sealed class MarkedSequence(List<TreeNode> items, Mark start) : TreeSequence(items)
    {
        public override Mark Start => start;
    }
}

/// <summary>A scalar; <see cref="Quoted"/> when written in single or double quotes (then never null).</summary>
internal class TreeScalar(string? value, bool quoted) : TreeNode
{
    public string? Value { get; } = value;

    public bool Quoted { get; } = quoted;

    /// <summary>An unquoted empty value, ~ or null.</summary>
    public bool IsNull => !Quoted && (Value is null || Value.Length == 0 || Value == "~" || Value == "null");
}

/// <summary>A sequence of nodes; the fast reader's block sequences read their items only when enumerated.</summary>
internal class TreeSequence : TreeNode
{
    private readonly List<TreeNode>? items;

    public TreeSequence(List<TreeNode> items) => this.items = items;

    protected TreeSequence()
    {
    }

    public virtual IEnumerable<TreeNode> Items => items!;
}

/// <summary>A mapping's entries in order: keys (null for a non-scalar key), values and (when kept) the keys' marks.</summary>
internal sealed class TreeMapping : TreeNode
{
    // The start and the keys' marks, only on the full path's tree (a fast mapping carries no mark at all).
    private readonly Marks? marks;
    private string?[] keys;
    private TreeNode[] values;

    /// <summary>A mapping of the fast path: no marks, grown as entries are added.</summary>
    public TreeMapping()
    {
        keys = new string?[4];
        values = new TreeNode[4];
    }

    /// <summary>A converted mapping of <paramref name="count"/> entries with marks.</summary>
    public TreeMapping(int count, Mark start)
    {
        keys = new string?[count];
        values = new TreeNode[count];
        marks = new Marks(start, new Mark[count]);
    }

    public override Mark Start => marks?.Start ?? Mark.Empty;

    public int Count { get; private set; }

    public string? KeyAt(int i) => keys[i];

    public TreeNode ValueAt(int i) => values[i];

    /// <summary>Where the i-th key starts; <see cref="Mark.Empty"/> when marks are not kept.</summary>
    public Mark KeyMark(int i) => marks is null ? Mark.Empty : marks.Keys[i];

    public void Add(string? key, TreeNode value, Mark keyMark = default)
    {
        if (Count == keys.Length)
        {
            Array.Resize(ref keys, Count * 2);
            Array.Resize(ref values, Count * 2);
        }

        keys[Count] = key;
        values[Count] = value;
        if (marks is not null)
        {
            marks.Keys[Count] = keyMark;
        }

        Count++;
    }

    private sealed record Marks(Mark Start, Mark[] Keys);

    /// <summary>The index of the first entry with that key, or -1.</summary>
    public int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
