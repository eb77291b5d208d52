using System.Text;
using System.Text.Json;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

/// <summary>
/// Writes a <see cref="Trace"/> as WfFormat 1.5 plus Placement's <c>placement</c> extensions
/// (docs/trace-format.md). Canonical output: fixed field order, invariant numbers, LF line endings, so the same
/// trace always gives the same bytes. <see cref="TraceReader"/> reads it back.
/// </summary>
public static class TraceWriter
{
    /// <summary>The format tag of the run-level extension.</summary>
    public const string Format = "placement-trace/1";

    /// <summary>Serialises a trace.</summary>
    public static string Write(Trace trace)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", trace.Name);
            w.WriteString("schemaVersion", "1.5");
            w.WriteStartObject("workflow");
            w.WriteStartObject("specification");
            w.WriteStartArray("tasks");
            var children = trace.Tasks.ToDictionary(t => t.Id, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var t in trace.Tasks)
            {
                foreach (var p in t.Parents)
                {
                    children[p].Add(t.Id);
                }
            }

            foreach (var t in trace.Tasks)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("id", t.Id);
                Strings(w, "parents", t.Parents);
                Strings(w, "children", children[t.Id]);
                Strings(w, "inputFiles", t.InputFiles);
                Strings(w, "outputFiles", t.OutputFiles);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var f in trace.Files)
            {
                w.WriteStartObject();
                w.WriteString("id", f.Id);
                w.WriteNumber("sizeInBytes", f.SizeInBytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("execution");
            if (trace.MakespanSeconds is { } makespan)
            {
                w.WriteNumber("makespanInSeconds", makespan);
            }

            if (trace.ExecutedAt is { } at)
            {
                w.WriteString("executedAt", TraceTimestamps.Format(at));
            }

            w.WriteStartArray("tasks");
            foreach (var t in trace.Tasks)
            {
                w.WriteStartObject();
                w.WriteString("id", t.Id);
                w.WriteNumber("runtimeInSeconds", t.RuntimeSeconds);
                w.WriteString("category", t.Category);
                w.WriteStartObject("command");
                w.WriteString("program", t.Category);
                w.WriteStartArray("arguments");
                w.WriteEndArray();
                w.WriteEndObject();
                if (t.StartedAt is { } s)
                {
                    w.WriteString("executedAt", TraceTimestamps.Format(s));
                }

                Strings(w, "machines", t.Machines);
                if (t.Placement is { } p)
                {
                    w.WriteStartObject("placement");
                    w.WriteString("location", p.Location.ToString());
                    w.WriteString("offering", p.Offering);
                    w.WriteString("storageHome", p.StorageHome.ToString());
                    w.WriteNumber("attempts", p.Attempts);
                    w.WriteNumber("startSeconds", p.StartSeconds);
                    w.WriteNumber("endSeconds", p.EndSeconds);
                    w.WriteStartObject("cost");
                    w.WriteNumber("compute", p.Cost.ComputeUsd);
                    w.WriteNumber("services", p.Cost.ServicesUsd);
                    w.WriteNumber("llm", p.Cost.LlmUsd);
                    w.WriteEndObject();
                    OptionalNumber(w, "bytesMoved", p.BytesMoved);
                    OptionalNumber(w, "predictedUsd", p.PredictedUsd);
                    OptionalString(w, "outputUri", p.OutputUri);
                    OptionalString(w, "sha256", p.Sha256);
                    OptionalString(w, "commit", p.Commit);
                    OptionalNumber(w, "inputTokens", p.InputTokens);
                    OptionalNumber(w, "outputTokens", p.OutputTokens);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("machines");
            foreach (var m in trace.Machines)
            {
                w.WriteStartObject();
                w.WriteString("nodeName", m.Name);
                if (m.CoreCount is not null || m.SpeedMhz is not null)
                {
                    w.WriteStartObject("cpu");
                    if (m.CoreCount is { } c)
                    {
                        w.WriteNumber("coreCount", c);
                    }

                    if (m.SpeedMhz is { } sp)
                    {
                        w.WriteNumber("speedInMHz", sp);
                    }

                    w.WriteEndObject();
                }

                if (m.MemoryBytes is { } mem)
                {
                    w.WriteNumber("memoryInBytes", mem);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            if (trace.Run is { } run)
            {
                w.WriteStartObject("placement");
                w.WriteString("format", Format);
                w.WriteString("producer", run.Producer);
                w.WriteStartObject("scenario");
                w.WriteString("name", run.ScenarioName);
                w.WriteString("hash", run.ScenarioHash);
                w.WriteEndObject();
                OptionalString(w, "runId", run.RunId);
                OptionalString(w, "planHash", run.PlanHash);
                OptionalString(w, "storage", run.Storage);
                OptionalString(w, "status", run.Status);
                w.WriteStartArray("transfers");
                foreach (var t in run.Transfers)
                {
                    w.WriteStartObject();
                    w.WriteString("data", t.Data);
                    w.WriteString("from", t.From.ToString());
                    w.WriteString("to", t.To.ToString());
                    w.WriteNumber("bytes", t.Bytes);
                    w.WriteNumber("startSeconds", t.StartSeconds);
                    w.WriteNumber("endSeconds", t.EndSeconds);
                    w.WriteNumber("usd", t.CostUsd);
                    OptionalString(w, "mode", t.Mode);
                    OptionalNumber(w, "attempts", t.Attempts);
                    OptionalNumber(w, "predictedBytes", t.PredictedBytes);
                    OptionalNumber(w, "predictedUsd", t.PredictedUsd);
                    OptionalString(w, "timing", t.Timing);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (run.Cost is { } c)
                {
                    w.WriteStartObject("cost");
                    w.WriteNumber("compute", c.ComputeUsd);
                    w.WriteNumber("services", c.ServicesUsd);
                    w.WriteNumber("llm", c.LlmUsd);
                    w.WriteNumber("egress", c.EgressUsd);
                    w.WriteNumber("storage", c.StorageUsd);
                    w.WriteNumber("total", c.TotalUsd);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void OptionalNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void OptionalNumber(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
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
}
