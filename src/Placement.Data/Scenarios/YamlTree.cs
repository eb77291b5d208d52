using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Placement.Data.Scenarios;

/// <summary>
/// The scenario loader's YAML tree: scalars, sequences and mappings with the start mark of each node and key. Built
/// either by <see cref="FastYaml"/> straight from the text (marks left empty: that path never reports a position) or
/// from YamlDotNet's tree by <see cref="From"/> (marks kept). Lighter than YamlDotNet's nodes: a mapping is two
/// lists, not an ordered dictionary, and a key is a string, not a node.
/// </summary>
internal abstract class TreeNode
{
    protected TreeNode(Mark start) => Start = start;

    /// <summary>Where the node starts; <see cref="Mark.Empty"/> on the fast path.</summary>
    public Mark Start { get; }

    /// <summary>Converts YamlDotNet's tree, keeping every node's and key's start mark.</summary>
    public static TreeNode From(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode s:
                return new TreeScalar(s.Value, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, s.Start);
            case YamlSequenceNode q:
                var items = new List<TreeNode>(q.Children.Count);
                foreach (var item in q.Children)
                {
                    items.Add(From(item));
                }

                return new TreeSequence(items, q.Start);
            case YamlMappingNode m:
                var map = new TreeMapping(m.Start, m.Children.Count, withMarks: true);
                foreach (var (k, v) in m.Children)
                {
                    // A key that is not a scalar (a complex key) has no name: field reading never finds it.
                    map.Add((k as YamlScalarNode)?.Value, k.Start, From(v));
                }

                return map;
            default:
                // Aliases are resolved by YamlStream; nothing else exists.
                return new TreeScalar(null, quoted: false, node.Start);
        }
    }
}

/// <summary>A scalar; <see cref="Quoted"/> when written in single or double quotes (then never null).</summary>
internal sealed class TreeScalar : TreeNode
{
    public TreeScalar(string? value, bool quoted, Mark start)
        : base(start)
    {
        Value = value;
        Quoted = quoted;
    }

    public string? Value { get; }

    public bool Quoted { get; }

    /// <summary>An unquoted empty value, ~ or null.</summary>
    public bool IsNull => !Quoted && (Value is null || Value.Length == 0 || Value == "~" || Value == "null");
}

/// <summary>A sequence of nodes.</summary>
internal sealed class TreeSequence : TreeNode
{
    public TreeSequence(List<TreeNode> items, Mark start)
        : base(start) => Items = items;

    public List<TreeNode> Items { get; }
}

/// <summary>A mapping's entries in order: keys (null for a non-scalar key), their marks (when kept) and values.</summary>
internal sealed class TreeMapping : TreeNode
{
    private readonly List<Mark>? keyMarks;

    public TreeMapping(Mark start, int capacity, bool withMarks)
        : base(start)
    {
        Keys = new List<string?>(capacity);
        Values = new List<TreeNode>(capacity);
        keyMarks = withMarks ? new List<Mark>(capacity) : null;
    }

    public List<string?> Keys { get; }

    public List<TreeNode> Values { get; }

    public int Count => Keys.Count;

    /// <summary>Where the i-th key starts; <see cref="Mark.Empty"/> when marks are not kept.</summary>
    public Mark KeyMark(int i) => keyMarks is null ? Mark.Empty : keyMarks[i];

    public void Add(string? key, Mark keyMark, TreeNode value)
    {
        Keys.Add(key);
        keyMarks?.Add(keyMark);
        Values.Add(value);
    }

    /// <summary>The index of the first entry with that key, or -1.</summary>
    public int IndexOf(string key)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (string.Equals(Keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
