using System.Globalization;
using Placement.Core.Model;

namespace Placement.Data.Scenarios;

// The document's top level, names, locations, datasets, edges and constraints.
public static partial class ScenarioLoader
{
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
}
