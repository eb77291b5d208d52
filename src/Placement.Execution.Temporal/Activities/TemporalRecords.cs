using Placement.Execution.Activities;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Temporal.Workflows;

namespace Placement.Execution.Temporal.Activities;

/// <summary>
/// Writes a Temporal run's trace (placement-trace/1) and manifest into a run folder, from the workflow's results:
/// the commits and moves (journaled by the workers that made them, maybe elsewhere) are brought into the given
/// journal first, then the shared <see cref="RecordsActivity"/> writes the files exactly as for an embedded run.
/// Used by the record activity (on the workflow queue's worker) and by <c>placement run --executor temporal</c>.
/// </summary>
public static class TemporalRecords
{
    /// <summary>Writes the records of a run into <paramref name="runFolder"/> and returns its result.</summary>
    public static RunResult Write(SqliteJournal journal, string storage, LoadedRun files, RunRef run, string status, IReadOnlyList<NodeCommit> nodes, IReadOnlyList<MoveRecord> moves, IReadOnlyList<string> errors, string runFolder, DateTimeOffset now)
    {
        var runId = run.RunId;
        if (journal.Run(runId) is null)
        {
            journal.CreateRun(new RunRow(runId, files.Graph.Scenario.Name, run.ScenarioHash, run.PlanHash, storage, RunStatus.Running, run.StartedAt, null));
        }

        foreach (var c in nodes)
        {
            journal.TryCommit(new CommitRow(runId, c.Node, IdempotencyKeys.Node(runId, c.Node), c.Location, c.StorageHome, c.ObjectKey, c.Uri, c.Bytes, c.Sha256, c.CacheKey,
                Enum.Parse<NodeCommitKind>(c.Kind, ignoreCase: true), c.Attempts, c.StartedAt, c.Seconds, c.InputTokens, c.OutputTokens));
        }

        foreach (var m in moves.Where(m => m.Parts is null))
        {
            journal.RecordTransfer(new TransferRow(runId, m.Data, m.From, m.To, m.Bytes, m.Sha256, m.Mode, m.Seconds, m.Attempts, m.StartedAt, m.EndedAt));
        }

        // A move of parts: each part journaled here once, whichever worker reported it; the item's row is their sum.
        foreach (var m in moves)
        {
            foreach (var p in m.Parts ?? [])
            {
                journal.RecordPartTransfer(new PartTransferRow(runId, m.Data, p.Part, m.From, m.To, p.Bytes, p.Sha256, p.Mode, p.Seconds, p.Attempts, p.StartedAt, p.EndedAt), m.Mode, m.Sha256);
            }
        }

        var runStatus = Enum.Parse<RunStatus>(status, ignoreCase: true);
        journal.SetRunStatus(runId, runStatus, now);
        var request = new RunRequest(files.Graph, files.Plan, files.ScenarioFolder, runId, null, files.Pricing);
        var attempts = nodes.ToDictionary(n => n.Node, n => n.Attempts, StringComparer.Ordinal);
        return new RecordsActivity(journal, storage).WriteFinal(request, runId, runFolder, runStatus, errors, (now - run.StartedAt).TotalSeconds, n => attempts.GetValueOrDefault(n));
    }
}
