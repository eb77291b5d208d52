using Placement.Core.Model;
using Placement.Data;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Traces.Formats;
using Placement.Traces.Model;

namespace Placement.Execution.Records;

/// <summary>
/// A run as a <c>placement-trace/1</c> trace (docs/trace-format.md), the format the simulator replays: one task
/// per scenario node (nodes the run did not reach have runtime 0 and no <c>placement</c>), one file per dataset
/// and node output (measured bytes for nodes that ran), the per-task <c>placement</c> extension with measured
/// cost and the executor's facts (bytes moved, predicted USD, output URI, SHA-256, commit kind, tokens), and the
/// run-level extension with run id, plan hash, storage, status and every transfer (measured and predicted).
/// </summary>
public static class RunTrace
{
    /// <summary>The producer recorded in the trace.</summary>
    public const string Producer = "executor-embedded";

    /// <summary>Writes the trace atomically.</summary>
    public static void Write(string path, RunRequest request, RunResult result, RunRow run) =>
        AtomicFile.Write(path, TraceWriter.Write(Build(request, result, run)));

    /// <summary>The trace of a run.</summary>
    public static Trace Build(RunRequest request, RunResult result, RunRow run)
    {
        var graph = request.Graph;
        var planNodes = request.Plan.Cost.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        var planTransfers = request.Plan.Cost.Transfers.ToDictionary(t => (t.Data, t.To.ToString()));
        var byNode = result.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        var runStart = run.StartedAt;
        double StartOf(NodeRecord r) => Math.Round((r.StartedAt - runStart).TotalSeconds, 6);
        double EndOf(NodeRecord r) => Math.Round(StartOf(r) + r.Seconds, 6);

        // Each transfer is attributed once: to the producer for a route-back, else to the first consumer at the destination.
        var moved = new Dictionary<string, long>(StringComparer.Ordinal);
        var owners = new List<string>();
        foreach (var t in result.Transfers)
        {
            planTransfers.TryGetValue((t.Data, t.To), out var line);
            var owner = t.Mode == "route-back" ? t.Data : line?.Consumers.FirstOrDefault() ?? t.Data;
            owners.Add(owner);
            moved[owner] = moved.GetValueOrDefault(owner) + t.Bytes;
        }

        var tasks = new List<TraceTask>();
        foreach (var n in graph.Scenario.Nodes)
        {
            var parents = graph.Inputs(n.Name).Select(e => e.From).Where(graph.IsNode).Distinct().ToList();
            var inputs = graph.Inputs(n.Name).Select(e => e.From).Distinct().ToList();
            var category = graph.Node(n.Name).Handler?.Kind is { Length: > 0 } kind ? kind : n.Name;
            if (!byNode.TryGetValue(n.Name, out var r))
            {
                tasks.Add(new TraceTask(n.Name, n.Name, category, 0, parents, inputs, [n.Name], [], null, null));
                continue;
            }

            var planned = planNodes[n.Name];
            var placement = new TaskPlacement(
                Location.Parse(r.Location), planned.Offering, Location.Parse(r.StorageHome), Math.Max(1, r.Attempts), StartOf(r), EndOf(r),
                MeasuredCost.NodeParts(planned, r, request.Pricing),
                BytesMoved: moved.GetValueOrDefault(n.Name),
                PredictedUsd: planned.ComputeUsd + planned.ServicesUsd + planned.LlmUsd,
                OutputUri: r.Uri,
                Sha256: r.Sha256,
                Commit: r.Kind.ToString().ToLowerInvariant(),
                InputTokens: r.InputTokens,
                OutputTokens: r.OutputTokens);
            tasks.Add(new TraceTask(n.Name, n.Name, category, Math.Round(r.Seconds, 6), parents, inputs, [n.Name], [r.Location], r.StartedAt, placement));
        }

        var files = graph.Scenario.Datasets.Select(d => new TraceFile(d.Name, d.Bytes))
            .Concat(graph.Scenario.Nodes.Select(n => new TraceFile(n.Name, byNode.TryGetValue(n.Name, out var r) ? r.Bytes : n.OutputBytes)))
            .ToList();
        var machines = result.Nodes.Select(n => n.Location).Distinct().Order(StringComparer.Ordinal)
            .Select(l => new TraceMachine(l, null, null, null)).ToList();

        // Each move's start and end as the executor's clock read them (timing: measured). Journals older than schema
        // version 1 hold only durations: a route-back is then placed right after its producer ends, any other move so
        // that it ends when its owner (first consumer) starts (timing: placed).
        var transfers = new List<TraceTransfer>();
        for (var i = 0; i < result.Transfers.Count; i++)
        {
            var t = result.Transfers[i];
            planTransfers.TryGetValue((t.Data, t.To), out var line);
            double start, end;
            var timing = TransferTiming.Placed;
            if (t.StartedAt is { } measuredStart && t.EndedAt is { } measuredEnd)
            {
                start = (measuredStart - runStart).TotalSeconds;
                end = (measuredEnd - runStart).TotalSeconds;
                timing = TransferTiming.Measured;
            }
            else if (t.Mode == "route-back" && byNode.TryGetValue(t.Data, out var producer))
            {
                start = EndOf(producer);
                end = start + t.Seconds;
            }
            else
            {
                end = byNode.TryGetValue(owners[i], out var consumer) ? StartOf(consumer) : Math.Round(result.Seconds, 6);
                start = Math.Max(0, end - t.Seconds);
            }

            transfers.Add(new TraceTransfer(t.Data, Location.Parse(t.From), Location.Parse(t.To), t.Bytes, Math.Round(start, 6), Math.Round(end, 6),
                MeasuredCost.Transfer(line, t.Bytes), t.Mode, t.Attempts, line?.Bytes ?? 0, line?.Usd ?? 0, timing));
        }

        // In start order, as the format says (ties by item and destination).
        transfers = [.. transfers.OrderBy(t => t.StartSeconds).ThenBy(t => t.Data, StringComparer.Ordinal).ThenBy(t => t.To.ToString(), StringComparer.Ordinal)];
        var status = result.Status.ToString().ToLowerInvariant();
        var traceRun = new TraceRun(graph.Scenario.Name, graph.Scenario.ContentHash, Producer, transfers, null, result.RunId, run.PlanHash, run.Storage, status);
        return new Trace(graph.Scenario.Name, "1.5", runStart, Math.Round(result.Seconds, 6), tasks, files, machines, traceRun);
    }
}
