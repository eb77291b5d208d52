namespace Placement.Planning;

/// <summary>
/// A data item of a <see cref="PlanningProblem"/> (a dataset or a node's output) with where its home comes
/// from and who reads it. Its home is either fixed (a dataset, or the default storage) or the location of
/// <see cref="AnchorNode"/>: the nearest native node up the primary-parent chain (co-located storage rules).
/// </summary>
/// <param name="Name">Item name.</param>
/// <param name="Bytes">Size in bytes (what the home copy stores).</param>
/// <param name="AnchorNode">Node whose location is the home, or -1 when the home is fixed.</param>
/// <param name="FixedHome">Location index of a fixed home, or -1.</param>
/// <param name="Readers">Reading nodes with the bytes each reads.</param>
/// <param name="Producer">Producing node, or -1 for a dataset.</param>
public sealed record DataItem(string Name, long Bytes, int AnchorNode, int FixedHome, IReadOnlyList<ItemReader> Readers, int Producer);

/// <summary>A node reading a data item, and how many bytes it reads.</summary>
public sealed record ItemReader(int Node, long Bytes);
