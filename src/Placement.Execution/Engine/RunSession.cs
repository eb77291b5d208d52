using System.Collections.Concurrent;
using Placement.Core.Model;
using Placement.Execution.Activities;
using Placement.Execution.Handlers;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Scheduling;
using Placement.Execution.Storage;

namespace Placement.Execution.Engine;

/// <summary>
/// The embedded driver of one run (new or resumed): the ready loop over the shared scheduling rules
/// (<see cref="RunSchedule"/>, <see cref="ScheduleTracker"/>, <see cref="ConcurrencyLimits"/>,
/// <see cref="AttemptPolicy"/>) calling the shared activity bodies (<see cref="ReuseActivity"/>,
/// <see cref="MoveActivity"/>, <see cref="NodeAttemptActivity"/>) on the thread pool. Everything durable goes
/// through the journal; the session itself holds only what a crash may lose.
/// </summary>
internal sealed class RunSession
{
    private readonly ExecutorOptions options;
    private readonly SqliteJournal journal;
    private readonly StorageMap storage;
    private readonly TimeProvider time;
    private readonly Backoff backoff;
    private readonly RunRequest request;
    private readonly IProgress<RunEvent>? progress;
    private readonly string runId;
    private readonly string runFolder;
    private readonly WorkflowGraph graph;
    private readonly RunSchedule schedule;
    private readonly ActivityServices services;
    private readonly ReuseActivity reuse;
    private readonly MoveActivity mover;
    private readonly NodeAttemptActivity attempts;
    private readonly DatasetActivity datasets;
    private readonly ConcurrentDictionary<string, string> itemHashes = new(StringComparer.Ordinal);

    // Where each item's committed object lives at its home: datasets at SCENARIO/ITEM, outputs at this run's key, or
    // another run's (cache hit) or an older layout's (kept commit of a journal before schema version 2).
    private readonly ConcurrentDictionary<string, string> itemKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Data, Location To), Lazy<Task<Location?>>> moves = new();
    private readonly ConcurrentDictionary<string, int> attemptsByNode = new(StringComparer.Ordinal);
    private readonly HashSet<string> forceRun;
    private readonly List<string> errors = [];
    private readonly List<Task> cleanups = [];

    public RunSession(ExecutorOptions options, StorageMap storage, IReadOnlyDictionary<string, INodeHandler> handlers, SqliteJournal journal,
        TimeProvider time, Backoff backoff, RunRequest request, string runId, IReadOnlySet<string> forceRun, IProgress<RunEvent>? progress)
    {
        this.options = options;
        this.journal = journal;
        this.storage = storage;
        this.time = time;
        this.backoff = backoff;
        this.request = request;
        this.runId = runId;
        this.progress = progress;
        this.forceRun = new HashSet<string>(forceRun, StringComparer.Ordinal);
        graph = request.Graph;
        runFolder = Path.Combine(Path.GetFullPath(options.StateFolder), "runs", runId);
        schedule = new RunSchedule(graph, request.Plan);
        services = new ActivityServices(storage, journal, time, backoff, options.TransferAttempts, progress);
        reuse = new ReuseActivity(services);
        mover = new MoveActivity(services);
        datasets = new DatasetActivity(services);
        attempts = new NodeAttemptActivity(services, handlers, graph, request.ScenarioFolder, Path.Combine(runFolder, "work"), options.NodeTimeout, DeferDelete, options.KeepWorkFolders);
    }

    public string RunFolder => runFolder;

    public IReadOnlyList<string> Errors => errors;

    /// <summary>The key of a dataset (<c>SCENARIO/ITEM</c>).</summary>
    public string DatasetKey(string item) => StorageKey.ForItem(graph.Scenario.Name, item);

    /// <summary>The key this run commits a node's output under (<c>SCENARIO/runs/RUN_ID/ITEM</c>).</summary>
    public string OutputKey(string node) => StorageKey.ForRunOutput(graph.Scenario.Name, runId, node);

    /// <summary>Makes sure every dataset is in its home bucket (uploading a local file named by its URI) and hashes it.</summary>
    public async Task<IReadOnlyList<string>> PrepareDatasetsAsync(CancellationToken cancel)
    {
        var prepared = await datasets.RunAsync(graph.Scenario, request.ScenarioFolder, DatasetKey, cancel).ConfigureAwait(false);
        foreach (var (name, sha) in prepared.Hashes)
        {
            itemHashes[name] = sha;
            itemKeys[name] = DatasetKey(name);
        }

        return prepared.Problems;
    }

    /// <summary>Runs every node not yet committed, in dependency order, within the concurrency limits.</summary>
    public async Task<RunStatus> RunAsync(CancellationToken cancel)
    {
        var tracker = new ScheduleTracker(schedule);
        var limits = new ConcurrencyLimits(options.MaxParallelism, options.PerLocationConcurrency, options.LocationConcurrency);
        var running = new Dictionary<Task<bool>, string>();
        var failed = false;
        while (!tracker.IsFinished)
        {
            if (!cancel.IsCancellationRequested)
            {
                foreach (var name in tracker.Startable(limits))
                {
                    tracker.Start(name);
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
            if (await finished.ConfigureAwait(false))
            {
                tracker.Complete(node);
            }
            else
            {
                tracker.Fail(node);
                failed = true;
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

    public int AttemptsOf(string node) => attemptsByNode.GetValueOrDefault(node);

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
        var loc = schedule.LocationOf(name);
        var home = schedule.HomeOf(name);
        var key = OutputKey(name);
        var started = time.GetUtcNow();

        // Resume: a node this run already committed is kept when its object is intact, else run again.
        if (await reuse.KeptAsync(runId, name, cancel).ConfigureAwait(false) is { } kept)
        {
            Committed(kept);
            return;
        }

        var sources = schedule.Inputs(name);
        var cacheKey = NodeCacheKey.Of(node, sources.Select(s => s.Item), i => itemHashes[i]);
        var uri = storage.For(home).UriOf(home, key);
        if (await reuse.CachedAsync(new ReuseRequest(runId, name, loc, home, key, uri, forceRun.Contains(name) ? null : cacheKey, started), cancel).ConfigureAwait(false) is { } cached)
        {
            Committed(cached);
            return;
        }

        // Inputs: each remote item moves once per destination (shared by every consumer there), then is read locally.
        var inputs = new List<AttemptInput>();
        foreach (var source in sources)
        {
            if (source.IsLocal)
            {
                inputs.Add(source.Parts is null ? new AttemptInput(source.Item, source.Home, source.Home, itemKeys[source.Item], false, null) : AttemptInput.ForParts(source, loc, itemKeys[source.Item]));
                continue;
            }

            var planned = source.Move ?? throw new InvalidOperationException($"the plan has no transfer of {source.Item} to {loc}; re-plan the scenario");
            var staged = await moves.GetOrAdd((source.Item, loc), _ => new Lazy<Task<Location?>>(() => MoveAsync(planned, cancel))).Value.ConfigureAwait(false);
            if (source.Parts is not null)
            {
                // Parts: the staged ones from the copy just made, the rest streamed from the home (each once per destination).
                inputs.Add(AttemptInput.ForParts(source, loc, itemKeys[source.Item]));
                continue;
            }

            var beyond = staged is not null && source.StreamsBeyondStagedCopy(node.Persistence == Persistence.Native);
            inputs.Add(new AttemptInput(source.Item, source.Home, staged ?? source.Home, itemKeys[source.Item], staged is null, beyond ? source.Read : planned.ReadLimit, beyond));
        }

        // The primary handler's tries first; when they are exhausted (or it fails permanently), the fallback
        // handler's (its own maxAttempts, default 1), numbered on from the primary's.
        var primary = node.Handler!;
        var policy = new AttemptPolicy(
            HandlerSettings.MaxAttempts(primary.Settings, options.MaxAttempts),
            primary.Fallback is { } fb ? HandlerSettings.MaxAttempts(fb.Settings, 1) : 0);
        string? lastError = null;
        var previous = node.ReuseStorage ? journal.LatestCommit(name, home.ToString())?.ObjectKey : null;

        // Tries count from 1 in this session; attempt numbers go on from those journaled before (a crash, a resume).
        var prior = journal.LastAttempt(runId, name);
        for (var attempt = 1; ;)
        {
            var useFallback = policy.IsFallback(attempt);
            attemptsByNode[name] = prior + attempt;
            if (attempt == 1)
            {
                // The node's runtime starts with its first attempt, after its inputs moved; it spans every attempt, fallback included.
                started = time.GetUtcNow();
            }

            try
            {
                var committed = await attempts.RunAsync(new NodeAttemptRequest(runId, name, prior + attempt, useFallback, loc, home, key, cacheKey, started, inputs, previous), cancel).ConfigureAwait(false);
                Committed(committed);
                return;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                lastError = e.Message;
                var permanent = e is PermanentNodeException;
                var next = policy.AfterFailure(attempt, permanent);
                if (useFallback)
                {
                    if (next.GiveUp)
                    {
                        throw new InvalidOperationException($"fallback ({primary.Fallback!.Kind}) failed: {e.Message}", e);
                    }
                }

                var delay = next.BackOff ? backoff.After(attempt) : TimeSpan.Zero;
                progress?.Report(new RunEvent.NodeAttemptFailed(runId, name, prior + attempt, e.Message, next.BackOff ? delay.TotalSeconds : null));
                if (next.GiveUp)
                {
                    throw new InvalidOperationException($"failed after {policy.PrimaryTries} attempt(s): {lastError}");
                }

                if (next.BackOff)
                {
                    await Task.Delay(delay, time, cancel).ConfigureAwait(false);
                }

                attempt = next.NextTry;
            }
        }
    }

    /// <summary>
    /// The plan's transfer of an item to a node's location, done once. Returns the bucket the consumers read from
    /// (the staged copy at the destination), or null when the consumers there have no storage and the item is
    /// streamed to them instead (the transfer then happens while the attempt reads its inputs).
    /// </summary>
    private async Task<Location?> MoveAsync(PlannedMove planned, CancellationToken cancel)
    {
        if (!planned.Staged)
        {
            return null;
        }

        // The staged copy keeps the source object's key: a run-scoped output key (or a dataset's), so runs do not share it.
        await mover.RunAsync(new MoveRequest(runId, planned.Data, planned.From, planned.To, itemKeys[planned.Data], planned.ReadLimit, itemHashes[planned.Data], planned.StagedParts), cancel).ConfigureAwait(false);
        return planned.To;
    }

    private void Committed(CommitRow row)
    {
        itemKeys[row.Node] = row.ObjectKey;
        itemHashes[row.Node] = row.Sha256;
    }

    private void DeferDelete(string folder)
    {
        // Off the critical path: deleting folders is slow on journaling file systems; awaited at the end of the run.
        lock (cleanups)
        {
            cleanups.Add(Task.Run(() => Directory.Delete(folder, recursive: true), CancellationToken.None));
        }
    }
}
