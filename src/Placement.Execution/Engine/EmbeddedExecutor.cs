using System.Collections.Concurrent;
using System.Diagnostics;
using Placement.Core.Model;
using Placement.Data;
using Placement.Data.Plans;
using Placement.Execution.Activities;
using Placement.Execution.Handlers;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Records;
using Placement.Execution.Storage;

namespace Placement.Execution.Engine;

/// <summary>
/// The executor that serves on one machine: ready-queue parallelism with per-location limits, a durable
/// SQLite journal, retries with seeded exponential backoff and jitter, per-node timeouts, fallbacks, resume,
/// a content-hash cache and exactly-once commits per <c>runId/nodeId</c>. Each run leaves a folder with a
/// manifest and a placement-trace/1 trace.
/// </summary>
public sealed class EmbeddedExecutor : IExecutor, IDisposable
{
    private readonly ExecutorOptions options;
    private readonly StorageMap storage;
    private readonly IReadOnlyDictionary<string, INodeHandler> handlers;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly Random idRandom;
    private readonly Lazy<SqliteJournal> journal;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> active = new(StringComparer.Ordinal);

    /// <summary>Creates the executor; throws <see cref="ArgumentException"/> listing every option problem.</summary>
    /// <param name="options">Settings, validated here once.</param>
    /// <param name="storage">Storage service of each location.</param>
    /// <param name="handlers">Node handlers by kind.</param>
    /// <param name="time">Clock and timers (timeouts, backoff delays, timestamps).</param>
    /// <param name="random">Seeded random source for jitter (and run ids when <paramref name="runIds"/> is null).</param>
    /// <param name="runIds">Random source of run-id suffixes; the CLI passes an unseeded one so concurrent processes draw apart.</param>
    public EmbeddedExecutor(ExecutorOptions options, StorageMap storage, IEnumerable<INodeHandler> handlers, TimeProvider time, Random random, Random? runIds = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid executor options: " + string.Join("; ", problems), nameof(options));
        }

        this.options = options;
        this.storage = storage;
        this.handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        this.time = time;
        this.random = random;
        idRandom = runIds ?? random;

        // Opened (and created) on first use: a run refused by its checks leaves no journal behind.
        journal = new Lazy<SqliteJournal>(() => new SqliteJournal(JournalPath(options.StateFolder)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The journal (tests and the CLI read it); opening it creates the state folder and <c>journal.db</c>.</summary>
    public SqliteJournal Journal => journal.Value;

    /// <summary>Where the journal of a state folder lives.</summary>
    public static string JournalPath(string stateFolder) => Path.Combine(Path.GetFullPath(stateFolder), "journal.db");

    /// <summary>The standard handlers: command, llm (with the given endpoint settings), copy, noop.</summary>
    public static IReadOnlyList<INodeHandler> StandardHandlers(LlmOptions llm) => [new CommandHandler(), new LlmHandler(llm), new CopyHandler(), new NoopHandler()];

    /// <summary>
    /// Every problem that would stop a plan from running, found before anything runs: a plan for another
    /// scenario, nodes without a handler or with an unknown one, bad handler settings, missing credentials.
    /// </summary>
    public IReadOnlyList<Problem> Check(RunRequest request, string scenarioFile)
    {
        var problems = new List<Problem>();
        var s = request.Graph.Scenario;
        if (request.Plan.ScenarioName != s.Name || (request.Plan.ScenarioHash.Length > 0 && request.Plan.ScenarioHash != s.ContentHash))
        {
            problems.Add(new Problem(scenarioFile, 0, 0, "plan", $"the plan is for scenario {request.Plan.ScenarioName}, not this version of {s.Name}", "re-plan this scenario"));
        }

        foreach (var node in s.Nodes)
        {
            problems.AddRange(PartProblems(node).Select(p => new Problem(scenarioFile, 0, 0, $"nodes.{node.Name}.parts", p.Message, p.Hint)));

            if (node.Handler is null)
            {
                problems.Add(new Problem(scenarioFile, 0, 0, $"nodes.{node.Name}.handler", "no handler: a real run needs one per node", "add handler: { kind: command, run: \"...\" } (or noop)"));
                continue;
            }

            if (!handlers.TryGetValue(node.Handler.Kind, out var handler))
            {
                problems.Add(new Problem(scenarioFile, 0, 0, $"nodes.{node.Name}.handler.kind", $"unknown handler '{node.Handler.Kind}'", $"use one of {string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal))}"));
                continue;
            }

            problems.AddRange(handler.Check(node).Select(p => new Problem(scenarioFile, 0, 0, $"nodes.{node.Name}.handler", p)));
            if (node.Handler.Fallback is { } fallback)
            {
                // The loader checked its kind and required fields; the handler checks its settings as for a primary.
                if (!handlers.TryGetValue(fallback.Kind, out var second))
                {
                    problems.Add(new Problem(scenarioFile, 0, 0, $"nodes.{node.Name}.handler.fallback.kind", $"unknown handler '{fallback.Kind}'", $"use one of {string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal))}"));
                    continue;
                }

                problems.AddRange(second.Check(node with { Handler = fallback }).Select(p => new Problem(scenarioFile, 0, 0, $"nodes.{node.Name}.handler.fallback", p)));
            }
        }

        if (request.FromNode is { } from && !request.Graph.IsNode(from))
        {
            problems.Add(new Problem("command line", 0, 0, "--from", $"'{from}' is not a node of {s.Name}"));
        }

        return problems;
    }

    /// <summary>
    /// Why a node's parts cannot be run (empty when they can): each part becomes a file and an object key segment, so
    /// no two part names may map to the same one; a <c>reuseStorage</c> node appends to its earlier output, which has
    /// no place in a part layout.
    /// </summary>
    public static IReadOnlyList<(string Message, string Hint)> PartProblems(WorkflowNode node)
    {
        var problems = new List<(string, string)>();
        if (node.Parts.Count == 0)
        {
            return problems;
        }

        foreach (var clash in node.Parts.GroupBy(p => StorageKey.PartSegment(p.Name), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(($"parts {string.Join(" and ", clash.Select(p => p.Name))} would share the file and object name '{clash.Key}'", "rename one (letters, digits, '-', '_' and '.' are kept, others become '_')"));
        }

        if (node.ReuseStorage)
        {
            problems.Add(("a node with parts cannot reuseStorage (appending would move every part's byte range)", "drop reuseStorage: or parts:"));
        }

        return problems;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Nothing is written (no journal, run folder or manifest) until every check passed: datasets present, run id
    /// free. The run id is reported (<see cref="RunEvent.RunStarted"/>) before any node or transfer starts.
    /// </remarks>
    public async Task<RunResult> StartAsync(RunRequest request, IProgress<RunEvent>? progress, CancellationToken cancel)
    {
        var missing = await DatasetActivity.MissingAsync(storage, request.Graph.Scenario, request.ScenarioFolder, d => StorageKey.ForItem(request.Graph.Scenario.Name, d), cancel).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            throw new InputException(missing.Select(p => new Problem("scenario", 0, 0, "datasets", p)).ToList());
        }

        if (request.RunId is { } given && File.Exists(JournalPath(options.StateFolder)) && Journal.Run(given) is not null)
        {
            throw new InputException(new Problem("command line", 0, 0, "run id", $"run {given} exists already", "use --resume to continue it"));
        }

        var force = request.FromNode is { } from ? Downstream(request.Graph, from) : new HashSet<string>(StringComparer.Ordinal);
        string runId;
        while (true)
        {
            runId = request.RunId ?? NewRunId();
            var row = new RunRow(runId, request.Graph.Scenario.Name, request.Graph.Scenario.ContentHash, PlanHash(request), storage.ToString(), RunStatus.Running, time.GetUtcNow(), null, request.PlanFile);
            if (Journal.CreateRun(row))
            {
                break;
            }

            if (request.RunId is not null)
            {
                throw new InputException(new Problem("command line", 0, 0, "run id", $"run {runId} exists already", "use --resume to continue it"));
            }

            // Another process drew the same id at the same millisecond: the primary key refused it; draw again.
        }

        var lease = RunLease.Acquire(Journal, runId, time, options.StateFolder);
        return await RunCoreAsync(request, runId, force, lease, resumed: false, progress, cancel).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Refused (exit 2, nothing written) when another live process owns the run (its lease names it). A dead owner's
    /// lease is taken over: its attempts still <c>running</c> become <c>interrupted</c>, and any process group they
    /// left alive (recorded pid and start time) is killed before a node runs again.
    /// </remarks>
    public async Task<RunResult> ResumeAsync(string runId, RunRequest request, string? fromNode, IProgress<RunEvent>? progress, CancellationToken cancel)
    {
        var hint = $"list runs with: placement runs --state {options.StateFolder}";
        if (!File.Exists(JournalPath(options.StateFolder)))
        {
            throw new InputException(new Problem("command line", 0, 0, "--resume", $"no run {runId} in {options.StateFolder} (no journal there)", hint));
        }

        var run = Journal.Run(runId) ?? throw new InputException(new Problem("command line", 0, 0, "--resume", $"no run {runId} in {JournalPath(options.StateFolder)}", hint));
        if (run.PlanHash != PlanHash(request))
        {
            throw new InputException(new Problem("command line", 0, 0, "--plan", $"run {runId} was started with another plan or scenario version", "resume with the same scenario and plan, or start a new run"));
        }

        if (fromNode is not null && !request.Graph.IsNode(fromNode))
        {
            throw new InputException(new Problem("command line", 0, 0, "--from", $"'{fromNode}' is not a node of {request.Graph.Scenario.Name}"));
        }

        var lease = RunLease.Acquire(Journal, runId, time, options.StateFolder);
        try
        {
            foreach (var (attempt, pid, pidStart) in Journal.InterruptRunning(runId, time.GetUtcNow()))
            {
                if (pid is { } p && pidStart is { Length: > 0 } start && ProcessIdentity.IsAlive(p, start))
                {
                    // Left by the dead owner: end the whole group before the node runs again in the same folders.
                    ProcessGroup.Kill(p);
                }
            }

            var force = new HashSet<string>(StringComparer.Ordinal);
            if (fromNode is not null)
            {
                force = Downstream(request.Graph, fromNode);
                foreach (var n in force)
                {
                    Journal.Invalidate(runId, n, $"--from {fromNode}");
                }
            }

            Journal.SetRunStatus(runId, RunStatus.Running, null);
            return await RunCoreAsync(request, runId, force, lease, resumed: true, progress, cancel).ConfigureAwait(false);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Cancel(string runId)
    {
        if (active.TryGetValue(runId, out var cts))
        {
            cts.Cancel();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (journal.IsValueCreated)
        {
            journal.Value.Dispose();
        }
    }

    /// <summary>A node and every node downstream of it.</summary>
    public static HashSet<string> Downstream(WorkflowGraph graph, string node)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { node };
        var stack = new Stack<string>([node]);
        while (stack.TryPop(out var n))
        {
            foreach (var c in graph.Readers(n).Select(e => e.To))
            {
                if (result.Add(c))
                {
                    stack.Push(c);
                }
            }
        }

        return result;
    }

    private async Task<RunResult> RunCoreAsync(RunRequest request, string runId, HashSet<string> force, RunLease lease, bool resumed, IProgress<RunEvent>? progress, CancellationToken cancel)
    {
        using var held = lease;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        active[runId] = cts;
        var clock = Stopwatch.StartNew();
        var backoff = new Backoff(options.BackoffBase, options.BackoffMax, options.JitterFraction, random);
        var session = new RunSession(options, storage, handlers, Journal, time, backoff, request, runId, force, progress);
        var records = new RecordsActivity(Journal, storage.ToString());
        progress?.Report(new RunEvent.RunStarted(runId, session.RunFolder, resumed));
        try
        {
            records.WriteManifest(request, runId, session.RunFolder, RunStatus.Running, [], clock.Elapsed.TotalSeconds);
            var datasetProblems = await session.PrepareDatasetsAsync(cts.Token).ConfigureAwait(false);
            if (datasetProblems.Count > 0)
            {
                Journal.SetRunStatus(runId, RunStatus.Failed, time.GetUtcNow());
                throw new InputException(datasetProblems.Select(p => new Problem("scenario", 0, 0, "datasets", p)).ToList());
            }

            var status = await session.RunAsync(cts.Token).ConfigureAwait(false);
            Journal.SetRunStatus(runId, status, time.GetUtcNow());
            return records.WriteFinal(request, runId, session.RunFolder, status, session.Errors, clock.Elapsed.TotalSeconds, session.AttemptsOf);
        }
        finally
        {
            active.TryRemove(runId, out _);
        }
    }

    private string NewRunId()
    {
        lock (idRandom)
        {
            return RunIds.New(time.GetUtcNow(), idRandom);
        }
    }

    private static string PlanHash(RunRequest request) => ContentHash.OfText(PlanJson.Write(request.Plan));
}
