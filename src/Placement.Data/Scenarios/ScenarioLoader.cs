using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Placement.Data.Scenarios;

/// <summary>
/// Reads a scenario YAML (see docs/scenario-format.md) into a <see cref="Scenario"/> and checks it against
/// the pricing catalogue. Every problem is reported at once with file, line and field; nothing is guessed.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Parses and checks scenario text; <paramref name="file"/> only names it in problems.</summary>
    public static LoadResult<Scenario> Load(string text, string file, PricingCatalog pricing)
    {
        var source = new YamlSource(file);
        if (YamlDepth.TooDeep(text) is { } deep)
        {
            // YamlDotNet builds the node tree recursively: thousands of nested brackets would overflow the stack.
            source.Add(deep, "", $"the YAML is nested more than {YamlDepth.MaxDepth} levels deep", "a scenario needs a few levels of nesting; check for unbalanced [ or {");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            source.Add(e.Start, "", $"malformed YAML: {Clean(e.Message)}", "check indentation and that every list item starts with '- '");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            source.Add(Mark.Empty, "", "the file is not a YAML mapping", "start with 'name:' and 'nodes:' at the top level");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        if (stream.Documents.Count > 1)
        {
            source.Add(stream.Documents[1].RootNode.Start, "", $"the file holds {stream.Documents.Count} YAML documents (separated by ---)", "a scenario file holds one document: remove the --- line or split the file");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        var parseProblems = source.Problems.Count;
        var scenario = Parse(new YamlFields(root, "", source), HashOf(text), out var complete);
        if (scenario is not null && (source.Problems.Count == parseProblems || complete))
        {
            // Semantic checks still run after field-level problems, as long as every node could be read,
            // so one pass reports everything without echoing the same mistake twice.
            Check(scenario, pricing, source);
        }

        if (scenario is not null && source.Problems.Count == 0)
        {
            ScenarioWarnings.Find(scenario, pricing, source);
        }

        return new LoadResult<Scenario>(source.Problems.Count == 0 ? scenario : null, source.Problems) { Warnings = source.Warnings };
    }

    /// <summary>SHA-256 (lower-case hex) of the text with line endings normalised to LF.</summary>
    public static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal))));

    private static string Clean(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return (i >= 0 ? message[(i + 3)..] : message).Trim().TrimEnd('.');
    }

    private static Scenario? Parse(YamlFields root, string hash, out bool complete)
    {
        var src = root.Source;
        var name = CheckName(root, root.String("name", required: true, hint: "give the scenario a name, e.g. name: video-pipeline"), "name");
        var description = root.String("description");

        Location? defaultStorage = null;
        decimal retention = 1;
        if (root.Map("storage") is { } storage)
        {
            defaultStorage = ParseLocation(storage, "default");
            retention = storage.Decimal("retentionMonths", 0, max: ScenarioLimits.MaxRetentionMonths) ?? 1;
            storage.Finish();
        }

        var parsedDatasets = root.MapList("datasets").Select(ParseDataset).ToList();
        var before = src.Problems.Count;
        var parsedNodes = root.MapList("nodes", required: true).Select(ParseNode).ToList();
        if (parsedNodes.Count == 0 && src.Problems.Count == before)
        {
            src.Add("nodes", "a scenario needs at least one node", "add a node under nodes:, e.g. - { name: a, endpoint: { kind: vm } }");
        }

        var parsedEdges = root.MapList("edges").Select(ParseEdge).ToList();
        complete = parsedDatasets.All(d => d is not null) && parsedNodes.All(n => n is not null) && parsedEdges.All(e => e is not null);
        var datasets = parsedDatasets.OfType<Dataset>().ToList();
        var nodes = parsedNodes.OfType<WorkflowNode>().ToList();
        var edges = parsedEdges.OfType<Edge>().ToList();
        var constraints = root.Map("constraints") is { } c ? ParseConstraints(c) : ScenarioConstraints.None;
        root.Finish();

        if (name is null)
        {
            return null;
        }

        return new Scenario(name, description, datasets, nodes, edges, defaultStorage, retention, constraints, hash);
    }

    /// <summary>Longest name of a scenario, node or dataset: names become object keys and file names.</summary>
    public const int MaxNameLength = 200;

    /// <summary>A name must be non-empty, printable and at most <see cref="MaxNameLength"/> characters (the executor keys objects by it).</summary>
    private static string? CheckName(YamlFields f, string? name, string key)
    {
        if (name is null)
        {
            return null;
        }

        var why = name.Trim().Length == 0 ? "a name cannot be empty or blank"
            : name.Length > MaxNameLength ? $"a name has at most {MaxNameLength} characters (this one has {name.Length})"
            : name.Any(char.IsControl) ? "a name cannot hold control characters (tabs, line breaks)"
            : null;
        if (why is null)
        {
            return name;
        }

        f.Source.Add(f.Join(key), why, "use letters, digits, '-', '_' and '.', e.g. name: video-pipeline");
        return null;
    }

    private static Location? ParseLocation(YamlFields f, string key, bool required = false)
    {
        var text = f.String(key, required, "write provider/region, e.g. aws/us-east-1");
        if (text is null)
        {
            return null;
        }

        if (Location.TryParse(text, out var loc))
        {
            return loc;
        }

        f.Source.Add(f.Join(key), $"'{text}' is not a location", "write provider/region, e.g. aws/us-east-1 or gcp/us-west1");
        return null;
    }

    private static List<LocationPattern> ParsePatterns(YamlFields f, string key)
    {
        var list = new List<LocationPattern>();
        foreach (var (text, path) in f.Strings(key))
        {
            if (LocationPattern.TryParse(text, out var p))
            {
                list.Add(p!);
            }
            else
            {
                f.Source.Add(path, $"'{text}' is not a location pattern", "use provider/region with optional *, e.g. aws/*, */europe-*, gcp/us-west1");
            }
        }

        return list;
    }

    private static Dataset? ParseDataset(YamlFields f)
    {
        var name = CheckName(f, f.String("name", required: true), "name");
        var home = ParseLocation(f, "home", required: true);
        var bytes = f.Bytes("bytes", required: true);
        var uri = f.String("uri");
        f.String("description");
        var residency = new List<Geo>();
        foreach (var (text, path) in f.Strings("residency"))
        {
            if (GeoText.TryParse(text, out var geo))
            {
                residency.Add(geo);
            }
            else
            {
                f.Source.Add(path, $"'{text}' is not a geo", $"use one of {GeoText.AllCodes}");
            }
        }

        f.Finish();
        return name is null || home is null || bytes is null ? null : new Dataset(name, home.Value, bytes.Value, residency, uri);
    }

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
        var i = 0;
        foreach (var p in f.MapList("parts"))
        {
            var name = p.String("name", required: true, hint: "name the part, e.g. the file it is");
            var bytes = p.Bytes("bytes", required: true);
            p.Finish();
            if (name is not null && parts.Any(x => x.Name == name))
            {
                f.Source.Add($"{f.Join("parts")}[{i}].name", $"part '{name}' is declared twice", "part names are unique within a node");
            }
            else if (name is not null && bytes is not null)
            {
                parts.Add(new DataPart(name, bytes.Value));
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
                case YamlScalarNode { Value: { } run } when !string.IsNullOrWhiteSpace(run):
                    // Shorthand: a command line, writing the same output file as the primary.
                    var shorthand = new Dictionary<string, string>(StringComparer.Ordinal) { ["run"] = run };
                    if (settings.TryGetValue("outputs", out var outputs))
                    {
                        shorthand["outputs"] = outputs;
                    }

                    second = new HandlerSpec("command", shorthand);
                    break;
                case YamlMappingNode:
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
                var skus = f.Strings("skus").Select(s => s.Value).Concat(f.Strings("sku").Select(s => s.Value)).ToList();
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

    private static Edge? ParseEdge(YamlFields f)
    {
        var from = f.String("from", required: true);
        var to = f.String("to", required: true);
        var bytes = f.Bytes("bytes");
        var parts = f.Has("parts") ? f.Strings("parts").Select(p => p.Value).ToList() : null;
        if (parts is not null && bytes is not null)
        {
            f.Source.Add(f.Join("bytes"), "an edge that names parts reads them whole", "give parts or bytes, not both");
        }

        f.Finish();
        return from is null || to is null ? null : new Edge(from, to, parts is null ? bytes : null, parts);
    }

    private static ScenarioConstraints ParseConstraints(YamlFields f)
    {
        var allow = ParsePatterns(f, "allow");
        var deny = ParsePatterns(f, "deny");
        var colocate = f.Groups("colocate").Select(g => (IReadOnlyList<string>)g.Select(x => x.Value).ToList()).ToList();
        var anti = f.Groups("antiAffinity").Select(g => (IReadOnlyList<string>)g.Select(x => x.Value).ToList()).ToList();
        var caps = new Dictionary<Location, int>();
        int? defaultCap = null;
        foreach (var (k, v, path) in f.Pairs("maxGpusPerLocation"))
        {
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cap) || cap < 0)
            {
                f.Source.Add(path, $"'{v}' is not a non-negative whole number of GPUs");
            }
            else if (k == "default")
            {
                defaultCap = cap;
            }
            else if (Location.TryParse(k, out var loc))
            {
                caps[loc] = cap;
            }
            else
            {
                f.Source.Add(path, $"'{k}' is not a location", "use provider/region or default");
            }
        }

        var budget = f.Decimal("budgetUsd", 0, max: ScenarioLimits.MaxBudgetUsd);
        var deadline = f.Decimal("deadlineHours", 0, max: ScenarioLimits.MaxDeadlineHours);
        f.Finish();
        return new ScenarioConstraints(allow, deny, colocate, anti, caps, defaultCap, budget, deadline);
    }

    private static void Check(Scenario s, PricingCatalog pricing, YamlSource src)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < s.Datasets.Count; i++)
        {
            var d = s.Datasets[i];
            if (!names.TryAdd(d.Name, $"datasets[{i}]"))
            {
                src.Add($"datasets[{i}].name", $"name '{d.Name}' is used twice", "names of nodes and datasets must be unique");
            }

            CheckKnown(pricing, src, d.Home, $"datasets[{i}].home", needsStorage: true);
        }

        for (var i = 0; i < s.Nodes.Count; i++)
        {
            if (!names.TryAdd(s.Nodes[i].Name, $"nodes[{i}]"))
            {
                src.Add($"nodes[{i}].name", $"name '{s.Nodes[i].Name}' is used twice", "names of nodes and datasets must be unique");
            }
        }

        if (s.DefaultStorage is { } ds)
        {
            CheckKnown(pricing, src, ds, "storage.default", needsStorage: true);
        }

        var nodeIndex = s.Nodes.Select((n, i) => (n.Name, i)).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var datasetNames = s.Datasets.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var edgesOk = true;
        for (var i = 0; i < s.Edges.Count; i++)
        {
            var e = s.Edges[i];
            if (!nodeIndex.ContainsKey(e.From) && !datasetNames.Contains(e.From))
            {
                src.Add($"edges[{i}].from", $"'{e.From}' is not a node or dataset", Suggest(e.From, names.Keys));
                edgesOk = false;
            }

            if (!nodeIndex.ContainsKey(e.To))
            {
                src.Add($"edges[{i}].to", datasetNames.Contains(e.To) ? $"'{e.To}' is a dataset; edges must end at a node" : $"'{e.To}' is not a node", Suggest(e.To, nodeIndex.Keys));
                edgesOk = false;
            }

            if (e.From == e.To)
            {
                src.Add($"edges[{i}]", $"node '{e.From}' reads its own output", "remove the self-loop");
                edgesOk = false;
            }
        }

        edgesOk &= CheckEdgeParts(s, src);
        foreach (var dup in s.Edges.Select((e, i) => (e, i)).GroupBy(p => (p.e.From, p.e.To)).Where(g => g.Count() > 1))
        {
            src.Add($"edges[{dup.Skip(1).First().i}]", $"edge {dup.Key.From} -> {dup.Key.To} is declared twice", "declare each edge once; give it the largest bytes read");
            edgesOk = false;
        }

        if (!edgesOk || names.Count != s.Datasets.Count + s.Nodes.Count)
        {
            return;
        }

        if (!WorkflowGraph.TryBuild(s, out var graph, out var cycle))
        {
            src.Add($"nodes[{nodeIndex[cycle![0]]}]", $"the workflow has a cycle: {string.Join(" -> ", cycle)}", "a workflow must be a DAG: remove one of these edges");
            return;
        }

        var sizes = s.Datasets.ToDictionary(d => d.Name, d => (decimal)d.Bytes, StringComparer.Ordinal);
        foreach (var n in s.Nodes)
        {
            sizes[n.Name] = n.OutputBytes;
        }

        var total = sizes.Values.Sum() + s.Edges.Sum(e => e.Bytes ?? sizes[e.From]);
        if (total > ScenarioLimits.MaxTotalBytes)
        {
            src.Add("datasets", $"the scenario's data adds up to {total:0} bytes (datasets, node outputs and what every edge reads), more than the {ScenarioLimits.Text(ScenarioLimits.MaxTotalBytes)} bytes the cost model and simulator can add up",
                "check the sizes and their units (2 GB, 500 MiB; a bare number is bytes)");
        }

        for (var i = 0; i < s.Nodes.Count; i++)
        {
            CheckNode(s, graph!, pricing, src, s.Nodes[i], $"nodes[{i}]");
        }

        CheckConstraints(s, nodeIndex, pricing, src);
    }

    /// <summary>
    /// Edges from an output with parts read whole parts: they name known parts (or none, meaning all), never a
    /// byte count; edges from anything else name no parts.
    /// </summary>
    private static bool CheckEdgeParts(Scenario s, YamlSource src)
    {
        var ok = true;
        var partsOf = s.Nodes.GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.First().Parts, StringComparer.Ordinal);
        for (var i = 0; i < s.Edges.Count; i++)
        {
            var e = s.Edges[i];
            var parts = partsOf.GetValueOrDefault(e.From) ?? [];
            if (e.Parts is not null && parts.Count == 0)
            {
                src.Add($"edges[{i}].parts", $"'{e.From}' has no parts", "declare parts: on the node, or read the whole item without parts");
                ok = false;
                continue;
            }

            if (parts.Count > 0 && e.Bytes is not null)
            {
                src.Add($"edges[{i}].bytes", $"'{e.From}' has parts: a reader reads whole parts", $"name them with parts: [...] (its parts are {string.Join(", ", parts.Take(6).Select(p => p.Name))}{(parts.Count > 6 ? ", ..." : "")}), or leave both out to read all");
                ok = false;
            }

            for (var j = 0; j < (e.Parts?.Count ?? 0); j++)
            {
                var part = e.Parts![j];
                if (!parts.Any(p => p.Name == part))
                {
                    src.Add($"edges[{i}].parts[{j}]", $"'{part}' is not a part of {e.From}", Suggest(part, parts.Select(p => p.Name)));
                    ok = false;
                }
                else if (e.Parts.Take(j).Contains(part, StringComparer.Ordinal))
                {
                    src.Add($"edges[{i}].parts[{j}]", $"part '{part}' is named twice", "name each part once");
                    ok = false;
                }
            }
        }

        return ok;
    }

    private static void CheckNode(Scenario s, WorkflowGraph graph, PricingCatalog pricing, YamlSource src, WorkflowNode node, string path)
    {
        if (node.Candidates.Pin is { } pin)
        {
            CheckKnown(pricing, src, pin, $"{path}.candidates.pin", needsStorage: false);
        }

        var parents = graph.Inputs(node.Name).Select(e => e.From).ToList();
        if (node.StoreWith is { } sw && !parents.Contains(sw, StringComparer.Ordinal))
        {
            src.Add($"{path}.storeWith", $"node {node.Name}: '{sw}' is not one of its parents", parents.Count == 0 ? "this node has no parents: add an edge or remove storeWith" : $"its parents are {string.Join(", ", parents)}");
        }

        if (node.Persistence == Persistence.None && parents.Count == 0 && s.DefaultStorage is null)
        {
            src.Add($"{path}.persistence", $"node {node.Name} has no storage and no parent, and the scenario has no default storage",
                "add storage: { default: provider/region } at the top level, or an edge from the data it reads");
        }

        var before = src.Problems.Count;
        switch (node.Endpoint)
        {
            case VmRequirement vm:
                foreach (var sku in vm.Skus.Where(k => !pricing.Skus.Any(x => x.Sku == k)))
                {
                    src.Add($"{path}.endpoint.skus", $"node {node.Name}: SKU '{sku}' is not in pricing-data/vm-skus.csv", Suggest(sku, pricing.Skus.Select(x => x.Sku).Distinct()));
                }

                if (vm.GpuType is { } g && !pricing.Skus.Any(x => string.Equals(x.GpuType, g, StringComparison.OrdinalIgnoreCase)))
                {
                    src.Add($"{path}.endpoint.gpu", $"node {node.Name}: no SKU has GPU type '{g}'", $"known GPU types: {string.Join(", ", pricing.Skus.Select(x => x.GpuType).OfType<string>().Distinct().Order(StringComparer.Ordinal))}");
                }

                break;
            case ServiceRequirement svc:
                foreach (var name in svc.Services.Where(n => !pricing.Services.Any(x => x.Service == n)))
                {
                    src.Add($"{path}.endpoint.service", $"node {node.Name}: service '{name}' is not in pricing-data/services.csv", Suggest(name, pricing.Services.Select(x => x.Service).Distinct()));
                }

                break;
            case LlmRequirement llm:
                foreach (var name in llm.Models.Where(n => !pricing.Llm.Any(x => x.Model == n)))
                {
                    src.Add($"{path}.endpoint.model", $"node {node.Name}: model '{name}' is not in pricing-data/llm.csv", Suggest(name, pricing.Llm.Select(x => x.Model).Distinct()));
                }

                break;
        }

        if (src.Problems.Count > before)
        {
            // An unknown SKU, GPU type, service or model already explains why nothing is offered.
            return;
        }

        var offered = CandidateFinder.Offered(node, pricing);
        if (offered.Count == 0)
        {
            src.Add($"{path}.endpoint", $"node {node.Name}: no location offers this endpoint", "relax the endpoint requirement (GPU type/count, vCPUs, memory, SKU list)");
            return;
        }

        var candidates = CandidateFinder.For(node, s.Constraints, pricing);
        if (candidates.Count == 0)
        {
            var where = string.Join(", ", offered.Select(c => c.Location.ToString()).Distinct().Take(8));
            src.Add($"{path}.candidates", $"node {node.Name}: no candidate is left after its allow/deny/pin rules and the global constraints",
                $"the endpoint is offered at {where}{(offered.Select(c => c.Location).Distinct().Count() > 8 ? ", ..." : "")}");
            return;
        }

        foreach (var c in candidates)
        {
            var price = NodeRunPrice.TryPrice(node, c, pricing, out var missing);
            if (price is null)
            {
                src.Add($"{path}.work", $"node {node.Name}: cannot price candidate {c}: {missing}");
                break;
            }

            if (price.TotalUsd > ScenarioLimits.MaxNodeUsd)
            {
                src.Add($"{path}.work", $"node {node.Name} would cost ${price.TotalUsd:0} at {c}, more than the {ScenarioLimits.Text(ScenarioLimits.MaxNodeUsd)} USD the planner can price exactly",
                    "check the units of work (hours, minutes, tokens) and count");
                break;
            }
        }
    }

    private static void CheckConstraints(Scenario s, Dictionary<string, int> nodeIndex, PricingCatalog pricing, YamlSource src)
    {
        void Groups(IReadOnlyList<IReadOnlyList<string>> groups, string key)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                foreach (var n in groups[i].Where(n => !nodeIndex.ContainsKey(n)))
                {
                    src.Add($"constraints.{key}[{i}]", $"'{n}' is not a node", Suggest(n, nodeIndex.Keys));
                }
            }
        }

        Groups(s.Constraints.Colocate, "colocate");
        Groups(s.Constraints.AntiAffinity, "antiAffinity");
        foreach (var loc in s.Constraints.MaxGpusPerLocation.Keys)
        {
            CheckKnown(pricing, src, loc, $"constraints.maxGpusPerLocation.{loc}", needsStorage: false);
        }
    }

    private static void CheckKnown(PricingCatalog pricing, YamlSource src, Location loc, string path, bool needsStorage)
    {
        var region = pricing.Region(loc);
        if (region is null)
        {
            src.Add(path, $"location {loc} is not in pricing-data/regions.csv", Suggest(loc.ToString(), pricing.Regions.Select(r => r.Location.ToString())));
        }
        else if (needsStorage && (!region.HasStorage || pricing.StorageAt(loc) is null))
        {
            src.Add(path, $"location {loc} has no storage service to hold data", "choose a cloud region with object storage");
        }
    }

    private static string? Suggest(string wrong, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(wrong, k))).OrderBy(p => p.d).ThenBy(p => p.k, StringComparer.Ordinal).FirstOrDefault();
        return best.k is not null && best.d <= Math.Max(2, wrong.Length / 3) ? $"did you mean '{best.k}'?" : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var cur = new int[b.Length + 1];
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
            }

            prev = cur;
        }

        return prev[b.Length];
    }
}
