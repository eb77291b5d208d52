using System.Text;
using System.Text.Json;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;

namespace Placement.Data.Plans;

/// <summary>What a plan file says before it is re-priced: scenario identity, the assignment and the solver report.</summary>
public sealed record PlanFile(string ScenarioName, string ScenarioHash, IReadOnlyDictionary<string, Candidate> Assignment, SolverReport Solver);

/// <summary>
/// Reads and writes plan files (docs/plan-format.md). Writing is canonical: fixed field order, invariant
/// numbers, LF line endings, so the same plan always gives the same bytes.
/// </summary>
public static class PlanJson
{
    /// <summary>The format tag written into every plan.</summary>
    public const string Format = "placement-plan/1";

    /// <summary>Serialises a plan.</summary>
    public static string Write(Plan plan)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteStartObject("scenario");
            w.WriteString("name", plan.ScenarioName);
            w.WriteString("hash", plan.ScenarioHash);
            w.WriteEndObject();

            w.WriteStartArray("nodes");
            foreach (var n in plan.Cost.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("node", n.Node);
                w.WriteString("location", n.Location.ToString());
                w.WriteString("sku", n.Offering);
                w.WriteString("storageHome", n.StorageHome.ToString());
                w.WriteNumber("computeUsd", n.ComputeUsd);
                w.WriteNumber("servicesUsd", n.ServicesUsd);
                w.WriteNumber("llmUsd", n.LlmUsd);
                if (n.RuntimeHours is { } h)
                {
                    w.WriteNumber("runtimeHours", h);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("transfers");
            foreach (var t in plan.Cost.Transfers)
            {
                w.WriteStartObject();
                w.WriteString("data", t.Data);
                w.WriteString("from", t.From.ToString());
                w.WriteString("to", t.To.ToString());
                w.WriteNumber("bytes", t.Bytes);
                w.WriteNumber("usd", t.Usd);
                w.WriteString("rule", RuleWord(t.Rule));
                w.WriteNumber("usdPerUnit", t.UsdPerUnit);
                w.WriteString("unit", t.Unit.ToString());
                w.WriteBoolean("routeBack", t.IsRouteBack);
                w.WriteStartArray("consumers");
                foreach (var c in t.Consumers)
                {
                    w.WriteStringValue(c);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("storage");
            foreach (var s in plan.Cost.Storage)
            {
                w.WriteStartObject();
                w.WriteString("data", s.Data);
                w.WriteString("location", s.Location.ToString());
                w.WriteNumber("bytes", s.Bytes);
                w.WriteString("copy", s.Copy == StorageCopy.Home ? "home" : "staged");
                w.WriteNumber("months", s.Months);
                w.WriteNumber("usd", s.Usd);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            var c2 = plan.Cost.Totals;
            w.WriteStartObject("cost");
            w.WriteNumber("compute", c2.ComputeUsd);
            w.WriteNumber("services", c2.ServicesUsd);
            w.WriteNumber("llm", c2.LlmUsd);
            w.WriteNumber("egress", c2.EgressUsd);
            w.WriteNumber("storage", c2.StorageUsd);
            w.WriteNumber("total", c2.TotalUsd);
            w.WriteEndObject();

            w.WriteStartObject("solver");
            if (!plan.Solver.IsEmpty)
            {
                var s = plan.Solver;
                w.WriteString("name", s.Name);
                w.WriteString("status", s.Status);
                WriteOptional(w, "objectiveUsd", s.ObjectiveUsd);
                WriteOptional(w, "lowerBoundUsd", s.LowerBoundUsd);
                if (s.Gap is { } gap)
                {
                    w.WriteNumber("gap", gap);
                }

                if (s.Seconds is { } sec)
                {
                    w.WriteNumber("seconds", Math.Round(sec, 3));
                }

                w.WriteStartObject("notes");
                foreach (var (k, v) in s.Notes.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteString(k, v);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The word a rule is written as in plans and reports.</summary>
    public static string RuleWord(Core.Pricing.EgressRule rule) => rule switch
    {
        Core.Pricing.EgressRule.SameLocation => "same-location",
        Core.Pricing.EgressRule.PairOverride => "pair",
        Core.Pricing.EgressRule.InterRegion => "inter-region",
        Core.Pricing.EgressRule.InterContinental => "inter-continental",
        _ => "internet",
    };

    /// <summary>
    /// Reads a plan file. Only the scenario identity and each node's <c>node</c>, <c>location</c> and
    /// <c>sku</c> are needed (a hand-written plan may give just those); costs are always recomputed.
    /// </summary>
    public static LoadResult<PlanFile> Read(string text, string file) => Read(() => JsonDocument.Parse(text, ParseOptions), file);

    /// <summary>
    /// Reads a plan file's bytes with the same result as <see cref="Read(string, string)"/> on the text
    /// <see cref="File.ReadAllText(string)"/> decodes from them (<see cref="Utf8Input"/>), UTF-8 parsed in place.
    /// </summary>
    public static LoadResult<PlanFile> Read(ReadOnlyMemory<byte> bytes, string file) =>
        Utf8Input.Direct(bytes) is { } utf8
            ? Read(() => JsonDocument.Parse(utf8, ParseOptions), file)
            : Read(Utf8Input.Decode(bytes), file);

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static LoadResult<PlanFile> Read(Func<JsonDocument> parse, string file)
    {
        var problems = new List<Problem>();
        JsonDocument doc;
        try
        {
            doc = parse();
        }
        catch (JsonException e)
        {
            problems.Add(new Problem(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", "malformed JSON", "check brackets, quotes and commas"));
            return new LoadResult<PlanFile>(null, problems);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new Problem(file, 1, 1, "", "a plan file is a JSON object", "see docs/plan-format.md"));
                return new LoadResult<PlanFile>(null, problems);
            }

            string name = "", hash = "";
            if (root.TryGetProperty("scenario", out var sc) && sc.ValueKind == JsonValueKind.Object)
            {
                name = Str(sc, "name") ?? "";
                hash = Str(sc, "hash") ?? "";
            }
            else
            {
                problems.Add(new Problem(file, 0, 0, "scenario", "is required", "add \"scenario\": {\"name\": ..., \"hash\": ...} (the hash may be empty for a hand-written plan)"));
            }

            var assignment = new Dictionary<string, Candidate>(StringComparer.Ordinal);
            if (!root.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new Problem(file, 0, 0, "nodes", "is required and must be a list", "list {\"node\": ..., \"location\": ..., \"sku\": ...} for every node"));
            }
            else
            {
                var i = 0;
                foreach (var n in nodes.EnumerateArray())
                {
                    var path = $"nodes[{i++}]";
                    var node = n.ValueKind == JsonValueKind.Object ? Str(n, "node") : null;
                    var locText = n.ValueKind == JsonValueKind.Object ? Str(n, "location") : null;
                    var sku = n.ValueKind == JsonValueKind.Object ? Str(n, "sku") : null;
                    if (node is null || locText is null || sku is null)
                    {
                        problems.Add(new Problem(file, 0, 0, path, "needs node, location and sku", "e.g. {\"node\": \"split\", \"location\": \"gcp/us-west1\", \"sku\": \"n2-standard-8\"}"));
                        continue;
                    }

                    if (!Location.TryParse(locText, out var loc))
                    {
                        problems.Add(new Problem(file, 0, 0, $"{path}.location", $"'{locText}' is not a location", "write provider/region"));
                        continue;
                    }

                    if (!assignment.TryAdd(node, new Candidate(loc, sku)))
                    {
                        problems.Add(new Problem(file, 0, 0, $"{path}.node", $"node {node} is listed twice", "list each node once"));
                    }
                }
            }

            var solver = SolverReport.Empty;
            if (root.TryGetProperty("solver", out var s) && s.ValueKind == JsonValueKind.Object && Str(s, "name") is { Length: > 0 } solverName)
            {
                var notes = s.TryGetProperty("notes", out var ne) && ne.ValueKind == JsonValueKind.Object
                    ? ne.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);
                solver = new SolverReport(solverName, Str(s, "status") ?? "", Dec(s, "objectiveUsd"), Dec(s, "lowerBoundUsd"),
                    s.TryGetProperty("gap", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetDouble() : null,
                    s.TryGetProperty("seconds", out var sec) && sec.ValueKind == JsonValueKind.Number ? sec.GetDouble() : null, notes);
            }

            return problems.Count > 0
                ? new LoadResult<PlanFile>(null, problems)
                : new LoadResult<PlanFile>(new PlanFile(name, hash, assignment, solver), problems);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Dec(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;
}
