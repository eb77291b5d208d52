namespace Placement.Execution.Ports;

/// <summary>The outcome of a run.</summary>
/// <param name="RunId">Run identifier.</param>
/// <param name="Status">succeeded, failed or cancelled.</param>
/// <param name="RunFolder">Folder holding the manifest, the trace and work folders.</param>
/// <param name="TracePath">The run trace (placement-trace/1, docs/trace-format.md).</param>
/// <param name="Nodes">Per node: how it ended.</param>
/// <param name="Transfers">Per transfer: bytes moved.</param>
/// <param name="Errors">Why nodes failed, one line each.</param>
/// <param name="Seconds">Wall-clock seconds of the run (this process only).</param>
public sealed record RunResult(
    string RunId,
    RunStatus Status,
    string RunFolder,
    string TracePath,
    IReadOnlyList<NodeRecord> Nodes,
    IReadOnlyList<TransferRecord> Transfers,
    IReadOnlyList<string> Errors,
    double Seconds);

/// <summary>State of a run.</summary>
public enum RunStatus
{
    /// <summary>Started and not finished (or the process died).</summary>
    Running,

    /// <summary>Every node committed.</summary>
    Succeeded,

    /// <summary>Some node failed for good.</summary>
    Failed,

    /// <summary>Stopped on request.</summary>
    Cancelled,
}

/// <summary>A node as run: where, which output, how long, what it cost.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Location">Where it ran.</param>
/// <param name="StorageHome">Where its output is stored.</param>
/// <param name="Uri">Output object URI.</param>
/// <param name="Bytes">Output size in bytes.</param>
/// <param name="Sha256">Output content hash (lower-case hex).</param>
/// <param name="Kind">Ran, cached, already committed or fallback.</param>
/// <param name="Attempts">Attempts made in this run.</param>
/// <param name="StartedAt">When the node started (UTC).</param>
/// <param name="Seconds">Runtime in seconds (0 when cached).</param>
/// <param name="InputTokens">LLM input tokens reported.</param>
/// <param name="OutputTokens">LLM output tokens reported.</param>
public sealed record NodeRecord(
    string Node,
    string Location,
    string StorageHome,
    string Uri,
    long Bytes,
    string Sha256,
    NodeCommitKind Kind,
    int Attempts,
    DateTimeOffset StartedAt,
    double Seconds,
    long InputTokens,
    long OutputTokens);

/// <summary>A transfer as performed: one per (data item, destination), as the plan lists them.</summary>
/// <param name="Data">Data item.</param>
/// <param name="From">Source location.</param>
/// <param name="To">Destination location.</param>
/// <param name="Bytes">Bytes moved by the attempt that completed.</param>
/// <param name="Mode">server-copy, stream (source to destination bucket), stream-to-consumer (no bucket at the destination) or route-back.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
/// <param name="Attempts">Attempts made (retries after a storage failure).</param>
/// <param name="StartedAt">When the move started, from the executor's clock (null in journals older than schema version 1).</param>
/// <param name="EndedAt">When it ended, from the executor's clock (null in journals older than schema version 1).</param>
public sealed record TransferRecord(string Data, string From, string To, long Bytes, string Mode, double Seconds, int Attempts, DateTimeOffset? StartedAt = null, DateTimeOffset? EndedAt = null);
