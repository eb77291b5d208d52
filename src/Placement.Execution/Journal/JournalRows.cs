using Placement.Execution.Ports;

namespace Placement.Execution.Journal;

/// <summary>A run as the journal records it; <see cref="PlanFile"/> is the plan file it was started with (null before schema version 2 or when not given).</summary>
public sealed record RunRow(string RunId, string Scenario, string ScenarioHash, string PlanHash, string Storage, RunStatus Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? PlanFile = null);

/// <summary>
/// A committed node output: the side effect of node <see cref="Node"/> in run <see cref="RunId"/>, recorded once
/// under <see cref="IdempotencyKey"/> (<c>runId/nodeId</c>). The object lives at <see cref="Uri"/> and is
/// <see cref="Bytes"/> long with SHA-256 <see cref="Sha256"/>; <see cref="CacheKey"/> lets later runs reuse it.
/// </summary>
public sealed record CommitRow(
    string RunId,
    string Node,
    string IdempotencyKey,
    string Location,
    string StorageHome,
    string ObjectKey,
    string Uri,
    long Bytes,
    string Sha256,
    string CacheKey,
    NodeCommitKind Kind,
    int Attempts,
    DateTimeOffset StartedAt,
    double Seconds,
    long InputTokens,
    long OutputTokens);

/// <summary>
/// A completed transfer of a run (one per data item and destination). <see cref="StartedAt"/> and
/// <see cref="EndedAt"/> are read from the executor's injected clock around the move (retries included); they are
/// null on rows written by journals before schema version 1.
/// </summary>
public sealed record TransferRow(string RunId, string Data, string From, string To, long Bytes, string Sha256, string Mode, double Seconds, int Attempts,
    DateTimeOffset? StartedAt = null, DateTimeOffset? EndedAt = null);

/// <summary>
/// One part of an item with parts moved to a destination (journal schema version 3): each (run, item, part,
/// destination) is journaled once, and the item's <see cref="TransferRow"/> there is the sum of its part rows.
/// <see cref="Mode"/> is <c>stream</c> (copied into the destination's bucket) or <c>stream-to-consumer</c> (read by a
/// consumer without storage from the item's home); <see cref="Sha256"/> is the part's hash.
/// </summary>
public sealed record PartTransferRow(string RunId, string Data, string Part, string From, string To, long Bytes, string Sha256, string Mode, double Seconds, int Attempts,
    DateTimeOffset StartedAt, DateTimeOffset EndedAt);

/// <summary>
/// One attempt of a node; <see cref="Kind"/> is <c>primary</c> or <c>fallback</c> (<see cref="AttemptKind"/>);
/// <see cref="Status"/> is <c>running</c>, <c>ok</c>, <c>failed</c>, <c>timeout</c>, <c>cancelled</c> or
/// <c>interrupted</c> (its executor process died during it).
/// </summary>
public sealed record AttemptRow(string RunId, string Node, int Attempt, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Status, string? Error, string Kind = AttemptKind.Primary);

/// <summary>
/// The one owner of a run: the process driving it (<see cref="Owner"/> is a fresh id per session; <see cref="Host"/>,
/// <see cref="Pid"/> and <see cref="PidStart"/> (<see cref="ProcessIdentity"/>) tell whether it is alive on this
/// machine; <see cref="HeartbeatAt"/> is renewed while it runs, for owners on another host).
/// </summary>
public sealed record LeaseRow(string RunId, string Owner, string Host, int Pid, string PidStart, DateTimeOffset AcquiredAt, DateTimeOffset HeartbeatAt);
