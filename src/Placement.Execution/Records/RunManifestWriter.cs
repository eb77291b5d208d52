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
            var schedule = PlannedParts(request);
            var partRows = journal.PartTransfers(runId).ToLookup(p => (p.Data, p.To));
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

                WriteParts(w, request, t.Data, schedule?.Move(t.Data, Core.Model.Location.Parse(t.To))?.Parts, partRows[(t.Data, t.To)].ToList());
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

    /// <summary>
    /// An output with parts: each part the plan moves to the destination or the run moved there, in declared order,
    /// with the planned bytes (its declared size, or null when the plan does not move it) and the bytes moved (null when
    /// the run has not moved it), so <c>placement reconcile</c> compares them part by part.
    /// </summary>
    private static void WriteParts(Utf8JsonWriter w, RunRequest request, string item, IReadOnlyList<string>? planned, IReadOnlyList<PartTransferRow> moved)
    {
        var declared = request.Graph.ItemParts(item);
        if (planned is null && moved.Count == 0)
        {
            return;
        }

        var plannedSet = new HashSet<string>(planned ?? [], StringComparer.Ordinal);
        var byPart = moved.ToDictionary(p => p.Part, StringComparer.Ordinal);
        var order = declared.Count > 0 ? declared.Select(p => p.Name).ToList() : [.. plannedSet.Concat(byPart.Keys).Distinct().Order(StringComparer.Ordinal)];
        var sizes = declared.ToDictionary(p => p.Name, p => p.Bytes, StringComparer.Ordinal);
        w.WriteStartArray("parts");
        foreach (var name in order.Where(n => plannedSet.Contains(n) || byPart.ContainsKey(n)))
        {
            w.WriteStartObject();
            w.WriteString("part", name);
            if (plannedSet.Contains(name) && sizes.TryGetValue(name, out var size))
            {
                w.WriteNumber("plannedBytes", size);
            }
            else
            {
                w.WriteNull("plannedBytes");
            }

            if (byPart.TryGetValue(name, out var row))
            {
                w.WriteNumber("bytes", row.Bytes);
                w.WriteString("sha256", row.Sha256);
                w.WriteString("mode", row.Mode);
            }
            else
            {
                w.WriteNull("bytes");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static Scheduling.RunSchedule? PlannedParts(RunRequest request)
    {
        try
        {
            return request.Graph.Scenario.Nodes.Any(n => n.Parts.Count > 0) ? new Scheduling.RunSchedule(request.Graph, request.Plan) : null;
        }
        catch (KeyNotFoundException)
        {
            // A plan that does not place every node: there is nothing planned to compare parts with.
            return null;
        }
    }
}
