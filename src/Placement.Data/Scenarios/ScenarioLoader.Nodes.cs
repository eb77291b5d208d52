using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;

namespace Placement.Data.Scenarios;

// Nodes: endpoint, work, parts and handler.
public static partial class ScenarioLoader
{
    private static WorkflowNode? ParseNode(YamlFields f)
    {
        var name = CheckName(f, f.String("name", required: true), "name");
        f.String("description");
        var endpoint = f.Map("endpoint", required: true) is { } e ? ParseEndpoint(e) : null;

        Persistence? persistence = null;
        if (f.String("persistence") is { } p)
        {
            persistence = p switch
            {
                "native" => Persistence.Native,
                "none" => Persistence.None,
                _ => null,
            };
            if (persistence is null)
            {
                f.Source.Add(f.Join("persistence"), $"'{p}' is not a persistence", "use native (stores in its own region's bucket) or none (routes output back to its parent's storage)");
            }
        }

        var rules = CandidateRules.Any;
        if (f.Map("candidates") is { } c)
        {
            rules = new CandidateRules(ParsePatterns(c, "allow"), ParsePatterns(c, "deny"), ParseLocation(c, "pin"));
            c.Finish();
        }

        var work = f.Map("work") is { } w ? ParseWork(w) : WorkEstimate.None;
        var declaredOutput = f.Bytes("outputBytes");
        var parts = ParseParts(f);
        var partsBytes = parts.Sum(p => p.Bytes);
        var output = declaredOutput ?? partsBytes;
        if (parts.Count > 0 && declaredOutput is { } d && d != partsBytes)
        {
            f.Source.Add(f.Join("outputBytes"), $"is {d} bytes but the parts sum to {partsBytes}", "leave outputBytes out (it is the parts' sum) or correct a part");
        }
        var storeWith = f.String("storeWith");
        var count = f.Long("count", 1, max: ScenarioLimits.MaxInstances) ?? 1;
        var reuse = f.Bool("reuseStorage") ?? false;
        var handler = f.Map("handler") is { } h ? ParseHandler(h, endpoint, fallback: false) : null;
        f.Finish();
        if (name is null || endpoint is null)
        {
            return null;
        }

        return new WorkflowNode(name, endpoint, persistence ?? endpoint.DefaultPersistence, rules, work, output, storeWith,
            (int)Math.Min(count, int.MaxValue), handler, reuse, parts.Count > 0 ? parts : null);
    }

    /// <summary>A node's <c>parts</c>: <c>[{ name: chunk-1, bytes: 20 MB }, ...]</c>, names unique within the node.</summary>
    private static List<DataPart> ParseParts(YamlFields f)
    {
        var parts = new List<DataPart>();
        HashSet<string>? names = null;
        var i = 0;
        foreach (var p in f.MapList("parts"))
        {
            names ??= new HashSet<string>(StringComparer.Ordinal);
            var name = p.String("name", required: true, hint: "name the part, e.g. the file it is");
            var bytes = p.Bytes("bytes", required: true);
            p.Finish();
            if (name is not null && names.Contains(name))
            {
                f.Source.Add($"{f.Join("parts")}[{i}].name", $"part '{name}' is declared twice", "part names are unique within a node");
            }
            else if (name is not null && bytes is not null)
            {
                parts.Add(new DataPart(name, bytes.Value));
                names.Add(name);
            }

            i++;
        }

        return parts;
    }

    /// <summary>
    /// A node's <c>handler</c> mapping, or (with <paramref name="fallback"/>) the mapping form of its
    /// <c>handler.fallback</c>. A fallback's kind and required fields are checked here, so a bad one is reported
    /// at load with its file, line and field; the primary's kind is checked by the executor against its handlers.
    /// </summary>
    private static HandlerSpec? ParseHandler(YamlFields h, EndpointRequirement? endpoint, bool fallback)
    {
        var kinds = string.Join(", ", HandlerSpec.Kinds);
        var kind = h.String("kind", required: true, hint: $"one of {kinds}");
        if (fallback && kind is not null && !HandlerSpec.Kinds.Contains(kind))
        {
            h.Source.Add(h.Join("kind"), $"unknown fallback handler kind '{kind}'", $"use one of {kinds}");
            kind = null;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in HandlerSpec.SettingNames)
        {
            var required = fallback && key == "run" && kind == "command";
            if (h.String(key, required, required ? "a command fallback needs the command line to run" : null) is { } value)
            {
                settings[key] = value;
            }
        }

        if (fallback && kind == "llm" && !settings.ContainsKey("model") && endpoint is not LlmRequirement { Models.Count: > 0 })
        {
            h.Source.Add(h.Join("model"), "is required", "an llm fallback names its model when the node's endpoint is not an llm with a model");
        }

        HandlerSpec? second = null;
        var node = h.Node("fallback");
        if (fallback && node is not null)
        {
            h.Source.Add(node.Start, h.Join("fallback"), "a fallback cannot have a fallback of its own", "move it to the node's handler.fallback");
        }
        else
        {
            switch (node)
            {
                case null:
                    break;
                case TreeScalar { Value: { } run } when !string.IsNullOrWhiteSpace(run):
                    // Shorthand: a command line, writing the same output file as the primary.
                    var shorthand = new Dictionary<string, string>(StringComparer.Ordinal) { ["run"] = run };
                    if (settings.TryGetValue("outputs", out var outputs))
                    {
                        shorthand["outputs"] = outputs;
                    }

                    second = new HandlerSpec("command", shorthand);
                    break;
                case TreeMapping:
                    second = h.Map("fallback") is { } m ? ParseHandler(m, endpoint, fallback: true) : null;
                    break;
                default:
                    h.Source.Add(node.Start, h.Join("fallback"), "must be a command line or a handler mapping", $"e.g. fallback: \"cp in/x $PLACEMENT_OUTPUT\" or fallback: {{ kind: noop }} ({kinds})");
                    break;
            }
        }

        h.Finish();
        return kind is null ? null : new HandlerSpec(kind, settings, second);
    }

    private static EndpointRequirement? ParseEndpoint(YamlFields f)
    {
        var kind = f.String("kind", required: true, hint: "one of vm, service, llm");
        EndpointRequirement? result = null;
        switch (kind)
        {
            case "vm":
                var gpu = f.String("gpu");
                var gpuCount = f.Long("gpuCount", 0) ?? (gpu is null ? 0 : 1);
                var skus = new List<string>();
                foreach (var (sku, _) in f.Strings("skus"))
                {
                    skus.Add(sku);
                }

                foreach (var (sku, _) in f.Strings("sku"))
                {
                    skus.Add(sku);
                }

                var vcpus = f.Long("minVcpus", 0) ?? 0;
                var mem = f.Decimal("minMemoryGib", 0) ?? 0;
                result = new VmRequirement(gpu, (int)Math.Min(gpuCount, int.MaxValue), skus, (int)Math.Min(vcpus, int.MaxValue), mem);
                break;
            case "service":
                var services = f.Strings("service").Concat(f.Strings("services")).Select(s => s.Value).ToList();
                if (services.Count == 0)
                {
                    f.Source.Add(f.Path, "a service endpoint needs service: NAME or services: [NAMES]", "names are in pricing-data/services.csv, e.g. gcp-video-intelligence-labels");
                }

                result = new ServiceRequirement(services);
                break;
            case "llm":
                var models = f.Strings("model").Concat(f.Strings("models")).Select(s => s.Value).ToList();
                if (models.Count == 0)
                {
                    f.Source.Add(f.Path, "an llm endpoint needs model: NAME or models: [NAMES]", "names are in pricing-data/llm.csv, e.g. gpt-4o-mini");
                }

                result = new LlmRequirement(models);
                break;
            case null:
                f.IgnoreRest();
                break;
            default:
                f.Source.Add(f.Join("kind"), $"'{kind}' is not an endpoint kind", "use vm, service or llm");
                f.IgnoreRest();
                break;
        }

        f.Finish();
        return result;
    }

    private static WorkEstimate ParseWork(YamlFields f)
    {
        var byGpu = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var bySku = new Dictionary<string, decimal>(StringComparer.Ordinal);
        ReadHours(f, "runtimeHoursByGpu", byGpu);
        ReadHours(f, "runtimeHoursBySku", bySku);
        var work = new WorkEstimate(
            f.Decimal("runtimeHours", 0),
            byGpu,
            bySku,
            f.Decimal("videoMinutes", 0) ?? 0,
            f.Decimal("audioMinutes", 0) ?? 0,
            f.Decimal("images", 0) ?? 0,
            f.Decimal("requests", 0) ?? 0,
            f.Long("inputTokens", 0) ?? 0,
            f.Long("outputTokens", 0) ?? 0,
            f.Decimal("durationHours", 0));
        f.Finish();
        return work;
    }

    private static void ReadHours(YamlFields f, string key, Dictionary<string, decimal> into)
    {
        foreach (var (k, v, path) in f.Pairs(key))
        {
            if (YamlFields.Number(v, 0, ScenarioLimits.MaxQuantity, out var hours, out var error))
            {
                into[k] = hours;
            }
            else
            {
                f.Source.Add(path, error!, "give a non-negative number of hours");
            }
        }
    }
}
