using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Records;

namespace Placement.Execution.Activities;

/// <summary>
/// Writes a run's records into its run folder from the journal: <c>manifest.json</c> (placement-run/1) and
/// <c>trace.json</c> (placement-trace/1, the trace the simulator replays and <c>placement reconcile</c> reads).
/// The final step of every driver (a Temporal workflow's last activity).
/// </summary>
public sealed class RecordsActivity(SqliteJournal journal, string storage)
{
    /// <summary>Writes the manifest alone (a run starting or resuming: status running, the outputs so far).</summary>
    public void WriteManifest(RunRequest request, string runId, string runFolder, RunStatus status, IReadOnlyList<string> errors, double seconds) =>
        new RunManifestWriter(runFolder).Write(request, runId, status, storage, journal, errors, seconds);

    /// <summary>
    /// Writes the trace and the manifest of a run that ended with <paramref name="status"/> and returns its result;
    /// <paramref name="attemptsOf"/> gives attempts a node made in this session (the commit's count when larger).
    /// </summary>
    public RunResult WriteFinal(RunRequest request, string runId, string runFolder, RunStatus status, IReadOnlyList<string> errors, double seconds, Func<string, int> attemptsOf)
    {
        var result = RunRecords.Result(journal, request, runId, status, runFolder, errors, seconds, attemptsOf);
        RunTrace.Write(result.TracePath, request, result, journal.Run(runId)!);
        WriteManifest(request, runId, runFolder, status, errors, seconds);
        return result;
    }
}
