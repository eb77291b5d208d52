using Placement.Core.Model;

namespace Placement.Core.Costing;

/// <summary>
/// What one direct transfer of a data item to a destination carries, and what of it is staged there
/// (cost-model.md, Transfers and Storage): the union of what the item's readers at the destination read, each
/// byte once, and the union of what the readers with storage of their own read (consumers without storage
/// stream and stage nothing). A read of an undivided item is a prefix of it, so the union of reads is the
/// largest one; a read of an item with parts is a set of whole parts, so the union is the parts any of them
/// reads, each part once.
/// </summary>
/// <param name="Bytes">Bytes moved.</param>
/// <param name="StagedBytes">Bytes of the staged copy at the destination; 0 when no reader there has storage.</param>
/// <param name="Parts">Parts moved, in the item's declared order; empty for an undivided item.</param>
/// <param name="StagedParts">Parts staged, in the item's declared order; empty for an undivided item.</param>
public sealed record TransferVolume(long Bytes, long StagedBytes, IReadOnlyList<string> Parts, IReadOnlyList<string> StagedParts)
{
    /// <summary>
    /// The volume of a transfer of <paramref name="item"/> to the location of <paramref name="readers"/> (its edges
    /// into nodes that all run there). <paramref name="storing"/> says whether a reading node has storage of its own.
    /// </summary>
    public static TransferVolume Of(WorkflowGraph graph, string item, IEnumerable<ResolvedEdge> readers, Func<string, bool> storing)
    {
        var parts = graph.ItemParts(item);
        if (parts.Count == 0)
        {
            // One pass: the largest read, and the largest read by a reader with storage (0 when none).
            var moved = 0L;
            var staged = 0L;
            var any = false;
            var anyStaged = false;
            foreach (var e in readers)
            {
                moved = any ? Math.Max(moved, e.Bytes) : e.Bytes;
                any = true;
                if (storing(e.To))
                {
                    staged = anyStaged ? Math.Max(staged, e.Bytes) : e.Bytes;
                    anyStaged = true;
                }
            }

            return new TransferVolume(moved, staged, [], []);
        }

        var list = readers as IReadOnlyCollection<ResolvedEdge> ?? readers.ToList();

        var read = new HashSet<string>(StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in list)
        {
            var names = e.Parts ?? parts.Select(p => p.Name).ToList();
            read.UnionWith(names);
            if (storing(e.To))
            {
                kept.UnionWith(names);
            }
        }

        var movedParts = parts.Where(p => read.Contains(p.Name)).ToList();
        var stagedParts = parts.Where(p => kept.Contains(p.Name)).ToList();
        return new TransferVolume(
            movedParts.Sum(p => p.Bytes), stagedParts.Sum(p => p.Bytes), movedParts.Select(p => p.Name).ToList(), stagedParts.Select(p => p.Name).ToList());
    }
}
