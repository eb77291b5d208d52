using System.Text.Json;
using Placement.Core.Model;

namespace Placement.Bench;

/// <summary>
/// A minimal reader of WfCommons WfFormat 1.5 instances (tasks with parents and input/output files, file
/// sizes, measured runtimes), enough to derive planner scenarios. Each task becomes a VM node; an edge
/// carries the bytes of the files the parent writes and the child reads; files no task writes are read
/// from one dataset. Byte counts are multiplied by <c>scale</c> so data movement weighs like a cloud
/// pipeline (the recorded files are small). The full importer lives with the simulator.
/// </summary>
internal static class PlannerWfCommons
{
    public static Scenario Load(string path, long scale)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var wf = doc.RootElement.GetProperty("workflow");
        var spec = wf.GetProperty("specification");
        var sizes = spec.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("sizeInBytes").GetInt64());
        var runtimes = wf.TryGetProperty("execution", out var ex) && ex.TryGetProperty("tasks", out var et)
            ? et.EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.TryGetProperty("runtimeInSeconds", out var r) ? r.GetDouble() : 0)
            : [];
        var tasks = spec.GetProperty("tasks").EnumerateArray().Select(t => (
            Id: t.GetProperty("id").GetString()!,
            Parents: t.GetProperty("parents").EnumerateArray().Select(p => p.GetString()!).ToList(),
            Inputs: t.GetProperty("inputFiles").EnumerateArray().Select(p => p.GetString()!).ToList(),
            Outputs: t.GetProperty("outputFiles").EnumerateArray().Select(p => p.GetString()!).ToList())).ToList();
        var name = tasks.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => $"t{p.i}");
        var produced = tasks.SelectMany(t => t.Outputs).ToHashSet();
        long Size(IEnumerable<string> files) => checked(files.Sum(f => sizes.GetValueOrDefault(f)) * scale);
        var nodes = tasks.Select(t => PlannerScenarios.Node(name[t.Id], Size(t.Outputs), Math.Max(0.01m, Math.Round((decimal)runtimes.GetValueOrDefault(t.Id) / 3600m, 4)))).ToList();
        var edges = new List<Edge>();
        foreach (var t in tasks)
        {
            foreach (var p in t.Parents.Where(name.ContainsKey))
            {
                var parent = tasks[int.Parse(name[p][1..], System.Globalization.CultureInfo.InvariantCulture)];
                edges.Add(new Edge(name[p], name[t.Id], Size(t.Inputs.Intersect(parent.Outputs))));
            }

            var external = Size(t.Inputs.Where(f => !produced.Contains(f)));
            if (external > 0)
            {
                edges.Add(new Edge("input", name[t.Id], external));
            }
        }

        var total = Math.Max(1, Size(tasks.SelectMany(t => t.Inputs).Where(f => !produced.Contains(f)).Distinct()));
        var datasets = edges.Any(e => e.From == "input") ? new List<Dataset> { new("input", PlannerCatalog.DataHome, total, [], null) } : [];
        var scenarioName = Path.GetFileNameWithoutExtension(path);
        return new Scenario(scenarioName, null, datasets, nodes, edges, null, 1, ScenarioConstraints.None, scenarioName);
    }
}
