namespace Placement.Execution.Ports;

/// <summary>Progress of a run, reported as it happens. A closed hierarchy: the cases below are all there are.</summary>
public abstract record RunEvent(string RunId)
{
    private RunEvent()
        : this(string.Empty)
    {
    }

    /// <summary>The run has its id and its journal rows and owns its lease; reported before any node or transfer starts.</summary>
    public sealed record RunStarted(string RunId, string RunFolder, bool Resumed) : RunEvent(RunId);

    /// <summary>A node started an attempt; <paramref name="Fallback"/> names the fallback handler's kind when the attempt runs it.</summary>
    public sealed record NodeStarted(string RunId, string Node, string Location, int Attempt, string? Fallback = null) : RunEvent(RunId);

    /// <summary>A node committed its output (or reused a cached or already committed one).</summary>
    public sealed record NodeCommitted(string RunId, string Node, string Uri, long Bytes, double Seconds, NodeCommitKind Kind) : RunEvent(RunId);

    /// <summary>An attempt failed; <paramref name="RetryInSeconds"/> is null when no retry follows.</summary>
    public sealed record NodeAttemptFailed(string RunId, string Node, int Attempt, string Error, double? RetryInSeconds) : RunEvent(RunId);

    /// <summary>A node failed for good.</summary>
    public sealed record NodeFailed(string RunId, string Node, string Error) : RunEvent(RunId);

    /// <summary>A data item moved from its home to a consumer's location.</summary>
    public sealed record TransferDone(string RunId, string Data, string From, string To, long Bytes, string Mode) : RunEvent(RunId);

    /// <summary>A transfer attempt failed and will be retried after <paramref name="RetryInSeconds"/>.</summary>
    public sealed record TransferRetry(string RunId, string Data, string To, int Attempt, string Error, double RetryInSeconds) : RunEvent(RunId);
}

/// <summary>How a node's output came to be committed.</summary>
public enum NodeCommitKind
{
    /// <summary>The handler ran and its output was committed.</summary>
    Ran,

    /// <summary>An output with the same cache key already existed at its home with the right hash.</summary>
    Cached,

    /// <summary>The run had already committed it before a crash (resume).</summary>
    AlreadyCommitted,

    /// <summary>The primary handler failed every attempt and the fallback produced the output.</summary>
    Fallback,
}
