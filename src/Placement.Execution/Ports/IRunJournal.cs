using Placement.Execution.Journal;

namespace Placement.Execution.Ports;

/// <summary>
/// What the activity bodies (<c>Placement.Execution.Activities</c>) record about a run: attempts, commits (unique per
/// idempotency key <c>runId/nodeId</c>: the store decides, so two writers cannot both commit), transfers. The
/// embedded executor's <see cref="SqliteJournal"/> implements it; another driver (a Temporal worker) may pass
/// the same journal or its own store. Implementations are thread-safe.
/// </summary>
public interface IRunJournal
{
    /// <summary>Records the start of an attempt before its handler runs (append-only: an attempt number is never reused); <paramref name="kind"/> is <see cref="AttemptKind.Primary"/> or <see cref="AttemptKind.Fallback"/>.</summary>
    void StartAttempt(string runId, string node, int attempt, DateTimeOffset at, string kind = AttemptKind.Primary);

    /// <summary>The highest attempt number journaled for a node in a run (0 when none).</summary>
    int LastAttempt(string runId, string node);

    /// <summary>Records the process (group leader pid and start time) a running attempt started.</summary>
    void SetAttemptProcess(string runId, string node, int attempt, int pid, string pidStart);

    /// <summary>Records the end of an attempt: <c>ok</c>, <c>failed</c>, <c>timeout</c> or <c>cancelled</c>.</summary>
    void EndAttempt(string runId, string node, int attempt, DateTimeOffset at, string status, string? error);

    /// <summary>Commits a node's output once; false (nothing written) when a valid commit with that idempotency key exists.</summary>
    bool TryCommit(CommitRow row);

    /// <summary>The valid commit of a node in a run, or null.</summary>
    CommitRow? Commit(string runId, string node);

    /// <summary>Marks a node's commit in a run invalid so it runs again.</summary>
    void Invalidate(string runId, string node, string reason);

    /// <summary>The latest valid output of a node with that cache key in any run, or null.</summary>
    CommitRow? FindCached(string node, string cacheKey);

    /// <summary>Records a completed transfer (one per run, item and destination).</summary>
    void RecordTransfer(TransferRow transfer);

    /// <summary>The completed transfer of an item to a destination in a run, or null.</summary>
    TransferRow? Transfer(string runId, string data, string to);

    /// <summary>
    /// Records one part of an item moved to a destination, once per (run, item, part, destination), and makes the item's
    /// transfer row there the sum of its parts (mode <paramref name="itemMode"/> unless the row has one). False when
    /// that part was journaled already (nothing changed).
    /// </summary>
    bool RecordPartTransfer(PartTransferRow part, string itemMode, string itemSha256);

    /// <summary>The parts moved in a run (of one item and destination when given), ordered by item, destination and part.</summary>
    IReadOnlyList<PartTransferRow> PartTransfers(string runId, string? data = null, string? to = null);
}
