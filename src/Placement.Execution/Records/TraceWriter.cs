using System.Globalization;
using System.Text;
using System.Text.Json;
using Placement.Core.Costing;
using Placement.Data;
using Placement.Execution.Journal;
using Placement.Execution.Ports;

namespace Placement.Execution.Records;

/// <summary>
/// Writes a run as a WfFormat 1.5 instance (<c>workflow.specification</c> + <c>workflow.execution</c>) with
/// Placement's extensions: per execution task <c>location</c>, <c>storageHome</c>, <c>bytesMoved</c>,
/// <c>costUsd</c> (measured), <c>predictedCostUsd</c>, <c>outputUri</c>, <c>sha256</c>, <c>commitKind</c>,
/// <c>attempts</c>, token counts; and <c>workflow.execution.transfers</c>, one entry per move with measured
/// and predicted bytes and USD. docs/executors.md describes every field.
/// </summary>
public static class TraceWriter
{
    /// <summary>The WfFormat schema version written.</summary>
    public const string SchemaVersion = "1.5";

    /// <summary>Writes the trace atomically.</summary>
    public static void Write(string path, RunRequest request, RunResult result, RunRow run) => AtomicFile.Write(path, Text(request, result, run));

    /// <summary>The trace text.</summary>
    public static string Text(RunRequest request, RunResult result, RunRow run)
    {
        var graph = request.Graph;
        var planNodes = request.Plan.Cost.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        var planTransfers = request.Plan.Cost.Transfers.ToDictionary(t => (t.Data, t.To.ToString()));
        var byNode = result.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);

        // Each transfer is attributed once: to the producer for a route-back, else to the first consumer at the destination.
        var moved = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in result.Transfers)
        {
            planTransfers.TryGetValue((t.Data, t.To), out var line);
            var owner = t.Mode == "route-back" ? t.Data : line?.Consumers.FirstOrDefault() ?? t.Data;
            moved[owner] = moved.GetValueOrDefault(owner) + t.Bytes;
        }

        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("name", $"{graph.Scenario.Name} {result.RunId}");
            w.WriteString("description", $"Run {result.RunId} of scenario {graph.Scenario.Name} by the Placement embedded executor ({result.Status.ToString().ToLowerInvariant()}).");
            w.WriteString("createdAt", Iso(run.EndedAt ?? run.StartedAt));
            w.WriteString("schemaVersion", SchemaVersion);
            w.WriteStartObject("author");
            w.WriteString("name", "placement");
            w.WriteString("email", "placement@localhost");
            w.WriteEndObject();
            w.WriteStartObject("wms");
            w.WriteString("name", "placement-embedded-executor");
            w.WriteString("version", "1");
            w.WriteString("url", "docs/executors.md");
            w.WriteEndObject();
            w.WriteString("runId", result.RunId);
            w.WriteString("scenarioHash", graph.Scenario.ContentHash);
            w.WriteString("planHash", run.PlanHash);
            w.WriteString("storage", run.Storage);
            w.WriteString("status", result.Status.ToString().ToLowerInvariant());

            w.WriteStartObject("workflow");
            w.WriteStartObject("specification");
            w.WriteStartArray("tasks");
            foreach (var n in graph.Scenario.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("name", n.Name);
                w.WriteString("id", n.Name);
                Strings(w, "parents", graph.Inputs(n.Name).Select(e => e.From).Where(graph.IsNode).Distinct());
                Strings(w, "children", graph.Readers(n.Name).Select(e => e.To).Distinct());
                Strings(w, "inputFiles", graph.Inputs(n.Name).Select(e => e.From).Distinct());
                Strings(w, "outputFiles", [n.Name]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var d in graph.Scenario.Datasets)
            {
                File(w, d.Name, d.Bytes);
            }

            foreach (var n in graph.Scenario.Nodes)
            {
                File(w, n.Name, byNode.TryGetValue(n.Name, out var r) ? r.Bytes : n.OutputBytes);
            }

            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("execution");
            w.WriteNumber("makespanInSeconds", Math.Round(result.Seconds, 6));
            w.WriteString("executedAt", Iso(run.StartedAt));
            w.WriteStartArray("tasks");
            foreach (var r in result.Nodes)
            {
                var planned = planNodes[r.Node];
                w.WriteStartObject();
                w.WriteString("id", r.Node);
                w.WriteNumber("runtimeInSeconds", Math.Round(r.Seconds, 6));
                w.WriteString("executedAt", Iso(r.StartedAt));
                w.WriteStartObject("command");
                w.WriteString("program", graph.Node(r.Node).Handler?.Kind ?? "");
                w.WriteStartArray("arguments");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteNumber("coreCount", 1);
                Strings(w, "machines", [r.Location]);
                w.WriteString("location", r.Location);
                w.WriteString("storageHome", r.StorageHome);
                w.WriteNumber("bytesMoved", moved.GetValueOrDefault(r.Node));
                w.WriteNumber("costUsd", MeasuredCost.Node(planned, r, request.Pricing));
                w.WriteNumber("predictedCostUsd", planned.ComputeUsd + planned.ServicesUsd + planned.LlmUsd);
                w.WriteString("outputUri", r.Uri);
                w.WriteNumber("outputBytes", r.Bytes);
                w.WriteString("sha256", r.Sha256);
                w.WriteString("commitKind", r.Kind.ToString().ToLowerInvariant());
                w.WriteNumber("attempts", r.Attempts);
                w.WriteNumber("inputTokens", r.InputTokens);
                w.WriteNumber("outputTokens", r.OutputTokens);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("machines");
            foreach (var loc in result.Nodes.Select(n => n.Location).Distinct().Order(StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("nodeName", loc);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("transfers");
            foreach (var t in result.Transfers)
            {
                planTransfers.TryGetValue((t.Data, t.To), out var line);
                w.WriteStartObject();
                w.WriteString("data", t.Data);
                w.WriteString("from", t.From);
                w.WriteString("to", t.To);
                w.WriteNumber("bytes", t.Bytes);
                w.WriteNumber("predictedBytes", line?.Bytes ?? 0);
                w.WriteString("mode", t.Mode);
                w.WriteNumber("seconds", Math.Round(t.Seconds, 6));
                w.WriteNumber("attempts", t.Attempts);
                w.WriteNumber("costUsd", MeasuredCost.Transfer(line, t.Bytes));
                w.WriteNumber("predictedCostUsd", line?.Usd ?? 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void File(Utf8JsonWriter w, string id, long bytes)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteNumber("sizeInBytes", bytes);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
