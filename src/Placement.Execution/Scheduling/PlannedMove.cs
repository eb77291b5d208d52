using Placement.Core.Model;

namespace Placement.Execution.Scheduling;

/// <summary>
/// One planned transfer of a data item to a destination, exactly as the plan's <c>transfers</c> list it: one per
/// (item, destination), shared by every consumer there. Serialisable (names, locations, sizes only).
/// </summary>
/// <param name="Data">The data item moved (node output or dataset name).</param>
/// <param name="From">The item's storage home (where it is read from).</param>
/// <param name="To">The destination location.</param>
/// <param name="Staged">
/// True when a consumer at <paramref name="To"/> has storage: the item is copied into the destination's bucket
/// before the first consumer there starts (a separate move). False when no consumer there has storage: the
/// item is streamed to each consumer while its attempt reads inputs (<c>stream-to-consumer</c>), no move runs first.
/// </param>
/// <param name="ReadLimit">
/// Bytes to move: null for the whole object, else the largest declared edge <c>bytes</c> of the consumers that get
/// the data this way. For a staged move, those of the consumers with storage (the staged copy holds what they read,
/// cost-model.md); a consumer without storage there that reads more streams the rest from the home
/// (<see cref="NodeInputSource.Read"/>). For a streamed move, those of every consumer there.
/// </param>
/// <param name="Consumers">The plan's consumers of this transfer at the destination.</param>
/// <param name="Parts">
/// For an item with parts: the parts this transfer carries, in declared order, each once (the union of the parts the
/// consumers there read, <see cref="Core.Costing.TransferVolume"/>); null for an undivided item.
/// </param>
/// <param name="StagedParts">
/// For an item with parts: the parts the staged copy holds (the union of what the consumers with storage there read),
/// which the staged move copies; the rest of <paramref name="Parts"/> is streamed by the consumers without storage
/// that read it. Null for an undivided item; empty when nothing is staged.
/// </param>
public sealed record PlannedMove(string Data, Location From, Location To, bool Staged, long? ReadLimit, IReadOnlyList<string> Consumers,
    IReadOnlyList<string>? Parts = null, IReadOnlyList<string>? StagedParts = null)
{
    /// <summary>The move's id within a run (a Temporal activity id): <c>runId/transfer/ITEM/TO</c>.</summary>
    public string ActivityId(string runId) => $"{runId}/transfer/{Data}/{To}";
}

/// <summary>
/// One distinct input item of a node: where it lives and, when that is not the node's location, the plan's move
/// that brings it there (null <see cref="Move"/> with <see cref="IsLocal"/> false means the plan has no such
/// transfer: the node cannot run and the scenario must be re-planned).
/// </summary>
/// <param name="Item">Data item name.</param>
/// <param name="Home">The item's storage home.</param>
/// <param name="IsLocal">True when the item's home is the node's location (read in place, no transfer).</param>
/// <param name="Move">The planned transfer to the node's location, when the item is remote and the plan has one.</param>
/// <param name="Read">The bytes the node reads of the item: null for the whole object, else its edge's declared <c>bytes</c>.</param>
/// <param name="Parts">For an item with parts: the parts the node reads (its edges' <c>parts</c>, all when an edge names none), in declared order; null otherwise.</param>
public sealed record NodeInputSource(string Item, Location Home, bool IsLocal, PlannedMove? Move, long? Read = null, IReadOnlyList<string>? Parts = null)
{
    /// <summary>
    /// True when the node has no storage, its input is staged at its location and it reads more than the staged copy
    /// holds: it reads the staged copy, then streams the rest from the home (part of the same planned transfer).
    /// </summary>
    public bool StreamsBeyondStagedCopy(bool readerHasStorage) =>
        !readerHasStorage && Move is { Staged: true, ReadLimit: { } staged } && (Read is null || Read > staged);
}
