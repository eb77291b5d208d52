using Placement.Execution.Activities;
using Placement.Execution.Engine;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Temporal.Activities;

/// <summary>
/// What a worker process's activities share: its storage map, its journal (<c>STATE/journal.db</c>, the embedded
/// executor's; the commit table there makes each node's commit exactly-once per <c>runId/nodeId</c>), node handlers,
/// clock, the run files it loaded and its state folder (run folders with work folders, trace and manifest).
/// Workers of one location share a state folder, so every attempt of a node sees the commits of the others.
/// </summary>
public sealed class WorkerServices : IDisposable
{
    /// <summary>Creates the services; the journal is opened (created) in the state folder.</summary>
    public WorkerServices(string stateFolder, StorageMap storage, IEnumerable<INodeHandler> handlers, TimeProvider time, string? pricingFolder = null, int seed = 1, bool keepWorkFolders = false)
    {
        StateFolder = Path.GetFullPath(stateFolder);
        Directory.CreateDirectory(StateFolder);
        Storage = storage;
        Handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        Time = time;
        KeepWorkFolders = keepWorkFolders;
        Journal = new SqliteJournal(EmbeddedExecutor.JournalPath(StateFolder));
        Files = new RunFiles(pricingFolder);
        var options = new ExecutorOptions();
        Activity = new ActivityServices(storage, Journal, time, new Backoff(options.BackoffBase, options.BackoffMax, options.JitterFraction, new Random(seed)), options.TransferAttempts, null);
    }

    /// <summary>The state folder (absolute).</summary>
    public string StateFolder { get; }

    /// <summary>Storage service of each location.</summary>
    public StorageMap Storage { get; }

    /// <summary>Handlers by kind.</summary>
    public IReadOnlyDictionary<string, INodeHandler> Handlers { get; }

    /// <summary>Clock and timers.</summary>
    public TimeProvider Time { get; }

    /// <summary>Keep work folders after a commit.</summary>
    public bool KeepWorkFolders { get; }

    /// <summary>The worker's journal.</summary>
    public SqliteJournal Journal { get; }

    /// <summary>Run files loaded by this process.</summary>
    public RunFiles Files { get; }

    /// <summary>The shared activity bodies' services.</summary>
    public ActivityServices Activity { get; }

    /// <summary>A run's folder in this worker's state folder.</summary>
    public string RunFolder(string runId) => Path.Combine(StateFolder, "runs", runId);

    /// <inheritdoc />
    public void Dispose() => Journal.Dispose();
}
