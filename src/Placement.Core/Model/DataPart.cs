namespace Placement.Core.Model;

/// <summary>
/// One named part of a node's output (a file of a multi-file output, e.g. one chunk a split writes), so each
/// reader can read only the parts it needs. A transfer moves each part once per destination (cost-model.md).
/// </summary>
/// <param name="Name">Unique within the node.</param>
/// <param name="Bytes">Size in bytes.</param>
public sealed record DataPart(string Name, long Bytes);
