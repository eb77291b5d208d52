namespace Placement.Core.Model;

/// <summary>
/// <paramref name="To"/> reads the data item <paramref name="From"/> (a node's output or a dataset).
/// <paramref name="Bytes"/> is how much it reads; null means the whole item.
/// </summary>
public sealed record Edge(string From, string To, long? Bytes);
