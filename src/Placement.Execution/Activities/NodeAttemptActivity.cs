using Placement.Core.Model;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Activities;

/// <summary>One input of a node attempt: where to read the item from. Serialisable.</summary>
/// <param name="Item">Data item name.</param>
/// <param name="Home">The item's storage home.</param>
/// <param name="Bucket">The bucket read: the item's home, or the staged copy at the node's location.</param>
/// <param name="ObjectKey">The item's object key.</param>
/// <param name="Streamed">True when no staged copy exists (the node's location has no storage for it): reading it is the plan's <c>stream-to-consumer</c> transfer.</param>
/// <param name="ReadLimit">For a streamed input, the bytes the consumers read (null: the whole object); with <paramref name="BeyondStaged"/>, the bytes this node reads.</param>
/// <param name="BeyondStaged">
/// True for a node without storage whose input is staged at its location but reads more than the staged copy holds
/// (the copy holds what the readers with storage read): it reads the staged copy, then streams the rest up to
/// <paramref name="ReadLimit"/> from the home, which completes the plan's one transfer of the item to this location.
/// </param>
/// <param name="Parts">For an output with parts: the parts this node reads, in declared order (each read whole); null for an undivided item.</param>
/// <param name="StagedParts">For an output with parts: the parts the staged copy at <paramref name="Bucket"/> holds (empty when it is not staged there).</param>
public sealed record AttemptInput(string Item, Location Home, Location Bucket, string ObjectKey, bool Streamed, long? ReadLimit, bool BeyondStaged = false,
    IReadOnlyList<string>? Parts = null, IReadOnlyList<string>? StagedParts = null)
{
    /// <summary>
    /// The input of an output with parts, as the shared scheduling core plans it: read in place at the home; at a
    /// destination with a staged copy, the staged parts from it and any other part it reads streamed from the home;
    /// with no staged copy, every part streamed from the home.
    /// </summary>
    public static AttemptInput ForParts(Scheduling.NodeInputSource source, Location loc, string key)
    {
        if (source.IsLocal)
        {
            return new AttemptInput(source.Item, source.Home, source.Home, key, false, null, false, source.Parts, []);
        }

        var move = source.Move ?? throw new InvalidOperationException($"the plan has no transfer of {source.Item} to {loc}; re-plan the scenario");
        return new AttemptInput(source.Item, source.Home, move.Staged ? loc : source.Home, key, !move.Staged, null, false, source.Parts, move.Staged ? move.StagedParts ?? [] : []);
    }
}

/// <summary>One attempt of a node (a Temporal activity with id <c>runId/nodeId</c>, or <c>runId/nodeId#fallback</c> for the fallback). Serialisable.</summary>
/// <param name="RunId">Run identifier.</param>
/// <param name="Node">Node name.</param>
/// <param name="Attempt">The attempt number as journaled (it grows across crashes and resumes; the command sees it as <c>PLACEMENT_ATTEMPT</c>).</param>
/// <param name="Fallback">True to run the node's fallback handler.</param>
/// <param name="Location">Where the node runs.</param>
/// <param name="Home">Where its output is stored.</param>
/// <param name="ObjectKey">The output's object key at <paramref name="Home"/>.</param>
/// <param name="CacheKey">The node's cache key (definition version + input hashes), recorded with the commit.</param>
/// <param name="NodeStartedAt">When the node's first attempt of this execution started (its runtime spans every attempt).</param>
/// <param name="Inputs">The node's inputs in edge order.</param>
/// <param name="PreviousOutputKey">
/// For a node that reuses storage: the key (at <paramref name="Home"/>) of its latest earlier output, which the new
/// output is appended to when <paramref name="ObjectKey"/> holds nothing yet (the earlier object is read, never changed).
/// </param>
public sealed record NodeAttemptRequest(string RunId, string Node, int Attempt, bool Fallback, Location Location, Location Home, string ObjectKey, string CacheKey, DateTimeOffset NodeStartedAt, IReadOnlyList<AttemptInput> Inputs, string? PreviousOutputKey = null);

/// <summary>
/// Runs one attempt of a node: journals the attempt (before the handler starts), reads the inputs from storage
/// into a fresh work folder, runs the handler under its timeout, uploads the output to the node's home hashing the
/// very bytes sent (appending when the node reuses storage), journals the route-back of a node without storage,
/// ends the attempt and commits the output once under <c>runId/nodeId</c>. Returns the commit that stands (another
/// writer's, when it committed first). Throws on failure after journaling the attempt's end (<c>failed</c>,
/// <c>timeout</c> as <see cref="TimeoutException"/>, <c>cancelled</c>); the caller decides on retries
/// (<see cref="Scheduling.AttemptPolicy"/>).
/// </summary>
public sealed class NodeAttemptActivity
{
    private readonly ActivityServices services;
    private readonly IReadOnlyDictionary<string, INodeHandler> handlers;
    private readonly WorkflowGraph graph;
    private readonly string scenarioFolder;
    private readonly string workRoot;
    private readonly TimeSpan defaultTimeout;
    private readonly Action<string>? deferDelete;
    private volatile bool sharedFolderMade;

    /// <summary>Creates the body.</summary>
    /// <param name="services">Storage, journal, clock.</param>
    /// <param name="handlers">Node handlers by kind.</param>
    /// <param name="graph">The scenario's graph (node definitions).</param>
    /// <param name="scenarioFolder">Folder of the scenario file (commands run scripts beside it).</param>
    /// <param name="workRoot">Folder of the work folders (<c>RUN_FOLDER/work</c>).</param>
    /// <param name="defaultTimeout">Timeout when the handler settings give no <c>timeoutSeconds</c>.</param>
    /// <param name="deferDelete">
    /// Called with a committed node's work folder to delete it later (off the critical path); null deletes nothing
    /// (<c>KeepWorkFolders</c>) when <paramref name="keepWorkFolders"/>, else at once.
    /// </param>
    /// <param name="keepWorkFolders">Keep work folders after a commit.</param>
    public NodeAttemptActivity(ActivityServices services, IReadOnlyDictionary<string, INodeHandler> handlers, WorkflowGraph graph, string scenarioFolder, string workRoot, TimeSpan defaultTimeout, Action<string>? deferDelete = null, bool keepWorkFolders = false)
    {
        this.services = services;
        this.handlers = handlers;
        this.graph = graph;
        this.scenarioFolder = scenarioFolder;
        this.workRoot = workRoot;
        this.defaultTimeout = defaultTimeout;
        this.deferDelete = keepWorkFolders ? null : deferDelete ?? (folder => Directory.Delete(folder, recursive: true));
    }

    /// <summary>The work folder of an attempt of a handler that reads input files.</summary>
    public static string WorkFolder(string workRoot, string node, int attempt) => Path.Combine(workRoot, node, $"attempt-{attempt}");

    /// <summary>Runs the attempt and commits its output; see the class summary.</summary>
    public async Task<CommitRow> RunAsync(NodeAttemptRequest request, CancellationToken cancel)
    {
        var (runId, name, attempt, useFallback, loc, home, key, cacheKey, started, inputs, previous) = request;
        var node = graph.Node(name);
        var spec = useFallback ? node.Handler!.Fallback ?? throw new InvalidOperationException($"node {name} has no fallback") : node.Handler!;
        var runner = handlers[spec.Kind];
        var timeout = HandlerSettings.Timeout(spec.Settings, defaultTimeout);
        var files = runner.ReadsInputFiles;
        var work = files ? WorkFolder(workRoot, name, attempt) : SharedOutputFolder();
        if (files && Directory.Exists(work))
        {
            // Left by a crashed process.
            Directory.Delete(work, recursive: true);
        }

        if (files)
        {
            Directory.CreateDirectory(Path.Combine(work, "in"));
        }

        var journal = services.Journal;
        var time = services.Time;
        journal.StartAttempt(runId, name, attempt, time.GetUtcNow(), useFallback ? AttemptKind.Fallback : AttemptKind.Primary);
        services.Progress?.Report(new RunEvent.NodeStarted(runId, name, loc.ToString(), attempt, useFallback ? spec.Kind : null));
        var outputPath = files ? Path.Combine(work, "output.bin") : Path.Combine(work, $"{name}.{attempt}.out");
        var partsFolder = node.Parts.Count == 0 ? null : files ? Path.Combine(work, "output.parts") : Path.Combine(work, $"{name}.{attempt}.parts");
        try
        {
            if (partsFolder is not null)
            {
                if (Directory.Exists(partsFolder))
                {
                    Directory.Delete(partsFolder, recursive: true);
                }

                Directory.CreateDirectory(partsFolder);
            }

            var materialised = await MaterialiseAsync(runId, loc, inputs, files ? Path.Combine(work, "in") : null, cancel).ConfigureAwait(false);
            using var limit = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, limit.Token);
            NodeOutcome outcome;
            try
            {
                void Started(int pid) => journal.SetAttemptProcess(runId, name, attempt, pid, ProcessIdentity.StartOf(pid) ?? "");
                outcome = await runner.RunAsync(new NodeWork(runId, node, loc, attempt, work, materialised, outputPath, spec.Settings, scenarioFolder, useFallback, Started, partsFolder), linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.###} s");
            }

            var ranges = partsFolder is not null ? await OutputParts.AssembleAsync(node, partsFolder, outputPath, cancel).ConfigureAwait(false) : null;
            if (!File.Exists(outputPath))
            {
                throw new InvalidOperationException("the handler wrote no output");
            }

            var (uri, bytes, sha) = await StoreOutputAsync(runId, node, loc, home, key, previous, outputPath, cancel).ConfigureAwait(false);
            if (ranges is not null)
            {
                // Before the commit: once committed, any reader anywhere finds each part's byte range beside the object.
                var index = new PartIndex(sha, bytes, ranges);
                await services.WithRetriesAsync(runId, name, home, () => index.WriteAsync(services.Storage.For(home), home, key, cancel), cancel).ConfigureAwait(false);
            }

            journal.EndAttempt(runId, name, attempt, time.GetUtcNow(), "ok", null);
            var row = new CommitRow(runId, name, IdempotencyKeys.Node(runId, name), loc.ToString(), home.ToString(), key, uri, bytes, sha, cacheKey,
                useFallback ? NodeCommitKind.Fallback : NodeCommitKind.Ran, attempt, started, (time.GetUtcNow() - started).TotalSeconds, outcome.InputTokens, outcome.OutputTokens);
            var committed = services.Commit(row);
            if (!files)
            {
                File.Delete(outputPath);
                if (partsFolder is not null)
                {
                    Directory.Delete(partsFolder, recursive: true);
                }
            }
            else
            {
                deferDelete?.Invoke(Path.Combine(workRoot, name));
            }

            return committed;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            journal.EndAttempt(runId, name, attempt, time.GetUtcNow(), "cancelled", null);
            throw;
        }
        catch (Exception e)
        {
            journal.EndAttempt(runId, name, attempt, time.GetUtcNow(), e is TimeoutException ? "timeout" : "failed", SecretRedactor.Redact(e.Message));
            throw;
        }
    }

    /// <summary>Uploads a node's output to its home, appending to the existing object when the node reuses storage.</summary>
    private async Task<(string Uri, long Bytes, string Sha)> StoreOutputAsync(string runId, WorkflowNode node, Location loc, Location home, string key, string? previous, string outputPath, CancellationToken cancel)
    {
        var backend = services.Storage.For(home);
        var existing = await backend.SizeAsync(home, key, cancel).ConfigureAwait(false) is not null ? key
            : previous is not null && node.ReuseStorage && await backend.SizeAsync(home, previous, cancel).ConfigureAwait(false) is not null ? previous
            : null;
        var mode = OutputWrite.Decide(node.ReuseStorage, existing is not null);
        var upload = outputPath;
        if (mode == OutputWriteMode.Append)
        {
            upload = outputPath + ".appended";
            await using (var combined = File.Create(upload))
            {
                using (var earlier = await backend.OpenReadAsync(home, existing!, cancel).ConfigureAwait(false))
                {
                    await earlier.Content.CopyToAsync(combined, cancel).ConfigureAwait(false);
                }

                await using var fresh = File.OpenRead(outputPath);
                await fresh.CopyToAsync(combined, cancel).ConfigureAwait(false);
            }
        }

        var bytes = new FileInfo(upload).Length;
        var sha = "";
        var moveStart = services.Time.GetUtcNow();
        var attempts = await services.WithRetriesAsync(runId, node.Name, home, async () =>
        {
            // The hash is taken from the very bytes sent, in the same pass.
            await using var file = new FileStream(upload, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using var hashing = new HashingStream(file, bytes);
            await backend.PutAsync(home, key, hashing, bytes, cancel).ConfigureAwait(false);
            sha = hashing.Sha256Hex();
        }, cancel).ConfigureAwait(false);
        if (loc != home)
        {
            // A node without storage sends its output back to its home: that is the plan's route-back transfer.
            var sent = mode == OutputWriteMode.Append ? new FileInfo(outputPath).Length : bytes;
            services.RecordTransfer(runId, node.Name, loc, home, sent, sha, "route-back", attempts, moveStart);
        }

        return (backend.UriOf(home, key), bytes, sha);
    }

    /// <summary>Reads inputs into the work folder. A streamed input (consumer without storage) is the transfer itself.</summary>
    private async Task<IReadOnlyList<NodeInput>> MaterialiseAsync(string runId, Location loc, IReadOnlyList<AttemptInput> sources, string? folder, CancellationToken cancel)
    {
        var result = new List<NodeInput>();
        foreach (var source in sources)
        {
            var (item, itemHome, bucket, key, streamed, readLimit, beyond, _, _) = source;
            if (source.Parts is not null)
            {
                result.Add(await ReadPartsAsync(runId, loc, source, folder, cancel).ConfigureAwait(false));
                continue;
            }

            if (beyond)
            {
                result.Add(await ReadBeyondStagedAsync(runId, loc, source, folder, cancel).ConfigureAwait(false));
                continue;
            }

            if (folder is null && !streamed)
            {
                // The handler reads no files and nothing is to be counted: the item stays in its bucket.
                result.Add(new NodeInput(item, "", 0));
                continue;
            }

            var path = folder is null ? "" : Path.Combine(folder, item);
            var limit = streamed ? readLimit ?? long.MaxValue : long.MaxValue;
            var moveStart = services.Time.GetUtcNow();
            long bytes = 0;
            var sha = "";
            var attempts = await services.WithRetriesAsync(runId, item, loc, async () =>
            {
                using var stored = await services.Storage.For(bucket).OpenReadAsync(bucket, key, cancel).ConfigureAwait(false);
                await using var hashing = new HashingStream(stored.Content, Math.Min(stored.LengthBytes, limit));
                await using (var file = folder is null ? Stream.Null : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await hashing.CopyToAsync(file, 1 << 16, cancel).ConfigureAwait(false);
                }

                bytes = hashing.BytesRead;
                sha = hashing.Sha256Hex();
            }, cancel).ConfigureAwait(false);
            if (streamed && services.Journal.Transfer(runId, item, loc.ToString()) is null)
            {
                // One transfer per (item, destination), however many consumers there read it.
                services.RecordTransfer(runId, item, itemHome, loc, bytes, sha, "stream-to-consumer", attempts, moveStart);
            }

            result.Add(new NodeInput(item, path, bytes));
        }

        return result;
    }

    /// <summary>
    /// The parts of an output with parts a node reads, each into <c>in/ITEM/PART</c>: the staged ones from the staged
    /// copy at its location, the others as byte ranges of the home object (a transfer when the home is elsewhere,
    /// journaled once per part and destination by <see cref="PartMoves"/>).
    /// </summary>
    private async Task<NodeInput> ReadPartsAsync(string runId, Location loc, AttemptInput source, string? folder, CancellationToken cancel)
    {
        var moves = new PartMoves(services);
        var index = await moves.IndexAsync(runId, source.Item, source.Home, source.ObjectKey, null, cancel).ConfigureAwait(false);
        var itemFolder = folder is null ? "" : Path.Combine(folder, source.Item);
        if (folder is not null)
        {
            Directory.CreateDirectory(itemFolder);
        }

        var staged = new HashSet<string>(source.StagedParts ?? [], StringComparer.Ordinal);
        var parts = new List<NodeInputPart>();
        foreach (var part in source.Parts!)
        {
            var path = folder is null ? null : Path.Combine(itemFolder, StorageKey.PartSegment(part));
            var stagedThere = staged.Contains(part) && source.Bucket == loc && source.Home != loc;
            var bytes = await moves.ReadAsync(runId, source, index, part, loc, stagedThere, path, cancel).ConfigureAwait(false);
            parts.Add(new NodeInputPart(part, path ?? "", bytes));
        }

        return new NodeInput(source.Item, itemFolder, parts.Sum(p => p.Bytes), parts);
    }

    /// <summary>
    /// A node without storage reading more of an item than the staged copy at its location holds: the staged copy
    /// first (a local read), then the rest from the home by a range read. That rest is the part of the plan's one
    /// transfer of the item to this location that the staged move did not carry: the journaled transfer grows by it,
    /// once per (item, destination).
    /// </summary>
    private async Task<NodeInput> ReadBeyondStagedAsync(string runId, Location loc, AttemptInput source, string? folder, CancellationToken cancel)
    {
        var (item, itemHome, bucket, key, _, readLimit, _, _, _) = source;
        var path = folder is null ? "" : Path.Combine(folder, item);
        var moveStart = services.Time.GetUtcNow();
        long local = 0, rest = 0;
        var attempts = await services.WithRetriesAsync(runId, item, loc, async () =>
        {
            await using var file = folder is null ? Stream.Null : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            if (folder is null)
            {
                // The handler reads no files: the staged share stays where it is; only the streamed rest is counted.
                local = await services.Storage.For(bucket).SizeAsync(bucket, key, cancel).ConfigureAwait(false) ?? 0;
            }
            else
            {
                using var staged = await services.Storage.For(bucket).OpenReadAsync(bucket, key, cancel).ConfigureAwait(false);
                await using var copy = new HashingStream(staged.Content, Math.Min(staged.LengthBytes, readLimit ?? long.MaxValue));
                await copy.CopyToAsync(file, 1 << 16, cancel).ConfigureAwait(false);
                local = copy.BytesRead;
            }

            using var remote = await services.Storage.For(itemHome).OpenReadAsync(itemHome, key, local, cancel).ConfigureAwait(false);
            await using var hashing = new HashingStream(remote.Content, Math.Min(remote.LengthBytes, (readLimit ?? long.MaxValue) - local));
            await hashing.CopyToAsync(file, 1 << 16, cancel).ConfigureAwait(false);
            rest = hashing.BytesRead;
        }, cancel).ConfigureAwait(false);

        // The staged move journaled what it carried; the streamed rest completes the same transfer (counted once).
        if (rest > 0 && services.Journal.Transfer(runId, item, loc.ToString()) is { } moved && moved.Bytes < local + rest)
        {
            services.RecordTransfer(runId, item, itemHome, loc, local + rest, moved.Sha256, moved.Mode, moved.Attempts + attempts - 1, moved.StartedAt ?? moveStart);
        }

        return new NodeInput(item, path, local + rest);
    }

    private string SharedOutputFolder()
    {
        var folder = Path.Combine(workRoot, "_outputs");
        if (!sharedFolderMade)
        {
            Directory.CreateDirectory(folder);
            sharedFolderMade = true;
        }

        return folder;
    }
}
