using System.Collections.Concurrent;
using System.Text.Json;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Execution.Handlers;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Engine;

/// <summary>
/// One run (new or resumed) of a plan inside the embedded executor: the ready queue, transfers, node attempts,
/// commits. Everything durable goes through the journal; the session itself holds only what a crash may lose.
/// </summary>
internal sealed class RunSession
{
    private readonly ExecutorOptions options;
    private readonly StorageMap storage;
    private readonly IReadOnlyDictionary<string, INodeHandler> handlers;
    private readonly SqliteJournal journal;
    private readonly TimeProvider time;
    private readonly Backoff backoff;
    private readonly RunRequest request;
    private readonly IProgress<RunEvent>? progress;
    private readonly string runId;
    private readonly string runFolder;
    private readonly WorkflowGraph graph;
    private readonly Dictionary<string, Location> locations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> homes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Data, Location To), TransferLine> planTransfers = new();
    private readonly ConcurrentDictionary<string, string> itemHashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Data, Location To), Lazy<Task<Location?>>> moves = new();
    private readonly ConcurrentDictionary<string, int> attemptsByNode = new(StringComparer.Ordinal);
    private readonly HashSet<string> forceRun;
    private readonly ConcurrentDictionary<string, CommitRow> committedBefore;
    private readonly ConcurrentDictionary<(string Data, string To), TransferRow> transfersDone;
    private readonly Dictionary<(string Item, Location To), long?> readLimits = new();
    private readonly List<string> errors = [];
    private readonly List<Task> cleanups = [];
    private volatile bool sharedFolderMade;

    public RunSession(ExecutorOptions options, StorageMap storage, IReadOnlyDictionary<string, INodeHandler> handlers, SqliteJournal journal,
        TimeProvider time, Backoff backoff, RunRequest request, string runId, IReadOnlySet<string> forceRun, IProgress<RunEvent>? progress)
    {
        this.options = options;
        this.storage = storage;
        this.handlers = handlers;
        this.journal = journal;
        this.time = time;
        this.backoff = backoff;
        this.request = request;
        this.runId = runId;
        this.progress = progress;
        this.forceRun = new HashSet<string>(forceRun, StringComparer.Ordinal);
        graph = request.Graph;
        runFolder = Path.Combine(Path.GetFullPath(options.StateFolder), "runs", runId);
        foreach (var line in request.Plan.Cost.Nodes)
        {
            locations[line.Node] = line.Location;
            homes[line.Node] = line.StorageHome;
        }

        foreach (var d in graph.Scenario.Datasets)
        {
            homes[d.Name] = d.Home;
        }

        foreach (var t in request.Plan.Cost.Transfers.Where(t => !t.IsRouteBack))
        {
            planTransfers[(t.Data, t.To)] = t;
        }

        // What earlier sessions of this run committed and moved, read once (resume); kept current in memory.
        committedBefore = new ConcurrentDictionary<string, CommitRow>(journal.Commits(runId), StringComparer.Ordinal);
        transfersDone = new ConcurrentDictionary<(string, string), TransferRow>(journal.Transfers(runId).ToDictionary(t => (t.Data, t.To)));
        foreach (var group in graph.Scenario.Edges.Where(e => locations.ContainsKey(e.To)).GroupBy(e => (e.From, locations[e.To])))
        {
            readLimits[group.Key] = group.All(e => e.Bytes is not null) ? group.Max(e => e.Bytes!.Value) : null;
        }
    }

    public string RunFolder => runFolder;

    public IReadOnlyList<string> Errors => errors;

    public string Key(string item) => StorageKey.ForItem(graph.Scenario.Name, item);

    /// <summary>Makes sure every dataset is in its home bucket (uploading a local file named by its URI) and hashes it.</summary>
    public async Task<IReadOnlyList<string>> PrepareDatasetsAsync(CancellationToken cancel)
    {
        var problems = new List<string>();
        foreach (var d in graph.Scenario.Datasets)
        {
            var backend = storage.For(d.Home);
            var key = Key(d.Name);
            var local = LocalPath(d.Uri);
            if (local is not null && File.Exists(local))
            {
                var fileHash = await ContentHash.OfFileAsync(local, cancel).ConfigureAwait(false);
                var stored = await ContentHash.OfObjectAsync(backend, d.Home, key, cancel).ConfigureAwait(false);
                if (stored?.Sha256 != fileHash)
                {
                    await using var file = File.OpenRead(local);
                    await backend.PutAsync(d.Home, key, file, file.Length, cancel).ConfigureAwait(false);
                }

                itemHashes[d.Name] = fileHash;
                continue;
            }

            var existing = await ContentHash.OfObjectAsync(backend, d.Home, key, cancel).ConfigureAwait(false);
            if (existing is { } e)
            {
                itemHashes[d.Name] = e.Sha256;
            }
            else
            {
                problems.Add($"dataset {d.Name}: not in its home bucket ({backend.UriOf(d.Home, key)}) and its uri '{d.Uri}' is not a local file; give uri: a path relative to the scenario");
            }
        }

        return problems;
    }

    /// <summary>Runs every node not yet committed, in dependency order, within the concurrency limits.</summary>
    public async Task<RunStatus> RunAsync(CancellationToken cancel)
    {
        var nodeNames = graph.TopologicalOrder;
        var order = nodeNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var waiting = nodeNames.ToDictionary(n => n, n => graph.Inputs(n).Count(e => graph.IsNode(e.From)), StringComparer.Ordinal);
        var ready = new SortedSet<int>(nodeNames.Where(n => waiting[n] == 0).Select(n => order[n]));
        var running = new Dictionary<Task<bool>, string>();
        var perLocation = new Dictionary<Location, int>();
        var failed = false;
        while (ready.Count > 0 || running.Count > 0)
        {
            if (!cancel.IsCancellationRequested)
            {
                foreach (var index in ready.ToList())
                {
                    if (running.Count >= options.MaxParallelism)
                    {
                        break;
                    }

                    var name = nodeNames[index];
                    var loc = locations[name];
                    var busy = perLocation.GetValueOrDefault(loc);
                    if (busy >= options.ConcurrencyAt(loc.ToString()))
                    {
                        continue;
                    }

                    perLocation[loc] = busy + 1;
                    ready.Remove(index);
                    running[Task.Run(() => ExecuteNodeAsync(name, cancel), CancellationToken.None)] = name;
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var node = running[finished];
            running.Remove(finished);
            perLocation[locations[node]]--;
            if (!await finished.ConfigureAwait(false))
            {
                failed = true;
                continue;
            }

            foreach (var child in graph.Readers(node).Select(e => e.To).Distinct(StringComparer.Ordinal))
            {
                if (--waiting[child] == 0)
                {
                    ready.Add(order[child]);
                }
            }
        }

        Task[] pending;
        lock (cleanups)
        {
            pending = [.. cleanups];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        return cancel.IsCancellationRequested ? RunStatus.Cancelled : failed ? RunStatus.Failed : RunStatus.Succeeded;
    }

    private async Task<bool> ExecuteNodeAsync(string name, CancellationToken cancel)
    {
        try
        {
            await ExecuteNodeCoreAsync(name, cancel).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            lock (errors)
            {
                errors.Add($"{name}: {e.Message}");
            }

            progress?.Report(new RunEvent.NodeFailed(runId, name, e.Message));
            return false;
        }
    }

    private async Task ExecuteNodeCoreAsync(string name, CancellationToken cancel)
    {
        var node = graph.Node(name);
        var loc = locations[name];
        var home = homes[name];
        var backend = storage.For(home);
        var key = Key(name);
        var started = time.GetUtcNow();

        // Resume: a node this run already committed is kept when its object is intact, else run again.
        if (committedBefore.TryRemove(name, out var committed))
        {
            if (await IntactAsync(backend, home, key, committed.Sha256, cancel).ConfigureAwait(false))
            {
                itemHashes[name] = committed.Sha256;
                progress?.Report(new RunEvent.NodeCommitted(runId, name, committed.Uri, committed.Bytes, 0, NodeCommitKind.AlreadyCommitted));
                return;
            }

            journal.Invalidate(runId, name, "output missing or hash mismatch on resume");
        }

        var inputs = graph.Inputs(name);
        var cacheKey = CacheKey(node, inputs);
        if (!forceRun.Contains(name) && journal.FindCached(name, cacheKey) is { } cached
            && cached.ObjectKey == key && cached.StorageHome == home.ToString() && cached.Uri == backend.UriOf(home, key)
            && await IntactAsync(backend, home, key, cached.Sha256, cancel).ConfigureAwait(false))
        {
            Commit(name, loc, home, key, backend.UriOf(home, key), cached.Bytes, cached.Sha256, cacheKey, NodeCommitKind.Cached, 0, started, 0, NodeOutcome.Done);
            return;
        }

        // Inputs: each remote item moves once per destination (shared by every consumer there), then is read locally.
        var sources = new List<(string Item, Location Bucket, bool Streamed)>();
        foreach (var item in inputs.Select(e => e.From).Distinct(StringComparer.Ordinal))
        {
            var itemHome = homes[item];
            if (itemHome == loc)
            {
                sources.Add((item, itemHome, false));
                continue;
            }

            var staged = await moves.GetOrAdd((item, loc), k => new Lazy<Task<Location?>>(() => MoveAsync(k.Data, k.To, cancel))).Value.ConfigureAwait(false);
            sources.Add((item, staged ?? itemHome, staged is null));
        }

        // The primary handler's attempts first; when they are exhausted (or it fails permanently), the fallback
        // handler's (its own maxAttempts, default 1), numbered on from the primary's.
        var primary = node.Handler!;
        var maxAttempts = HandlerSettings.MaxAttempts(primary.Settings, options.MaxAttempts);
        var fallbackAttempts = primary.Fallback is { } fb ? HandlerSettings.MaxAttempts(fb.Settings, 1) : 0;
        string? lastError = null;
        for (var attempt = 1; ; attempt++)
        {
            var useFallback = attempt > maxAttempts;
            if (useFallback && primary.Fallback is null)
            {
                throw new InvalidOperationException($"failed after {maxAttempts} attempt(s): {lastError}");
            }

            var spec = useFallback ? primary.Fallback! : primary;
            var settings = spec.Settings;
            var runner = handlers[spec.Kind];
            var timeout = HandlerSettings.Timeout(settings, options.NodeTimeout);
            var lastOfKind = useFallback ? attempt >= maxAttempts + fallbackAttempts : attempt >= maxAttempts;
            var files = runner.ReadsInputFiles;
            var work = files ? Path.Combine(runFolder, "work", name, $"attempt-{attempt}") : SharedOutputFolder();
            if (files && Directory.Exists(work))
            {
                // Left by a crashed process.
                Directory.Delete(work, recursive: true);
            }

            if (files)
            {
                Directory.CreateDirectory(Path.Combine(work, "in"));
            }

            attemptsByNode[name] = attempt;
            if (attempt == 1)
            {
                // The node's runtime starts with its first attempt, after its inputs moved; it spans every attempt, fallback included.
                started = time.GetUtcNow();
            }

            journal.StartAttempt(runId, name, attempt, time.GetUtcNow(), useFallback ? AttemptKind.Fallback : AttemptKind.Primary);
            progress?.Report(new RunEvent.NodeStarted(runId, name, loc.ToString(), attempt, useFallback ? spec.Kind : null));
            var outputPath = files ? Path.Combine(work, "output.bin") : Path.Combine(work, $"{name}.{attempt}.out");
            try
            {
                var materialised = await MaterialiseAsync(name, sources, files ? Path.Combine(work, "in") : null, cancel).ConfigureAwait(false);
                using var limit = new CancellationTokenSource(timeout, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, limit.Token);
                NodeOutcome outcome;
                try
                {
                    outcome = await runner.RunAsync(new NodeWork(runId, node, loc, attempt, work, materialised, outputPath, settings, request.ScenarioFolder, useFallback), linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancel.IsCancellationRequested)
                {
                    throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.###} s");
                }

                if (!File.Exists(outputPath))
                {
                    throw new InvalidOperationException("the handler wrote no output");
                }

                var (uri, bytes, sha) = await StoreOutputAsync(node, loc, home, key, outputPath, cancel).ConfigureAwait(false);
                journal.EndAttempt(runId, name, attempt, time.GetUtcNow(), "ok", null);
                Commit(name, loc, home, key, uri, bytes, sha, cacheKey, useFallback ? NodeCommitKind.Fallback : NodeCommitKind.Ran, attempt, started, (time.GetUtcNow() - started).TotalSeconds, outcome);
                if (!files)
                {
                    File.Delete(outputPath);
                }
                else if (!options.KeepWorkFolders)
                {
                    // Off the critical path: deleting folders is slow on journaling file systems; awaited at the end of the run.
                    var done = Path.Combine(runFolder, "work", name);
                    lock (cleanups)
                    {
                        cleanups.Add(Task.Run(() => Directory.Delete(done, recursive: true), CancellationToken.None));
                    }
                }


                return;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                journal.EndAttempt(runId, name, attempt, time.GetUtcNow(), "cancelled", null);
                throw;
            }
            catch (Exception e)
            {
                lastError = e.Message;
                journal.EndAttempt(runId, name, attempt, time.GetUtcNow(), e is TimeoutException ? "timeout" : "failed", Redact(e.Message));
                if (useFallback && (lastOfKind || e is PermanentNodeException))
                {
                    throw new InvalidOperationException($"fallback ({spec.Kind}) failed: {e.Message}", e);
                }

                if (e is PermanentNodeException)
                {
                    // Retrying cannot help: go straight to the fallback (or fail).
                    progress?.Report(new RunEvent.NodeAttemptFailed(runId, name, attempt, e.Message, null));
                    attempt = maxAttempts;
                    continue;
                }

                var last = lastOfKind;
                var delay = last ? TimeSpan.Zero : backoff.After(attempt);
                progress?.Report(new RunEvent.NodeAttemptFailed(runId, name, attempt, e.Message, last ? null : delay.TotalSeconds));
                if (!last)
                {
                    await Task.Delay(delay, time, cancel).ConfigureAwait(false);
                }
            }
        }
    }

    private void Commit(string name, Location loc, Location home, string key, string uri, long bytes, string sha, string cacheKey, NodeCommitKind kind, int attempts, DateTimeOffset started, double seconds, NodeOutcome outcome)
    {
        var row = new CommitRow(runId, name, IdempotencyKeys.Node(runId, name), loc.ToString(), home.ToString(), key, uri, bytes, sha, cacheKey, kind, attempts, started, seconds, outcome.InputTokens, outcome.OutputTokens);
        if (!journal.TryCommit(row))
        {
            // The idempotency key was already committed (another process resumed the same run): keep that one.
            itemHashes[name] = journal.Commits(runId)[name].Sha256;
            return;
        }

        itemHashes[name] = sha;
        progress?.Report(new RunEvent.NodeCommitted(runId, name, uri, bytes, seconds, kind));
    }

    /// <summary>Uploads a node's output to its home, appending to the existing object when the node reuses storage.</summary>
    private async Task<(string Uri, long Bytes, string Sha)> StoreOutputAsync(WorkflowNode node, Location loc, Location home, string key, string outputPath, CancellationToken cancel)
    {
        var backend = storage.For(home);
        var exists = await backend.SizeAsync(home, key, cancel).ConfigureAwait(false) is not null;
        var mode = OutputWrite.Decide(node.ReuseStorage, exists);
        var upload = outputPath;
        if (mode == OutputWriteMode.Append)
        {
            upload = outputPath + ".appended";
            await using (var combined = File.Create(upload))
            {
                using (var existing = await backend.OpenReadAsync(home, key, cancel).ConfigureAwait(false))
                {
                    await existing.Content.CopyToAsync(combined, cancel).ConfigureAwait(false);
                }

                await using var fresh = File.OpenRead(outputPath);
                await fresh.CopyToAsync(combined, cancel).ConfigureAwait(false);
            }
        }

        var bytes = new FileInfo(upload).Length;
        var sha = "";
        var moveStart = time.GetUtcNow();
        var attempts = await WithRetriesAsync(node.Name, home, async () =>
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
            Record(node.Name, loc, home, sent, sha, "route-back", attempts, moveStart);
        }

        return (backend.UriOf(home, key), bytes, sha);
    }

    /// <summary>
    /// The plan's transfer of <paramref name="item"/> to <paramref name="to"/>, done once. Returns the bucket the
    /// consumers read from (the staged copy at the destination), or null when the consumers there have no storage
    /// and the item is streamed to them instead (the transfer then happens in <see cref="MaterialiseAsync"/>).
    /// </summary>
    private async Task<Location?> MoveAsync(string item, Location to, CancellationToken cancel)
    {
        if (!planTransfers.TryGetValue((item, to), out var planned))
        {
            throw new InvalidOperationException($"the plan has no transfer of {item} to {to}; re-plan the scenario");
        }

        var staged = planned.Consumers.Any(c => graph.Node(c).Persistence == Persistence.Native);
        if (!staged)
        {
            return null;
        }

        var from = homes[item];
        var key = Key(item);
        var limit = ReadLimit(item, to);
        var expectHash = itemHashes[item];
        transfersDone.TryGetValue((item, to.ToString()), out var done);
        if (done is not null && (limit is not null || done.Sha256 == expectHash) && await IntactAsync(storage.For(to), to, key, done.Sha256, cancel).ConfigureAwait(false))
        {
            return to;
        }

        var moveStart = time.GetUtcNow();
        long bytes = 0;
        var sha = expectHash;
        var mode = "stream";
        var attempts = await WithRetriesAsync(item, to, async () =>
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
        Record(item, from, to, bytes, sha, mode, attempts, moveStart);
        return to;
    }

    /// <summary>Reads inputs into the work folder. A streamed input (consumer without storage) is the transfer itself.</summary>
    private async Task<IReadOnlyList<NodeInput>> MaterialiseAsync(string node, IReadOnlyList<(string Item, Location Bucket, bool Streamed)> sources, string? folder, CancellationToken cancel)
    {
        var result = new List<NodeInput>();
        var loc = locations[node];
        foreach (var (item, bucket, streamed) in sources)
        {
            if (folder is null && !streamed)
            {
                // The handler reads no files and nothing is to be counted: the item stays in its bucket.
                result.Add(new NodeInput(item, "", 0));
                continue;
            }

            var path = folder is null ? "" : Path.Combine(folder, item);
            var limit = streamed ? ReadLimit(item, loc) ?? long.MaxValue : long.MaxValue;
            var moveStart = time.GetUtcNow();
            long bytes = 0;
            var sha = "";
            var attempts = await WithRetriesAsync(item, loc, async () =>
            {
                using var stored = await storage.For(bucket).OpenReadAsync(bucket, Key(item), cancel).ConfigureAwait(false);
                await using var hashing = new HashingStream(stored.Content, Math.Min(stored.LengthBytes, limit));
                await using (var file = folder is null ? Stream.Null : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await hashing.CopyToAsync(file, 1 << 16, cancel).ConfigureAwait(false);
                }

                bytes = hashing.BytesRead;
                sha = hashing.Sha256Hex();
            }, cancel).ConfigureAwait(false);
            if (streamed && !transfersDone.ContainsKey((item, loc.ToString())))
            {
                // One transfer per (item, destination), however many consumers there read it.
                Record(item, homes[item], loc, bytes, sha, "stream-to-consumer", attempts, moveStart);
            }

            result.Add(new NodeInput(item, path, bytes));
        }

        return result;
    }

    /// <summary>Bytes the consumers at a destination read: null for whole objects, else the largest declared read.</summary>
    private long? ReadLimit(string item, Location to) => readLimits.GetValueOrDefault((item, to));

    private string SharedOutputFolder()
    {
        var folder = Path.Combine(runFolder, "work", "_outputs");
        if (!sharedFolderMade)
        {
            Directory.CreateDirectory(folder);
            sharedFolderMade = true;
        }

        return folder;
    }

    /// <summary>Journals a finished move: it ends now on the injected clock, which also gives its duration.</summary>
    private void Record(string data, Location from, Location to, long bytes, string sha, string mode, int attempts, DateTimeOffset startedAt)
    {
        var endedAt = time.GetUtcNow();
        var row = new TransferRow(runId, data, from.ToString(), to.ToString(), bytes, sha, mode, (endedAt - startedAt).TotalSeconds, attempts, startedAt, endedAt);
        journal.RecordTransfer(row);
        transfersDone[(row.Data, row.To)] = row;
        progress?.Report(new RunEvent.TransferDone(runId, row.Data, row.From, row.To, row.Bytes, row.Mode));
    }

    private async Task<int> WithRetriesAsync(string item, Location where, Func<Task> action, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action().ConfigureAwait(false);
                return attempt;
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not ArgumentException && attempt < options.TransferAttempts)
            {
                var delay = backoff.After(attempt);
                progress?.Report(new RunEvent.TransferRetry(runId, item, where.ToString(), attempt, Redact(e.Message), delay.TotalSeconds));
                await Task.Delay(delay, time, cancel).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> IntactAsync(IStorageBackend backend, Location bucket, string key, string sha, CancellationToken cancel)
    {
        try
        {
            var actual = await ContentHash.OfObjectAsync(backend, bucket, key, cancel).ConfigureAwait(false);
            return actual?.Sha256 == sha;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or Amazon.Runtime.AmazonServiceException or Azure.RequestFailedException)
        {
            return false;
        }
    }

    private string CacheKey(WorkflowNode node, IReadOnlyList<ResolvedEdge> inputs)
    {
        var parts = inputs.Select(e => e.From).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(i => $"{i}={itemHashes[i]}");
        return ContentHash.OfText(NodeVersion(node) + "\n" + string.Join("\n", parts));
    }

    /// <summary>The node's definition version: a hash of everything about it that can change its output.</summary>
    public static string NodeVersion(WorkflowNode node)
    {
        static string[][] Settings(HandlerSpec? h) => h?.Settings.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new[] { p.Key, p.Value }).ToArray() ?? [];
        var parts = new List<object> { node.Name, node.Endpoint.KindWord, node.Persistence.ToString(), node.OutputBytes, node.ReuseStorage, node.Handler?.Kind ?? "", Settings(node.Handler) };
        if (node.Handler?.Fallback is { } fallback)
        {
            // Only when there is one, so nodes without a fallback keep their cache keys.
            parts.Add(new object[] { fallback.Kind, Settings(fallback) });
        }

        return ContentHash.OfText(JsonSerializer.Serialize(parts));
    }

    private string? LocalPath(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }

        if (uri.StartsWith("file://", StringComparison.Ordinal))
        {
            return new Uri(uri).LocalPath;
        }

        return uri.Contains("://", StringComparison.Ordinal) ? null : Path.GetFullPath(Path.Combine(request.ScenarioFolder, uri));
    }

    public int AttemptsOf(string node) => attemptsByNode.GetValueOrDefault(node);

    /// <summary>Removes anything that looks like a secret from a message before it is journaled or shown.</summary>
    public static string Redact(string message) => SecretRedactor.Redact(message);
}

