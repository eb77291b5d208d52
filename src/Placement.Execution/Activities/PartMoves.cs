using Placement.Core.Model;
using Placement.Execution.Journal;
using Placement.Execution.Storage;

namespace Placement.Execution.Activities;

/// <summary>
/// Moving the parts of an output with parts (docs/executors.md, "Outputs with parts"), shared by every driver: the
/// output lies at its home as one object with a <see cref="PartIndex"/>, so each part is a byte range of it. A staged
/// move copies the parts its storing readers there read into the destination's bucket as one object per part
/// (<see cref="StorageKey.ForPart"/>); a reader without storage streams the parts it reads that are not staged there.
/// Each (item, part, destination) is journaled once (<see cref="PartTransferRow"/>) and never moved again: a resumed
/// move skips every journaled part whose copy is intact, and journals without copying a part whose copy a killed
/// session wrote (intact, with the index's hash) but did not journal.
/// </summary>
public sealed class PartMoves(ActivityServices services)
{
    /// <summary>Mode of a part copied into the destination's bucket.</summary>
    public const string Staged = "stream";

    /// <summary>Mode of a part streamed from the home to a consumer without storage.</summary>
    public const string Streamed = "stream-to-consumer";

    /// <summary>The index of the item's object at its home (retried like any storage operation).</summary>
    public async Task<PartIndex> IndexAsync(string runId, string item, Location home, string key, string? expectedSha256, CancellationToken cancel)
    {
        PartIndex? index = null;
        await services.WithRetriesAsync(runId, item, home, async () =>
            index = await PartIndex.ReadAsync(services.Storage.For(home), home, key, expectedSha256, cancel).ConfigureAwait(false), cancel).ConfigureAwait(false);
        return index!;
    }

    /// <summary>
    /// Copies <paramref name="parts"/> of the item from its home into the destination's bucket, each part at most once
    /// per run (see the class summary), and returns the item's transfer row there (the sum of its parts), or null when no
    /// part is to be staged.
    /// </summary>
    public async Task<TransferRow?> CopyAsync(MoveRequest request, IReadOnlyList<string> parts, CancellationToken cancel)
    {
        var (runId, item, from, to, key, _, expectHash, _) = request;
        var index = await IndexAsync(runId, item, from, key, expectHash, cancel).ConfigureAwait(false);
        var journaled = services.Journal.PartTransfers(runId, item, to.ToString()).ToDictionary(p => p.Part, StringComparer.Ordinal);
        var target = services.Storage.For(to);
        foreach (var name in parts)
        {
            var range = index.Part(name);
            var partKey = StorageKey.ForPart(key, name);
            var intact = await services.IntactAsync(to, partKey, range.Sha256, cancel).ConfigureAwait(false);
            if (intact)
            {
                // Journaled already, or copied by a session that died before journaling it: either way it moved once.
                if (!journaled.ContainsKey(name))
                {
                    var now = services.Time.GetUtcNow();
                    Record(new PartTransferRow(runId, item, name, from.ToString(), to.ToString(), range.Bytes, range.Sha256, Staged, 0, 1, now, now), expectHash);
                }

                continue;
            }

            var started = services.Time.GetUtcNow();
            var attempts = await services.WithRetriesAsync(runId, item, to, async () =>
            {
                using var stored = await services.Storage.For(from).OpenRangeAsync(from, key, range.Offset, range.Bytes, cancel).ConfigureAwait(false);
                await using var hashing = new HashingStream(stored.Content, Math.Min(stored.LengthBytes, range.Bytes));
                await target.PutAsync(to, partKey, hashing, hashing.Limit, cancel).ConfigureAwait(false);
                Verify(item, range, hashing);
            }, cancel).ConfigureAwait(false);

            // A journaled part whose copy was lost is copied again (recovery), and stays journaled once.
            Record(new PartTransferRow(runId, item, name, from.ToString(), to.ToString(), range.Bytes, range.Sha256, Staged, (services.Time.GetUtcNow() - started).TotalSeconds, attempts, started, services.Time.GetUtcNow()), expectHash);
        }

        return services.Journal.Transfer(runId, item, to.ToString());
    }

    /// <summary>
    /// Reads one part for a consumer at <paramref name="loc"/> into <paramref name="path"/> (or nowhere when null):
    /// from the staged copy when <paramref name="stagedThere"/>, else as a range of the home object; a range read by a
    /// consumer away from the home is the part's transfer to <paramref name="loc"/>, journaled once however many
    /// consumers there read it. Returns the bytes read; throws <see cref="IOException"/> when the bytes are not the part's.
    /// </summary>
    public async Task<long> ReadAsync(string runId, AttemptInput input, PartIndex index, string part, Location loc, bool stagedThere, string? path, CancellationToken cancel)
    {
        var range = index.Part(part);
        var remote = !stagedThere && input.Home != loc;
        if (path is null && !remote)
        {
            // The handler reads no files and nothing is to be counted: the part stays in its bucket.
            return 0;
        }

        var started = services.Time.GetUtcNow();
        long bytes = 0;
        var attempts = await services.WithRetriesAsync(runId, input.Item, loc, async () =>
        {
            using var stored = stagedThere
                ? await services.Storage.For(loc).OpenReadAsync(loc, StorageKey.ForPart(input.ObjectKey, part), cancel).ConfigureAwait(false)
                : await services.Storage.For(input.Home).OpenRangeAsync(input.Home, input.ObjectKey, range.Offset, range.Bytes, cancel).ConfigureAwait(false);
            await using var hashing = new HashingStream(stored.Content, Math.Min(stored.LengthBytes, range.Bytes));
            await using (var file = path is null ? Stream.Null : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await hashing.CopyToAsync(file, 1 << 16, cancel).ConfigureAwait(false);
            }

            Verify(input.Item, range, hashing);
            bytes = hashing.BytesRead;
        }, cancel).ConfigureAwait(false);
        if (remote)
        {
            Record(new PartTransferRow(runId, input.Item, part, input.Home.ToString(), loc.ToString(), bytes, range.Sha256, Streamed, (services.Time.GetUtcNow() - started).TotalSeconds, attempts, started, services.Time.GetUtcNow()), index.Sha256);
        }

        return bytes;
    }

    private void Record(PartTransferRow row, string itemSha)
    {
        if (services.Journal.RecordPartTransfer(row, row.Mode, itemSha))
        {
            services.Progress?.Report(new Ports.RunEvent.TransferDone(row.RunId, $"{row.Data}/{row.Part}", row.From, row.To, row.Bytes, row.Mode));
        }
    }

    private static void Verify(string item, PartRange range, HashingStream hashing)
    {
        if (hashing.BytesRead != range.Bytes || hashing.Sha256Hex() != range.Sha256)
        {
            throw new IOException($"part {range.Name} of {item}: read {hashing.BytesRead} bytes that are not the part's ({range.Bytes} bytes, sha256 {range.Sha256})");
        }
    }
}
