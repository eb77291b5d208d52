using System.Text;
using System.Text.Json;
using Placement.Data;
using Placement.Execution.Journal;
using Placement.Execution.Ports;

namespace Placement.Execution.Records;

/// <summary>
/// Writes <c>RUN_FOLDER/manifest.json</c>: the run's identity, status, storage map, the output URIs with bytes
/// and SHA-256, the transfers, and errors. Rewritten atomically at the start and the end of each session.
/// </summary>
public sealed class RunManifestWriter(string runFolder)
{
    /// <summary>The manifest path.</summary>
    public string Path => System.IO.Path.Combine(runFolder, "manifest.json");

    /// <summary>Writes the manifest from the journal's view of the run.</summary>
    public void Write(RunRequest request, string runId, RunStatus status, string storage, SqliteJournal journal, IReadOnlyList<string> errors, double seconds)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("format", "placement-run/1");
            w.WriteString("runId", runId);
            w.WriteString("scenario", request.Graph.Scenario.Name);
            w.WriteString("scenarioHash", request.Graph.Scenario.ContentHash);
            w.WriteString("status", status.ToString().ToLowerInvariant());
            w.WriteString("storage", storage);
            w.WriteNumber("sessionSeconds", Math.Round(seconds, 3));
            w.WriteString("trace", "trace.json");
            w.WriteStartArray("outputs");
            foreach (var c in journal.Commits(runId).Values)
            {
                w.WriteStartObject();
                w.WriteString("node", c.Node);
                w.WriteString("idempotencyKey", c.IdempotencyKey);
                w.WriteString("uri", c.Uri);
                w.WriteNumber("bytes", c.Bytes);
                w.WriteString("sha256", c.Sha256);
                w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                if (c.Kind == NodeCommitKind.Fallback)
                {
                    // The output came from the node's fallback handler, whose side effects ran under this key.
                    w.WriteString("fallbackKey", Ports.IdempotencyKeys.Fallback(c.RunId, c.Node));
                    if (request.Graph.IsNode(c.Node) && request.Graph.Node(c.Node).Handler?.Fallback is { } fallback)
                    {
                        w.WriteString("fallbackHandler", fallback.Kind);
                    }
                }
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("transfers");
            foreach (var t in journal.Transfers(runId))
            {
                w.WriteStartObject();
                w.WriteString("data", t.Data);
                w.WriteString("from", t.From);
                w.WriteString("to", t.To);
                w.WriteNumber("bytes", t.Bytes);
                w.WriteString("mode", t.Mode);
                if (t.StartedAt is { } s && t.EndedAt is { } e)
                {
                    w.WriteString("startedAt", s.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteString("endedAt", e.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                }
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("errors");
            foreach (var e in errors)
            {
                w.WriteStringValue(Engine.SecretRedactor.Redact(e));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        AtomicFile.Write(Path, Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }
}
