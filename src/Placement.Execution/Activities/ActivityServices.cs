using Placement.Core.Model;
using Placement.Execution.Engine;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Activities;

/// <summary>
/// What the activity bodies share: the storage map, the journal, the clock, the retry backoff of storage
/// operations, and an optional progress sink. One per driver process (thread-safe); a Temporal worker builds one
/// with its own storage map and journal and passes a null <see cref="Progress"/>.
/// </summary>
/// <param name="Storage">Storage service of each location.</param>
/// <param name="Journal">Where attempts, commits and transfers are recorded.</param>
/// <param name="Time">Clock and timers (timestamps, timeouts, backoff delays).</param>
/// <param name="Backoff">Delay before a retried storage operation.</param>
/// <param name="TransferAttempts">Tries per storage operation (at least 1).</param>
/// <param name="Progress">Where events go, or null.</param>
public sealed record ActivityServices(StorageMap Storage, IRunJournal Journal, TimeProvider Time, Backoff Backoff, int TransferAttempts, IProgress<RunEvent>? Progress)
{
    /// <summary>Runs a storage operation, retrying failures other than cancellation and refused arguments; returns the tries made.</summary>
    public async Task<int> WithRetriesAsync(string runId, string item, Location where, Func<Task> action, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action().ConfigureAwait(false);
                return attempt;
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not ArgumentException && attempt < TransferAttempts)
            {
                var delay = Backoff.After(attempt);
                Progress?.Report(new RunEvent.TransferRetry(runId, item, where.ToString(), attempt, SecretRedactor.Redact(e.Message), delay.TotalSeconds));
                await Task.Delay(delay, Time, cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when the object exists with that SHA-256; false when it is missing, different or unreadable.</summary>
    public async Task<bool> IntactAsync(Location bucket, string key, string sha, CancellationToken cancel)
    {
        try
        {
            var actual = await ContentHash.OfObjectAsync(Storage.For(bucket), bucket, key, cancel).ConfigureAwait(false);
            return actual?.Sha256 == sha;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or Amazon.Runtime.AmazonServiceException or Azure.RequestFailedException)
        {
            return false;
        }
    }

    /// <summary>Journals a finished move: it ends now on the injected clock, which also gives its duration.</summary>
    public TransferRow RecordTransfer(string runId, string data, Location from, Location to, long bytes, string sha, string mode, int attempts, DateTimeOffset startedAt)
    {
        var endedAt = Time.GetUtcNow();
        var row = new TransferRow(runId, data, from.ToString(), to.ToString(), bytes, sha, mode, (endedAt - startedAt).TotalSeconds, attempts, startedAt, endedAt);
        Journal.RecordTransfer(row);
        Progress?.Report(new RunEvent.TransferDone(runId, row.Data, row.From, row.To, row.Bytes, row.Mode));
        return row;
    }

    /// <summary>
    /// Commits a node's output under its idempotency key. Returns the committed row: this one, or the one
    /// another writer committed first under the same key (whose hash then stands).
    /// </summary>
    public CommitRow Commit(CommitRow row)
    {
        if (!Journal.TryCommit(row))
        {
            return Journal.Commit(row.RunId, row.Node) ?? throw new InvalidOperationException($"commit of {row.IdempotencyKey} refused but none is recorded");
        }

        Progress?.Report(new RunEvent.NodeCommitted(row.RunId, row.Node, row.Uri, row.Bytes, row.Seconds, row.Kind));
        return row;
    }
}
