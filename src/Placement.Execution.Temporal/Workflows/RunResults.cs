namespace Placement.Execution.Temporal.Workflows;

/// <summary>What a node activity committed: URIs, sizes and hashes only (Temporal's payload limit is 2 MB).</summary>
/// <param name="Node">Node name.</param>
/// <param name="Location">Where it ran.</param>
/// <param name="StorageHome">Where its output is stored.</param>
/// <param name="Uri">Output object URI.</param>
/// <param name="Bytes">Output bytes.</param>
/// <param name="Sha256">Output SHA-256 (lower-case hex).</param>
/// <param name="Kind">How it was committed: <c>ran</c>, <c>fallback</c>, <c>cached</c> or <c>alreadycommitted</c>.</param>
/// <param name="Attempts">Temporal's attempt number of the activity that committed.</param>
/// <param name="StartedAt">When the committing attempt started (UTC).</param>
/// <param name="Seconds">Runtime of the committing attempt.</param>
/// <param name="InputTokens">LLM input tokens.</param>
/// <param name="OutputTokens">LLM output tokens.</param>
/// <param name="Moves">Moves the node made itself: its route-back and inputs streamed to it (consumers without storage).</param>
/// <param name="ObjectKey">The output's object key at its home.</param>
/// <param name="CacheKey">The node's cache key (definition version + input hashes).</param>
public sealed record NodeCommit(
    string Node,
    string Location,
    string StorageHome,
    string Uri,
    long Bytes,
    string Sha256,
    string Kind,
    int Attempts,
    DateTimeOffset StartedAt,
    double Seconds,
    long InputTokens,
    long OutputTokens,
    IReadOnlyList<MoveRecord> Moves,
    string ObjectKey = "",
    string CacheKey = "");

/// <summary>A data movement as performed (one per item and destination).</summary>
/// <param name="Data">Data item.</param>
/// <param name="From">Source location.</param>
/// <param name="To">Destination location.</param>
/// <param name="Bytes">Bytes moved.</param>
/// <param name="Sha256">Hash of the bytes moved.</param>
/// <param name="Mode"><c>server-copy</c>, <c>stream</c>, <c>stream-to-consumer</c> or <c>route-back</c>.</param>
/// <param name="Seconds">Duration.</param>
/// <param name="Attempts">Storage attempts made.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="EndedAt">End (UTC).</param>
/// <param name="Parts">For an output with parts: each part moved (once), as journaled where it moved; null otherwise.</param>
public sealed record MoveRecord(string Data, string From, string To, long Bytes, string Sha256, string Mode, double Seconds, int Attempts, DateTimeOffset StartedAt, DateTimeOffset EndedAt,
    IReadOnlyList<PartMoveRecord>? Parts = null);

/// <summary>One part of an output with parts moved to a destination (see <see cref="Journal.PartTransferRow"/>).</summary>
public sealed record PartMoveRecord(string Part, long Bytes, string Sha256, string Mode, double Seconds, int Attempts, DateTimeOffset StartedAt, DateTimeOffset EndedAt);

/// <summary>Input of the node activity (primary or fallback).</summary>
/// <param name="Run">The run's files.</param>
/// <param name="Node">The node.</param>
/// <param name="Fallback">True for the fallback handler (activity id <c>runId/nodeId#fallback</c>).</param>
/// <param name="InputHashes">SHA-256 of each input item (its producer's commit or the dataset's), for the cache key.</param>
/// <param name="InputKeys">Object key of each node input (its producer's commit: run-scoped, or a cached run's); datasets' keys are fixed.</param>
public sealed record NodeActivityInput(RunRef Run, string Node, bool Fallback, IReadOnlyDictionary<string, string> InputHashes, IReadOnlyDictionary<string, string>? InputKeys = null);

/// <summary>Input of a transfer activity.</summary>
/// <param name="Run">The run's files.</param>
/// <param name="Item">Data item.</param>
/// <param name="From">Its home.</param>
/// <param name="To">The destination (the activity runs on its queue).</param>
/// <param name="ExpectedSha256">The item's SHA-256 at its home (its producer's commit or the dataset's).</param>
/// <param name="ObjectKey">The item's object key at its home (its producer's commit); empty for a dataset (its fixed key).</param>
public sealed record TransferActivityInput(RunRef Run, string Item, string From, string To, string ExpectedSha256, string ObjectKey = "");

/// <summary>What the datasets activity found: each dataset's SHA-256 at its home, and the datasets that are nowhere.</summary>
public sealed record DatasetHashes(IReadOnlyDictionary<string, string> Hashes, IReadOnlyList<string> Problems);

/// <summary>Input of the final record activity, which writes the trace and the manifest.</summary>
/// <param name="Run">The run's files.</param>
/// <param name="Status"><c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Nodes">Committed nodes, in plan order.</param>
/// <param name="Transfers">Moves, in the order they finished.</param>
/// <param name="Errors">Why nodes failed, one line each.</param>
public sealed record RecordInput(RunRef Run, string Status, IReadOnlyList<NodeCommit> Nodes, IReadOnlyList<MoveRecord> Transfers, IReadOnlyList<string> Errors);

/// <summary>Where the record activity wrote the run's files (on the workflow queue's worker).</summary>
public sealed record RecordResult(string RunFolder, string TracePath, string ManifestPath);

/// <summary>The workflow's result.</summary>
/// <param name="RunId">Run id.</param>
/// <param name="Status"><c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Nodes">Committed nodes in plan order.</param>
/// <param name="Transfers">Moves.</param>
/// <param name="Errors">Failures, one line each.</param>
/// <param name="Record">Where the trace and manifest were written.</param>
public sealed record RunOutcome(string RunId, string Status, IReadOnlyList<NodeCommit> Nodes, IReadOnlyList<MoveRecord> Transfers, IReadOnlyList<string> Errors, RecordResult? Record);

/// <summary>What the <c>progress</c> query returns.</summary>
/// <param name="Nodes">Nodes in the plan.</param>
/// <param name="Done">Nodes committed.</param>
/// <param name="Running">Steps (nodes and transfers) with an activity in flight.</param>
/// <param name="Failed">Nodes failed for good.</param>
/// <param name="Stopped">Nodes that will not run because an ancestor failed (or the run was cancelled).</param>
/// <param name="BytesMoved">Bytes moved so far.</param>
/// <param name="RunningSteps">Activity ids in flight, in plan order.</param>
/// <param name="Status"><c>running</c> until the end, then the outcome's status.</param>
public sealed record RunProgress(int Nodes, int Done, int Running, int Failed, int Stopped, long BytesMoved, IReadOnlyList<string> RunningSteps, string Status);
