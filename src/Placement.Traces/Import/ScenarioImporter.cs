using System.Globalization;
using System.Text;
using Placement.Core.Model;
using Placement.Core.Text;
using Placement.Data;
using Placement.Traces.Model;

namespace Placement.Traces.Import;

/// <summary>
/// Turns a trace into scenario YAML (docs/scenario-format.md) the planner can solve: one node per task (named by
/// its id), with the endpoint and candidate locations of the first <see cref="TaskMapping"/> its category or id
/// matches; runtime (VMs: <c>runtimeHours</c>; services and LLMs: <c>durationHours</c>) and output bytes from the
/// trace; one edge per dependency carrying the bytes of the files the child reads from the parent, or, when the
/// parent's children read different subsets of its files, the parent's output files as parts and each edge naming
/// the parts (files) it reads, so a transfer moves each file once per destination; one dataset
/// per file no task writes, stored at the data home. Task types are grouped so every task of one category gets
/// the same endpoint kind; the header comment lists the grouping. Pure text in, text out.
/// </summary>
public static class ScenarioImporter
{
    /// <summary>Token estimate for LLM nodes: bytes per token.</summary>
    public const int BytesPerToken = 4;


    /// <summary>Builds the scenario text, or every problem (unmapped task categories, no data home).</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="traceFile">Its file name, for the header and problems.</param>
    /// <param name="mappings">Rules, first match wins.</param>
    /// <param name="scenarioName">Scenario name; null uses the trace's name.</param>
    /// <param name="dataHome">Where input datasets (and outputs of parentless LLM tasks) live; null takes the first exact location of the rules.</param>
    public static LoadResult<string> Import(Trace trace, string traceFile, IReadOnlyList<TaskMapping> mappings, string? scenarioName, Location? dataHome)
    {
        var problems = new List<Problem>();
        var assigned = new Dictionary<string, TaskMapping>(StringComparer.Ordinal);
        var unmapped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in trace.Tasks)
        {
            var rule = mappings.FirstOrDefault(m => m.Matches(t.Category, t.Id));
            if (rule is null)
            {
                unmapped[t.Category] = unmapped.GetValueOrDefault(t.Category) + 1;
            }
            else
            {
                assigned[t.Id] = rule;
            }
        }

        foreach (var (category, count) in unmapped)
        {
            problems.Add(new Problem("command line", 0, 0, "--map", $"{count} task(s) of type '{category}' in {traceFile} match no --map rule",
                $"add --map '{category}=vm@aws/us-east-1' or a catch-all '*=vm@...'"));
        }

        var home = dataHome ?? mappings.SelectMany(m => m.Allow).Select(p => Location.TryParse(p.Text, out var l) ? l : (Location?)null).FirstOrDefault(l => l is not null);
        if (home is null)
        {
            problems.Add(new Problem("command line", 0, 0, "--data-home", "no location to store the trace's input data", "pass --data-home provider/region, or name an exact location in a --map rule"));
        }

        if (problems.Count > 0)
        {
            return new LoadResult<string>(null, problems);
        }

        var dag = TraceDag.Of(trace);
        var taskIds = trace.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var datasetNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in trace.Tasks.SelectMany(t => dag.ExternalInputs[t.Id]).Distinct(StringComparer.Ordinal))
        {
            // A dataset must not share a name with a node.
            var name = file;
            for (var k = 2; taskIds.Contains(name) || datasetNames.ContainsValue(name); k++)
            {
                name = $"{file}#{k}";
            }

            datasetNames[file] = name;
        }

        var partitioned = Partitioned(trace, dag);
        var sb = new StringBuilder();
        var name0 = scenarioName ?? (trace.Name.Length > 0 ? trace.Name : Path.GetFileNameWithoutExtension(traceFile));
        sb.Append("# Imported by placement import-wfcommons from ").Append(Path.GetFileName(traceFile))
            .Append(" (WfFormat ").Append(trace.SchemaVersion).Append(").\n");
        sb.Append("# Runtimes and bytes are the trace's measurements. Task types -> endpoint kinds:\n");
        foreach (var g in trace.Tasks.GroupBy(t => t.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rules = g.Select(t => assigned[t.Id].Text).Distinct(StringComparer.Ordinal);
            sb.Append("#   ").Append(g.Key).Append(" (").Append(g.Count().ToString(CultureInfo.InvariantCulture)).Append(" tasks) -> ")
                .Append(string.Join("; ", rules)).Append('\n');
        }

        sb.Append("name: ").Append(Q(name0)).Append('\n');
        sb.Append("description: ").Append(Q($"{trace.Tasks.Count} tasks imported from {Path.GetFileName(traceFile)}")).Append('\n');
        sb.Append("storage:\n  default: ").Append(home).Append("\n  retentionMonths: 1\n");
        if (datasetNames.Count > 0)
        {
            sb.Append("datasets:\n");
            foreach (var (file, name) in datasetNames)
            {
                sb.Append("  - { name: ").Append(Q(name)).Append(", home: ").Append(home).Append(", bytes: ")
                    .Append(dag.FileBytes[file].ToString(CultureInfo.InvariantCulture)).Append(" }\n");
            }
        }

        sb.Append("nodes:\n");
        foreach (var t in trace.Tasks)
        {
            var rule = assigned[t.Id];
            var hours = Hours(t.RuntimeSeconds);
            sb.Append("  - name: ").Append(Q(t.Id)).Append('\n');
            sb.Append("    endpoint: ").Append(Endpoint(rule)).Append('\n');
            if (rule.Allow.Count > 0)
            {
                sb.Append("    candidates: { allow: [").Append(string.Join(", ", rule.Allow.Select(a => a.Text))).Append("] }\n");
            }

            var work = rule.Kind switch
            {
                "vm" => $"runtimeHours: {hours}",
                "service" => $"requests: 1, durationHours: {hours}",
                _ => $"inputTokens: {Tokens(t.InputFiles.Sum(f => dag.FileBytes.GetValueOrDefault(f)))}, outputTokens: {Tokens(dag.OutputBytes[t.Id])}, durationHours: {hours}",
            };
            sb.Append("    work: { ").Append(work).Append(" }\n");
            sb.Append("    outputBytes: ").Append(dag.OutputBytes[t.Id].ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (partitioned.Contains(t.Id))
            {
                sb.Append("    parts:\n");
                foreach (var f in t.OutputFiles)
                {
                    sb.Append("      - { name: ").Append(Q(f)).Append(", bytes: ").Append(dag.FileBytes.GetValueOrDefault(f).ToString(CultureInfo.InvariantCulture)).Append(" }\n");
                }
            }
        }

        var edges = trace.Tasks.SelectMany(t => t.Parents.Select(p => (From: p, To: t.Id, Bytes: dag.EdgeBytes[(p, t.Id)], Parts: partitioned.Contains(p) ? dag.EdgeFiles[(p, t.Id)] : null)))
            .Concat(trace.Tasks.SelectMany(t => dag.ExternalInputs[t.Id].Select(f => (From: datasetNames[f], To: t.Id, Bytes: dag.FileBytes[f], Parts: (IReadOnlyList<string>?)null))))
            .ToList();
        if (edges.Count > 0)
        {
            sb.Append("edges:\n");
            foreach (var e in edges)
            {
                sb.Append("  - { from: ").Append(Q(e.From)).Append(", to: ").Append(Q(e.To));
                if (e.Parts is { } parts)
                {
                    sb.Append(", parts: [").Append(string.Join(", ", parts.Select(Q))).Append("] }\n");
                }
                else
                {
                    sb.Append(", bytes: ").Append(e.Bytes.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
                }
            }
        }

        return new LoadResult<string>(sb.ToString(), []);
    }

    /// <summary>
    /// Tasks whose output is written as parts (one per output file): those with a child that reads some but not
    /// all of their files. Elsewhere every reader reads all or none of the output, so the largest read is the
    /// union of reads and the output stays one item.
    /// </summary>
    private static HashSet<string> Partitioned(Trace trace, TraceDag dag)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var outputs = trace.Tasks.ToDictionary(t => t.Id, t => t.OutputFiles.Count, StringComparer.Ordinal);
        foreach (var t in trace.Tasks)
        {
            foreach (var p in t.Parents)
            {
                var read = dag.EdgeFiles[(p, t.Id)].Count;
                if (read > 0 && read < outputs[p])
                {
                    result.Add(p);
                }
            }
        }

        return result;
    }

    private static string Endpoint(TaskMapping rule) => rule.Kind switch
    {
        "vm" when rule.Names.Count > 0 => $"{{ kind: vm, skus: [{string.Join(", ", rule.Names.Select(Q))}] }}",
        "vm" => "{ kind: vm }",
        "service" => $"{{ kind: service, services: [{string.Join(", ", rule.Names.Select(Q))}] }}",
        _ => $"{{ kind: llm, models: [{string.Join(", ", rule.Names.Select(Q))}] }}",
    };

    // Hours to 12 decimals: exact enough to give the trace's seconds back to a microsecond.
    private static string Hours(double seconds) => Math.Round((decimal)seconds / 3600m, 12).ToString("0.############", CultureInfo.InvariantCulture);

    private static string Tokens(long bytes) => ((bytes + BytesPerToken - 1) / BytesPerToken).ToString(CultureInfo.InvariantCulture);

    private static string Q(string text) => JsonString.Quote(text);
}
