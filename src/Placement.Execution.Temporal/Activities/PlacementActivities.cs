using Placement.Core.Model;
using Placement.Execution.Activities;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Storage;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace Placement.Execution.Temporal.Activities;

/// <summary>
/// The activities a worker runs, thin adapters over the shared activity bodies (<see cref="ReuseActivity"/>,
/// <see cref="NodeAttemptActivity"/>, <see cref="MoveActivity"/>, <see cref="DatasetActivity"/>,
/// <see cref="RecordsActivity"/>): the same handlers, storage backends, hashing and commit protocol as the
/// embedded executor. A retried node activity first looks for the run's own commit of the node (an earlier attempt
/// committed, then its worker died before reporting): it returns that commit and never commits twice. Long
/// activities heartbeat (a third of the heartbeat timeout), so a dead worker is noticed and cancellation reaches
/// them. Payloads carry URIs, sizes and hashes only.
/// </summary>
public sealed class PlacementActivities(WorkerServices services)
{
    private static readonly object RunRowGate = new();

    /// <summary>Puts every dataset in its home bucket and hashes it.</summary>
    [Activity(ActivityNames.Datasets)]
    public async Task<DatasetHashes> DatasetsAsync(RunRef run)
    {
        var files = services.Files.Load(run);
        EnsureRun(run, files);
        var cancel = ActivityExecutionContext.Current.CancellationToken;
        var scenario = files.Graph.Scenario;
        var prepared = await WithHeartbeats(() => new DatasetActivity(services.Activity).RunAsync(scenario, files.ScenarioFolder, item => StorageKey.ForItem(scenario.Name, item), cancel)).ConfigureAwait(false);
        return new DatasetHashes(new SortedDictionary<string, string>(prepared.Hashes.ToDictionary(), StringComparer.Ordinal), prepared.Problems);
    }

    /// <summary>One node with its primary handler (activity id <c>runId/nodeId</c>), on its location's queue.</summary>
    [Activity(ActivityNames.Node)]
    public Task<NodeCommit> NodeAsync(NodeActivityInput input) => RunNodeAsync(input with { Fallback = false });

    /// <summary>One node with its fallback handler (activity id <c>runId/nodeId#fallback</c>), on its location's queue.</summary>
    [Activity(ActivityNames.Fallback)]
    public Task<NodeCommit> FallbackAsync(NodeActivityInput input) => RunNodeAsync(input with { Fallback = true });

    /// <summary>One planned staged transfer (activity id <c>runId/transfer/ITEM/TO</c>), on the destination's queue.</summary>
    [Activity(ActivityNames.Transfer)]
    public async Task<MoveRecord> TransferAsync(TransferActivityInput input)
    {
        var files = services.Files.Load(input.Run);
        EnsureRun(input.Run, files);
        var to = Location.Parse(input.To);
        var move = files.Schedule.Move(input.Item, to) ?? throw new ApplicationFailureException($"the plan has no transfer of {input.Item} to {to}", ActivityNames.RunFileMismatch, nonRetryable: true);
        var cancel = ActivityExecutionContext.Current.CancellationToken;
        // The staged copy keeps the source object's key (a run-scoped output key, or a dataset's), as in the embedded executor.
        var key = input.ObjectKey.Length > 0 ? input.ObjectKey : StorageKey.ForItem(files.Graph.Scenario.Name, input.Item);
        var request = new MoveRequest(input.Run.RunId, input.Item, move.From, to, key, move.ReadLimit, input.ExpectedSha256, move.StagedParts);
        var row = await WithHeartbeats(() => new MoveActivity(services.Activity).RunAsync(request, cancel)).ConfigureAwait(false);
        return Move(row);
    }

    /// <summary>The final activity: writes the run's trace (placement-trace/1) and manifest into this worker's state folder.</summary>
    [Activity(ActivityNames.Record)]
    public Task<RecordResult> RecordAsync(RecordInput input)
    {
        var files = services.Files.Load(input.Run);
        var folder = services.RunFolder(input.Run.RunId);
        var result = TemporalRecords.Write(services.Journal, services.Storage.ToString(), files, input.Run, input.Status, input.Nodes, input.Transfers, input.Errors, folder, services.Time.GetUtcNow());
        return Task.FromResult(new RecordResult(folder, result.TracePath, Path.Combine(folder, "manifest.json")));
    }

    private async Task<NodeCommit> RunNodeAsync(NodeActivityInput input)
    {
        var context = ActivityExecutionContext.Current;
        var cancel = context.CancellationToken;
        var files = services.Files.Load(input.Run);
        EnsureRun(input.Run, files);
        var (runId, name) = (input.Run.RunId, input.Node);
        var schedule = files.Schedule;
        var node = files.Graph.Node(name);
        var loc = schedule.LocationOf(name);
        var home = schedule.HomeOf(name);
        var key = StorageKey.ForRunOutput(files.Graph.Scenario.Name, runId, name);
        var uri = services.Storage.For(home).UriOf(home, key);
        var reuse = new ReuseActivity(services.Activity);

        // Exactly once: an earlier attempt of this activity may have committed before its worker died.
        if (await reuse.KeptAsync(runId, name, cancel).ConfigureAwait(false) is { } kept)
        {
            return Commit(kept, files, loc, home);
        }

        var items = schedule.Inputs(name).Select(i => i.Item).ToList();
        var cacheKey = items.All(input.InputHashes.ContainsKey) ? NodeCacheKey.Of(node, items, i => input.InputHashes[i]) : "";
        var now = services.Time.GetUtcNow();
        if (cacheKey.Length > 0 && await reuse.CachedAsync(new ReuseRequest(runId, name, loc, home, key, uri, cacheKey, now), cancel).ConfigureAwait(false) is { } cached)
        {
            return Commit(cached, files, loc, home);
        }

        // Inputs as the embedded executor reads them: in place, from the staged copy at this location, or streamed.
        string KeyOf(string item) => files.Graph.IsDataset(item) ? StorageKey.ForItem(files.Graph.Scenario.Name, item) : input.InputKeys?.GetValueOrDefault(item) ?? StorageKey.ForRunOutput(files.Graph.Scenario.Name, runId, item);
        var inputs = new List<AttemptInput>();
        foreach (var source in schedule.Inputs(name))
        {
            if (source.IsLocal)
            {
                inputs.Add(source.Parts is null ? new AttemptInput(source.Item, source.Home, source.Home, KeyOf(source.Item), false, null) : AttemptInput.ForParts(source, loc, KeyOf(source.Item)));
                continue;
            }

            var planned = source.Move ?? throw new ApplicationFailureException($"the plan has no transfer of {source.Item} to {loc}; re-plan the scenario", ActivityNames.RunFileMismatch, nonRetryable: true);
            if (source.Parts is not null)
            {
                // Parts: the staged ones from this location's copy (made by the transfer step before), the rest streamed.
                inputs.Add(AttemptInput.ForParts(source, loc, KeyOf(source.Item)));
                continue;
            }

            var beyond = planned.Staged && source.StreamsBeyondStagedCopy(node.Persistence == Persistence.Native);
            inputs.Add(new AttemptInput(source.Item, source.Home, planned.Staged ? loc : source.Home, KeyOf(source.Item), !planned.Staged, beyond ? source.Read : planned.ReadLimit, beyond));
        }

        // Journaled attempt numbers go on from those this worker's journal holds (retries, the fallback after the primary).
        var attempt = services.Journal.LastAttempt(runId, name) + 1;
        var previous = node.ReuseStorage ? services.Journal.LatestCommit(name, home.ToString())?.ObjectKey : null;
        var body = new NodeAttemptActivity(services.Activity, services.Handlers, files.Graph, files.ScenarioFolder, Path.Combine(services.RunFolder(runId), "work"),
            TimeSpan.FromSeconds(new RunSteps.Defaults().TimeoutSeconds), keepWorkFolders: services.KeepWorkFolders);
        try
        {
            var row = await WithHeartbeats(() => body.RunAsync(new NodeAttemptRequest(runId, name, attempt, input.Fallback, loc, home, key, cacheKey, now, inputs, previous), cancel)).ConfigureAwait(false);
            return Commit(row, files, loc, home);
        }
        catch (PermanentNodeException e)
        {
            // Retrying cannot help: a non-retryable failure, so the workflow goes straight to the fallback.
            throw new ApplicationFailureException(Engine.SecretRedactor.Redact(e.Message), ActivityNames.PermanentFailure, nonRetryable: true);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not ApplicationFailureException)
        {
            throw new ApplicationFailureException(Engine.SecretRedactor.Redact(e.Message), e.GetType().Name);
        }
    }

    /// <summary>The node's commit as the workflow sees it, with the moves the node made itself (route-back, streamed inputs).</summary>
    private NodeCommit Commit(CommitRow row, LoadedRun files, Location loc, Location home)
    {
        var moves = new List<MoveRecord>();
        if (loc != home && services.Journal.Transfer(row.RunId, row.Node, home.ToString()) is { } back)
        {
            moves.Add(Move(back));
        }

        var readerHasStorage = files.Graph.Node(row.Node).Persistence == Persistence.Native;
        foreach (var i in files.Schedule.Inputs(row.Node).Where(i => !i.IsLocal && (i.Move is { Staged: false } || i.StreamsBeyondStagedCopy(readerHasStorage) || i.Parts is not null)))
        {
            if (services.Journal.Transfer(row.RunId, i.Item, loc.ToString()) is { } streamed)
            {
                moves.Add(Move(streamed));
            }
        }

        return new NodeCommit(row.Node, row.Location, row.StorageHome, row.Uri, row.Bytes, row.Sha256, row.Kind.ToString().ToLowerInvariant(), row.Attempts, row.StartedAt, row.Seconds,
            row.InputTokens, row.OutputTokens, moves, row.ObjectKey, row.CacheKey);
    }

    private MoveRecord Move(TransferRow t)
    {
        // An output with parts: the parts this location's journal holds for the move (each once), for the record activity.
        var parts = services.Journal.PartTransfers(t.RunId, t.Data, t.To)
            .Select(p => new PartMoveRecord(p.Part, p.Bytes, p.Sha256, p.Mode, p.Seconds, p.Attempts, p.StartedAt, p.EndedAt)).ToList();
        return new(t.Data, t.From, t.To, t.Bytes, t.Sha256, t.Mode, t.Seconds, t.Attempts, t.StartedAt ?? default, t.EndedAt ?? default, parts.Count > 0 ? parts : null);
    }

    /// <summary>Records the run in this worker's journal once (commits and attempts belong to a run).</summary>
    private void EnsureRun(RunRef run, LoadedRun files)
    {
        lock (RunRowGate)
        {
            if (services.Journal.Run(run.RunId) is null)
            {
                services.Journal.CreateRun(new RunRow(run.RunId, files.Graph.Scenario.Name, run.ScenarioHash, run.PlanHash, services.Storage.ToString(), RunStatus.Running, run.StartedAt, null));
            }
        }
    }

    /// <summary>Runs a body while heartbeating every third of the heartbeat timeout (10 s when none is set).</summary>
    private static async Task<T> WithHeartbeats<T>(Func<Task<T>> body)
    {
        var context = ActivityExecutionContext.Current;
        var every = (context.Info.HeartbeatTimeout ?? TimeSpan.FromSeconds(30)) / 3;
        using var stop = new CancellationTokenSource();
        var beats = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                context.Heartbeat();
                try
                {
                    await Task.Delay(every, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        try
        {
            return await body().ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await beats.ConfigureAwait(false);
        }
    }
}
