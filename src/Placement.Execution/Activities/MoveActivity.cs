using Placement.Core.Model;
using Placement.Execution.Journal;
using Placement.Execution.Storage;

namespace Placement.Execution.Activities;

/// <summary>
/// One planned staged move (a Temporal activity on the destination's queue, id <c>runId/transfer/ITEM/TO</c>).
/// Serialisable.
/// </summary>
/// <param name="RunId">Run identifier.</param>
/// <param name="Data">Data item.</param>
/// <param name="From">The item's home.</param>
/// <param name="To">Destination.</param>
/// <param name="ObjectKey">The item's object key (the same in both buckets).</param>
/// <param name="ReadLimit">Bytes to move (a prefix) or null for the whole object.</param>
/// <param name="ExpectedSha256">The item's committed SHA-256 at its home (lower-case hex).</param>
/// <param name="Parts">
/// For an output with parts: the parts to stage (the plan's <see cref="Scheduling.PlannedMove.StagedParts"/>), each copied
/// once as its own object (<see cref="PartMoves"/>); null for an undivided item.
/// </param>
public sealed record MoveRequest(string RunId, string Data, Location From, Location To, string ObjectKey, long? ReadLimit, string ExpectedSha256, IReadOnlyList<string>? Parts = null);

/// <summary>
/// Performs one planned move into the destination's bucket: a server-side copy when both buckets belong to one
/// service and the whole object moves, else one stream from source to destination hashed on the way. Done at
/// most once per run, item and destination: a journaled move whose staged copy is still intact is not redone.
/// Storage failures are retried (<see cref="ActivityServices.WithRetriesAsync"/>).
/// </summary>
public sealed class MoveActivity(ActivityServices services)
{
    /// <summary>Moves the item (or finds it moved already) and returns the journaled transfer.</summary>
    public async Task<TransferRow> RunAsync(MoveRequest request, CancellationToken cancel)
    {
        var (runId, item, from, to, key, limit, expectHash, _) = request;
        if (request.Parts is { } parts)
        {
            return await new PartMoves(services).CopyAsync(request, parts, cancel).ConfigureAwait(false)
                ?? new TransferRow(runId, item, from.ToString(), to.ToString(), 0, expectHash, PartMoves.Staged, 0, 0);
        }

        var done = services.Journal.Transfer(runId, item, to.ToString());
        if (done is not null && (limit is not null || done.Sha256 == expectHash) && await services.IntactAsync(to, key, done.Sha256, cancel).ConfigureAwait(false))
        {
            return done;
        }

        var moveStart = services.Time.GetUtcNow();
        long bytes = 0;
        var sha = expectHash;
        var mode = "stream";
        var storage = services.Storage;
        var attempts = await services.WithRetriesAsync(runId, item, to, async () =>
        {
            var source = storage.For(from);
            var target = storage.For(to);
            if (limit is null && storage.SameService(from, to) && await source.TryServerSideCopyAsync(from, to, key, cancel).ConfigureAwait(false))
            {
                bytes = await target.SizeAsync(to, key, cancel).ConfigureAwait(false) ?? throw new IOException($"server-side copy of {item} to {to} left no object");
                mode = "server-copy";
                return;
            }

            using var stored = await source.OpenReadAsync(from, key, cancel).ConfigureAwait(false);
            var length = Math.Min(stored.LengthBytes, limit ?? long.MaxValue);
            await using var hashing = new HashingStream(stored.Content, length);
            await target.PutAsync(to, key, hashing, length, cancel).ConfigureAwait(false);
            bytes = hashing.BytesRead;
            sha = hashing.Sha256Hex();
            mode = "stream";
        }, cancel).ConfigureAwait(false);
        return services.RecordTransfer(runId, item, from, to, bytes, sha, mode, attempts, moveStart);
    }
}
