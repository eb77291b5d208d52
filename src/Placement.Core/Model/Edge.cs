namespace Placement.Core.Model;

/// <summary>
/// <paramref name="To"/> reads the data item <paramref name="From"/> (a node's output or a dataset).
/// <paramref name="Bytes"/> is how much it reads; null means the whole item. For an item with parts,
/// <paramref name="Parts"/> names the parts it reads (null: all of them) and the bytes are their sizes' sum.
/// </summary>
public sealed record Edge(string From, string To, long? Bytes, IReadOnlyList<string>? Parts = null);
