using Placement.Core.Model;
using Placement.Execution.Journal;
using Placement.Execution.Ports;

namespace Placement.Execution.Records;

/// <summary>Builds a <see cref="RunResult"/> from the journal of a run.</summary>
internal static class RunRecords
{
    public static RunResult Result(SqliteJournal journal, RunRequest request, string runId, RunStatus status, string runFolder, IReadOnlyList<string> errors, double seconds, Func<string, int> attempts)
    {
        var commits = journal.Commits(runId);
        var nodes = request.Graph.Scenario.Nodes
            .Where(n => commits.ContainsKey(n.Name))
            .Select(n => commits[n.Name])
            .Select(c => new NodeRecord(c.Node, c.Location, c.StorageHome, c.Uri, c.Bytes, c.Sha256, c.Kind, Math.Max(c.Attempts, attempts(c.Node)), c.StartedAt, c.Seconds, c.InputTokens, c.OutputTokens))
            .ToList();
        var transfers = journal.Transfers(runId).Select(t => new TransferRecord(t.Data, t.From, t.To, t.Bytes, t.Mode, t.Seconds, t.Attempts, t.StartedAt, t.EndedAt)).ToList();
        return new RunResult(runId, status, runFolder, Path.Combine(runFolder, "trace.json"), nodes, transfers, errors.Select(Engine.SecretRedactor.Redact).ToList(), seconds);
    }
}
