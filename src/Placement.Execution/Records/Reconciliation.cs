using System.Globalization;
using System.Text;
using System.Text.Json;
using Placement.Data;
using Placement.Traces.Formats;

namespace Placement.Execution.Records;

/// <summary>One line of a reconciliation: a node, a transfer or one part of a transfer, predicted by the plan and measured by a run.</summary>
/// <param name="Kind"><c>node</c>, <c>transfer</c> or <c>part</c> (a part of an output with parts within the transfer line before it).</param>
/// <param name="Name">Node name, the data item moved, or <c>ITEM/PART</c>.</param>
/// <param name="From">Node location, or the transfer's source.</param>
/// <param name="To">Node storage home, or the transfer's destination.</param>
/// <param name="PredictedBytes">Output bytes (node) or bytes moved (transfer) the plan expects; null when it does not say.</param>
/// <param name="MeasuredBytes">Bytes the run produced or moved; null when the run has no such line.</param>
/// <param name="PredictedUsd">The plan's USD.</param>
/// <param name="MeasuredUsd">The run's USD (see <see cref="MeasuredCost"/>); null when the run has no such line.</param>
public sealed record ReconcileLine(string Kind, string Name, string From, string To, long? PredictedBytes, long? MeasuredBytes, decimal PredictedUsd, decimal? MeasuredUsd);

/// <summary>
/// Puts a plan file (placement-plan/1) beside a run trace (placement-trace/1, read by <see cref="TraceReader"/>): per node and
/// per transfer, predicted vs measured bytes and USD; with the run's manifest (placement-run/1, beside the trace), per
/// part of each transfer of an output with parts as well. Pure over the texts.
/// </summary>
public static class Reconciliation
{
    /// <summary>
    /// Every line, nodes first (plan order) then transfers (plan order, then any the plan lacks), each transfer of an
    /// output with parts followed by its parts (declared order) when <paramref name="manifestText"/> is given. A part's
    /// USD is its share by bytes of its transfer's (predicted: of the plan line; measured: of the measured cost).
    /// </summary>
    public static IReadOnlyList<ReconcileLine> Lines(string planText, string planFile, string traceText, string traceFile, string? manifestText = null, string manifestFile = "manifest.json")
    {
        using var plan = Parse(planText, planFile);
        var p = plan.RootElement;
        if (!p.TryGetProperty("format", out var f) || f.GetString() != "placement-plan/1")
        {
            throw new InputException(new Problem(planFile, 0, 0, "format", "not a placement plan file (format placement-plan/1)"));
        }

        var read = TraceReader.Read(traceText, traceFile);
        if (read.Value is null)
        {
            throw new InputException([new Problem(traceFile, 0, 0, "", "not a run trace (placement-trace/1, docs/trace-format.md)", "pass the trace.json of a run folder"), .. read.Problems]);
        }

        var trace = read.Value;
        if (trace.Run is not { } run)
        {
            throw new InputException(new Problem(traceFile, 0, 0, "placement", "not a run trace (placement-trace/1 with a placement extension)", "pass the trace.json of a run folder"));
        }

        var planScenario = p.GetProperty("scenario").GetProperty("name").GetString();
        if (planScenario is not null && run.ScenarioName != planScenario)
        {
            throw new InputException(new Problem(traceFile, 0, 0, "placement.scenario.name", $"the trace is of '{run.ScenarioName}', not of scenario {planScenario}", "reconcile a run of the plan's scenario"));
        }

        var homeBytes = p.GetProperty("storage").EnumerateArray()
            .Where(s => s.GetProperty("copy").GetString() == "home")
            .ToDictionary(s => s.GetProperty("data").GetString()!, s => s.GetProperty("bytes").GetInt64(), StringComparer.Ordinal);
        var fileBytes = trace.FileBytes();
        var lines = new List<ReconcileLine>();
        foreach (var n in p.GetProperty("nodes").EnumerateArray())
        {
            var name = n.GetProperty("node").GetString()!;
            var predicted = n.GetProperty("computeUsd").GetDecimal() + n.GetProperty("servicesUsd").GetDecimal() + n.GetProperty("llmUsd").GetDecimal();
            var ran = trace.Task(name)?.Placement;
            lines.Add(new ReconcileLine("node", name, n.GetProperty("location").GetString()!, n.GetProperty("storageHome").GetString()!,
                homeBytes.TryGetValue(name, out var hb) ? hb : null,
                ran is null ? null : fileBytes.GetValueOrDefault(name),
                predicted,
                ran?.Cost.TotalUsd));
        }

        var measured = run.Transfers;
        var parts = manifestText is null ? [] : ManifestParts(manifestText, manifestFile, run.RunId);
        void AddParts(string data, string from, string to, long? predictedBytes, decimal predictedUsd, long? measuredBytes, decimal? measuredUsd)
        {
            static decimal Share(decimal usd, long? part, long? whole) => whole is > 0 && part is { } p ? Math.Round(usd * p / whole.Value, 6, MidpointRounding.ToEven) : 0;
            foreach (var (part, planned, moved) in parts.GetValueOrDefault((data, to)) ?? [])
            {
                lines.Add(new ReconcileLine("part", $"{data}/{part}", from, to, planned, moved, Share(predictedUsd, planned, predictedBytes),
                    moved is null || measuredUsd is null ? null : Share(measuredUsd.Value, moved, measuredBytes)));
            }
        }

        var seen = new HashSet<(string, string, string)>();
        foreach (var x in p.GetProperty("transfers").EnumerateArray())
        {
            var key = (x.GetProperty("data").GetString()!, x.GetProperty("from").GetString()!, x.GetProperty("to").GetString()!);
            seen.Add(key);
            var m = measured.FirstOrDefault(y => (y.Data, y.From.ToString(), y.To.ToString()) == key);
            lines.Add(new ReconcileLine("transfer", key.Item1, key.Item2, key.Item3, x.GetProperty("bytes").GetInt64(),
                m?.Bytes, x.GetProperty("usd").GetDecimal(), m?.CostUsd));
            AddParts(key.Item1, key.Item2, key.Item3, x.GetProperty("bytes").GetInt64(), x.GetProperty("usd").GetDecimal(), m?.Bytes, m?.CostUsd);
        }

        foreach (var m in measured)
        {
            var key = (m.Data, m.From.ToString(), m.To.ToString());
            if (!seen.Contains(key))
            {
                lines.Add(new ReconcileLine("transfer", key.Item1, key.Item2, key.Item3, null, m.Bytes, 0, m.CostUsd));
                AddParts(key.Item1, key.Item2, key.Item3, null, 0, m.Bytes, m.CostUsd);
            }
        }

        return lines;
    }

    /// <summary>The CSV form: header then one row per line; empty cells where a side has nothing.</summary>
    public static string Csv(IReadOnlyList<ReconcileLine> lines)
    {
        var sb = new StringBuilder("kind,name,from,to,predicted_bytes,measured_bytes,predicted_usd,measured_usd\n");
        foreach (var l in lines)
        {
            sb.Append(string.Join(',', l.Kind, l.Name, l.From, l.To, N(l.PredictedBytes), N(l.MeasuredBytes),
                l.PredictedUsd.ToString("F6", CultureInfo.InvariantCulture), l.MeasuredUsd?.ToString("F6", CultureInfo.InvariantCulture) ?? "")).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Per (item, destination): each part's planned and moved bytes, from a run manifest's <c>transfers[].parts</c>.</summary>
    private static Dictionary<(string Data, string To), List<(string Part, long? Planned, long? Moved)>> ManifestParts(string text, string file, string? runId)
    {
        using var doc = Parse(text, file);
        var m = doc.RootElement;
        if (!m.TryGetProperty("format", out var f) || f.GetString() != "placement-run/1")
        {
            throw new InputException(new Problem(file, 0, 0, "format", "not a run manifest (format placement-run/1)"));
        }

        if (runId is not null && m.TryGetProperty("runId", out var id) && id.GetString() != runId)
        {
            throw new InputException(new Problem(file, 0, 0, "runId", $"the manifest is of run {id.GetString()}, not of the trace's run {runId}", "keep manifest.json beside the trace.json of the same run folder"));
        }

        static long? Bytes(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        var result = new Dictionary<(string, string), List<(string, long?, long?)>>();
        if (!m.TryGetProperty("transfers", out var ts) || ts.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var t in ts.EnumerateArray())
        {
            if (!t.TryGetProperty("parts", out var ps))
            {
                continue;
            }

            result[(t.GetProperty("data").GetString()!, t.GetProperty("to").GetString()!)] =
                ps.EnumerateArray().Select(p => (p.GetProperty("part").GetString()!, Bytes(p, "plannedBytes"), Bytes(p, "bytes"))).ToList();
        }

        return result;
    }

    private static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static JsonDocument Parse(string text, string file)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InputException(new Problem(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", "not valid JSON: " + e.Message));
        }
    }
}
