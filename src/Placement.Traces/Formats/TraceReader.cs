using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Data;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

/// <summary>
/// Reads WfCommons WfFormat traces, schema 1.3, 1.4, 1.5 and 1.6, and Placement's executor traces (1.5 plus the
/// <c>placement</c> extension, docs/trace-format.md) into a <see cref="Trace"/>. 1.6 is 1.5's structure with optional,
/// derivative <c>metrics</c> objects (ignored) and a wider task-id character set. Handles the known traps:
/// 1.3/1.4 name parents by task <c>name</c>; 1.3 writes <c>size</c> and <c>runtime</c> where 1.4 writes
/// <c>sizeInBytes</c> and <c>runtimeInSeconds</c>; timestamps come in several formats; runtimes may be zero.
/// Every problem (not WfFormat, unknown task or file, cycle, negative runtime or size) is reported with the
/// file and the field path.
/// </summary>
public static partial class TraceReader
{
    /// <summary>Schema versions this reader understands.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["1.3", "1.4", "1.5", "1.6"];

    /// <summary>Versions with <c>workflow.specification</c> + <c>workflow.execution</c> (1.5 onwards).</summary>
    private static bool IsModern(string version) => version is "1.5" or "1.6";

    /// <summary>Largest magnitude of a time or speed (seconds, MHz): 10^12 (a runtime of 31,000 years), so sums and unit changes stay finite.</summary>
    public const double MaxNumber = 1e12;

    /// <summary>Largest size or count (bytes, tokens, attempts): 10^15 (a petabyte), so sums over thousands of files stay in range.</summary>
    public const long MaxWhole = 1_000_000_000_000_000;

    /// <summary>Largest amount in USD: 10^15.</summary>
    public const decimal MaxUsd = 1e15m;

    /// <summary>Parses trace text; <paramref name="file"/> only names the source in problems.</summary>
    public static LoadResult<Trace> Read(string text, string file)
    {
        var problems = new List<Problem>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            problems.Add(new Problem(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", "malformed JSON", "a trace is a WfCommons WfFormat JSON file"));
            return new LoadResult<Trace>(null, problems);
        }

        using (doc)
        {
            var ctx = new Context(file, problems);
            var trace = ReadRoot(doc.RootElement, ctx);
            if (trace is not null && problems.Count == 0)
            {
                Check(trace, ctx);
            }

            return new LoadResult<Trace>(problems.Count == 0 ? trace : null, problems);
        }
    }

    private static Trace? ReadRoot(JsonElement root, Context ctx)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("workflow", out var workflow) || workflow.ValueKind != JsonValueKind.Object)
        {
            ctx.Add("workflow", "not a WfFormat trace: there is no \"workflow\" object", "WfCommons traces have schemaVersion and workflow at the top level");
            return null;
        }

        var version = Str(root, "schemaVersion");
        if (version is null)
        {
            ctx.Add("schemaVersion", "not a WfFormat trace: schemaVersion is missing", $"supported versions: {string.Join(", ", SupportedVersions)}");
            return null;
        }

        if (!SupportedVersions.Contains(version))
        {
            ctx.Add("schemaVersion", UnknownVersion(version), VersionHint(version));
            return null;
        }

        var name = Str(root, "name") ?? "";
        return IsModern(version) ? ReadModern(root, workflow, name, version, ctx) : ReadLegacy(workflow, name, version, ctx);
    }

    private static string UnknownVersion(string version) =>
        $"WfFormat version '{version}' is not one this Placement reads (it reads {string.Join(", ", SupportedVersions)})";

    private static string VersionHint(string version)
    {
        // 1.0-1.2 are older than anything read here; anything else is newer (or not a version at all).
        var older = version is "1.0" or "1.1" or "1.2";
        return older
            ? $"migrate the file to {SupportedVersions[^1]} with WfCommons' tools/wfcommons-migrate-instance.py (repository wfcommons/WfFormat)"
            : $"a newer WfFormat than {SupportedVersions[^1]} is not known yet: migrate the file to {SupportedVersions[^1]}, or use a Placement release that reads '{version}'";
    }

    private static Trace? ReadLegacy(JsonElement workflow, string name, string version, Context ctx)
    {
        if (!workflow.TryGetProperty("tasks", out var tasksElement) || tasksElement.ValueKind != JsonValueKind.Array)
        {
            ctx.Add("workflow.tasks", "is required and must be a list", "WfFormat 1.3/1.4 list tasks under workflow.tasks");
            return null;
        }

        var raw = new List<RawTask>();
        var files = new FileTable();
        var i = 0;
        foreach (var t in tasksElement.EnumerateArray())
        {
            var path = $"workflow.tasks[{i++}]";
            if (t.ValueKind != JsonValueKind.Object)
            {
                ctx.Add(path, "must be an object");
                continue;
            }

            var taskName = Str(t, "name");
            if (taskName is null)
            {
                ctx.Add($"{path}.name", "is required", "1.3/1.4 tasks are referred to by name");
                continue;
            }

            var runtime = Number(t, "runtimeInSeconds", path, ctx) ?? Number(t, "runtime", path, ctx) ?? 0;
            var inputs = new List<string>();
            var outputs = new List<string>();
            if (t.TryGetProperty("files", out var fs) && fs.ValueKind == JsonValueKind.Array)
            {
                var j = 0;
                foreach (var f in fs.EnumerateArray())
                {
                    var fpath = $"{path}.files[{j++}]";
                    var fname = f.ValueKind == JsonValueKind.Object ? Str(f, "name") ?? Str(f, "id") : null;
                    if (fname is null)
                    {
                        ctx.Add(fpath, "a file needs a name");
                        continue;
                    }

                    // 1.3 says "size" (documented as KB, but the files hold bytes); 1.4 says "sizeInBytes".
                    var size = Long(f, "sizeInBytes", fpath, ctx) ?? Long(f, "size", fpath, ctx) ?? 0;
                    files.Add(fname, size);
                    var link = Str(f, "link");
                    if (link == "input")
                    {
                        Add(inputs, fname);
                    }
                    else if (link == "output")
                    {
                        Add(outputs, fname);
                    }
                    else
                    {
                        ctx.Add($"{fpath}.link", $"'{link}' is not input or output");
                    }
                }
            }

            var machine = Str(t, "machine");
            raw.Add(new RawTask(path, taskName, Str(t, "id"), taskName, Category(Str(t, "category"), Program(t), taskName), runtime,
                Strings(t, "parents"), Strings(t, "children"), inputs, outputs, machine is null ? [] : [machine],
                Timestamp(t, "executedAt") ?? Timestamp(t, "startedAt"), null));
        }

        var machines = ReadMachines(workflow, "workflow.machines", ctx);
        var makespan = Number(workflow, "makespanInSeconds", "workflow", ctx) ?? Number(workflow, "makespan", "workflow", ctx);
        var tasks = Resolve(raw, "workflow.tasks", ctx);
        return new Trace(name, version, Timestamp(workflow, "executedAt"), makespan, tasks, files.ToList(), machines, null);
    }

    private static Trace? ReadModern(JsonElement root, JsonElement workflow, string name, string version, Context ctx)
    {
        if (!workflow.TryGetProperty("specification", out var spec) || spec.ValueKind != JsonValueKind.Object
            || !spec.TryGetProperty("tasks", out var specTasks) || specTasks.ValueKind != JsonValueKind.Array)
        {
            ctx.Add("workflow.specification.tasks", "is required and must be a list", $"WfFormat {version} has workflow.specification.tasks and workflow.specification.files");
            return null;
        }

        var files = new FileTable();
        if (spec.TryGetProperty("files", out var specFiles) && specFiles.ValueKind == JsonValueKind.Array)
        {
            var k = 0;
            foreach (var f in specFiles.EnumerateArray())
            {
                var fpath = $"workflow.specification.files[{k++}]";
                var id = f.ValueKind == JsonValueKind.Object ? Str(f, "id") : null;
                if (id is null)
                {
                    ctx.Add($"{fpath}.id", "is required");
                    continue;
                }

                var size = Long(f, "sizeInBytes", fpath, ctx) ?? Long(f, "size", fpath, ctx);
                if (size is null && !f.TryGetProperty("sizeInBytes", out _) && !f.TryGetProperty("size", out _))
                {
                    ctx.Add($"{fpath}.sizeInBytes", "is required", "give the file size in bytes");
                }

                if (!files.Declare(id, size ?? 0))
                {
                    ctx.Add($"{fpath}.id", $"file '{id}' is declared twice");
                }
            }
        }

        var execution = new Dictionary<string, (JsonElement Element, string Path)>(StringComparer.Ordinal);
        JsonElement? exec = workflow.TryGetProperty("execution", out var e) && e.ValueKind == JsonValueKind.Object ? e : null;
        if (exec is { } ex && ex.TryGetProperty("tasks", out var execTasks) && execTasks.ValueKind == JsonValueKind.Array)
        {
            var k = 0;
            foreach (var t in execTasks.EnumerateArray())
            {
                var path = $"workflow.execution.tasks[{k++}]";
                var id = t.ValueKind == JsonValueKind.Object ? Str(t, "id") : null;
                if (id is null)
                {
                    ctx.Add($"{path}.id", "is required");
                }
                else if (!execution.TryAdd(id, (t, path)))
                {
                    ctx.Add($"{path}.id", $"task '{id}' has two execution records");
                }
            }
        }

        var raw = new List<RawTask>();
        var specIds = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var t in specTasks.EnumerateArray())
        {
            var path = $"workflow.specification.tasks[{i++}]";
            var id = t.ValueKind == JsonValueKind.Object ? Str(t, "id") ?? Str(t, "name") : null;
            if (id is null)
            {
                ctx.Add($"{path}.id", "is required");
                continue;
            }

            specIds.Add(id);
            var taskName = Str(t, "name") ?? id;
            var inputs = Strings(t, "inputFiles");
            var outputs = Strings(t, "outputFiles");
            CheckFiles(inputs, files, $"{path}.inputFiles", ctx);
            CheckFiles(outputs, files, $"{path}.outputFiles", ctx);

            double runtime = 0;
            string? program = null;
            IReadOnlyList<string> machines = [];
            DateTimeOffset? started = null;
            TaskPlacement? placement = null;
            if (execution.TryGetValue(id, out var x))
            {
                runtime = Number(x.Element, "runtimeInSeconds", x.Path, ctx) ?? Number(x.Element, "runtime", x.Path, ctx) ?? 0;
                program = Str(x.Element, "category") ?? Program(x.Element);
                machines = Strings(x.Element, "machines");
                if (machines.Count == 0 && Str(x.Element, "machine") is { } m)
                {
                    machines = [m];
                }

                started = Timestamp(x.Element, "executedAt");
                if (x.Element.TryGetProperty("placement", out var p))
                {
                    placement = ReadTaskPlacement(p, $"{x.Path}.placement", ctx);
                }
            }
            else if (exec is not null)
            {
                ctx.Add(path, $"task '{id}' has no record in workflow.execution.tasks", "every specified task needs its runtimeInSeconds");
            }

            // A 1.5 file that refers by name rather than id still resolves when the name is unique.
            raw.Add(new RawTask(path, id, taskName != id ? taskName : null, taskName, Category(null, program, taskName), runtime,
                Strings(t, "parents"), Strings(t, "children"), inputs, outputs, machines, started, placement));
        }

        foreach (var (id, x) in execution.Where(p => !specIds.Contains(p.Key)))
        {
            ctx.Add($"{x.Path}.id", $"'{id}' is not a task of workflow.specification.tasks", Suggest(id, specIds));
        }

        var machinesList = exec is { } ex2 ? ReadMachines(ex2, "workflow.execution.machines", ctx) : [];
        var makespan = exec is { } ex3 ? Number(ex3, "makespanInSeconds", "workflow.execution", ctx) : null;
        var executedAt = exec is { } ex4 ? Timestamp(ex4, "executedAt") : null;
        var tasks = Resolve(raw, "workflow.specification.tasks", ctx);
        var run = root.TryGetProperty("placement", out var ext) ? ReadRun(ext, ctx) : null;
        return new Trace(name, version, executedAt, makespan, tasks, files.ToList(), machinesList, run);
    }

    /// <summary>Turns parent/child references into ids (by id, else by name), merges both directions, rejects unknown ones.</summary>
    private static List<TraceTask> Resolve(List<RawTask> raw, string listPath, Context ctx)
    {
        var byId = new Dictionary<string, RawTask>(StringComparer.Ordinal);
        foreach (var t in raw)
        {
            if (!byId.TryAdd(t.Id, t))
            {
                ctx.Add($"{t.Path}", $"task '{t.Id}' is declared twice", "task ids (names in 1.3/1.4) must be unique");
            }
        }

        // Legacy files sometimes refer by the short id instead of the name: accept it when unambiguous.
        var byAltId = raw.Where(t => t.AltId is not null).GroupBy(t => t.AltId!, StringComparer.Ordinal)
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in raw)
        {
            parents.TryAdd(t.Id, []);
        }

        string? Find(string reference) =>
            byId.ContainsKey(reference) ? reference : byAltId.GetValueOrDefault(reference);

        foreach (var t in raw)
        {
            for (var j = 0; j < t.Parents.Count; j++)
            {
                if (Find(t.Parents[j]) is { } p)
                {
                    Add(parents[t.Id], p);
                }
                else
                {
                    ctx.Add($"{t.Path}.parents[{j}]", $"'{t.Parents[j]}' is not a task of this trace", Suggest(t.Parents[j], byId.Keys));
                }
            }
        }

        foreach (var t in raw)
        {
            for (var j = 0; j < t.Children.Count; j++)
            {
                if (Find(t.Children[j]) is { } c)
                {
                    Add(parents[c], t.Id);
                }
                else
                {
                    ctx.Add($"{t.Path}.children[{j}]", $"'{t.Children[j]}' is not a task of this trace", Suggest(t.Children[j], byId.Keys));
                }
            }
        }

        _ = listPath;
        return raw.Select(t => new TraceTask(t.Id, t.Name, t.Category, t.RuntimeSeconds, parents[t.Id], t.Inputs, t.Outputs, t.Machines, t.StartedAt, t.Placement)).ToList();
    }

    private static void Check(Trace trace, Context ctx)
    {
        var paths = trace.Tasks.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var listPath = IsModern(trace.SchemaVersion) ? "workflow.specification.tasks" : "workflow.tasks";
        foreach (var t in trace.Tasks.Where(t => t.RuntimeSeconds < 0 || double.IsNaN(t.RuntimeSeconds)))
        {
            var field = trace.SchemaVersion == "1.3" ? "runtime" : "runtimeInSeconds";
            ctx.Add($"{listPath}[{paths[t.Id]}].{field}", $"task '{t.Id}' has a negative runtime ({t.RuntimeSeconds.ToString(CultureInfo.InvariantCulture)} s)", "runtimes are seconds, at least 0");
        }

        var cycle = FindCycle(trace.Tasks);
        if (cycle is not null)
        {
            ctx.Add($"{listPath}[{paths[cycle[0]]}].parents", $"the tasks form a cycle: {string.Join(" -> ", cycle)}", "a workflow trace must be a DAG");
        }
    }

    /// <summary>Returns one cycle (first id repeated at the end), or null when the task graph is a DAG.</summary>
    internal static List<string>? FindCycle(IReadOnlyList<TraceTask> tasks)
    {
        var indegree = tasks.ToDictionary(t => t.Id, t => t.Parents.Count, StringComparer.Ordinal);
        var children = tasks.ToDictionary(t => t.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var t in tasks)
        {
            foreach (var p in t.Parents)
            {
                children[p].Add(t.Id);
            }
        }

        var ready = new Queue<string>(tasks.Where(t => t.Parents.Count == 0).Select(t => t.Id));
        var done = 0;
        while (ready.TryDequeue(out var n))
        {
            done++;
            foreach (var c in children[n])
            {
                if (--indegree[c] == 0)
                {
                    ready.Enqueue(c);
                }
            }
        }

        if (done == tasks.Count)
        {
            return null;
        }

        // Each unfinished task has an unfinished parent; walking them must close a loop.
        var parentsOf = tasks.ToDictionary(t => t.Id, t => t.Parents, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var current = tasks.First(t => indegree[t.Id] > 0).Id;
        while (!seen.ContainsKey(current))
        {
            seen[current] = path.Count;
            path.Add(current);
            current = parentsOf[current].First(p => indegree[p] > 0);
        }

        var cycle = path.Skip(seen[current]).ToList();
        cycle.Add(current);
        cycle.Reverse();
        return cycle;
    }

    private static TaskPlacement? ReadTaskPlacement(JsonElement p, string path, Context ctx)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            ctx.Add(path, "must be an object");
            return null;
        }

        var loc = Loc(p, "location", path, ctx);
        var home = Loc(p, "storageHome", path, ctx);
        var offering = Str(p, "offering") ?? "";
        var attempts = Long(p, "attempts", path, ctx) ?? 1;
        if (attempts < 1)
        {
            ctx.Add($"{path}.attempts", "must be at least 1");
        }

        var start = Number(p, "startSeconds", path, ctx) ?? 0;
        var end = Number(p, "endSeconds", path, ctx) ?? start;
        var cost = TaskCost.Zero;
        if (p.TryGetProperty("cost", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            cost = new TaskCost(Dec(c, "compute", $"{path}.cost", ctx), Dec(c, "services", $"{path}.cost", ctx), Dec(c, "llm", $"{path}.cost", ctx));
        }

        return loc is null || home is null ? null
            : new TaskPlacement(loc.Value, offering, home.Value, (int)Math.Clamp(attempts, 1, int.MaxValue), start, end, cost,
                Long(p, "bytesMoved", path, ctx), OptionalDec(p, "predictedUsd", path, ctx), Str(p, "outputUri"), Str(p, "sha256"), Str(p, "commit"),
                Long(p, "inputTokens", path, ctx), Long(p, "outputTokens", path, ctx));
    }

    private static TraceRun? ReadRun(JsonElement ext, Context ctx)
    {
        const string path = "placement";
        if (ext.ValueKind != JsonValueKind.Object)
        {
            ctx.Add(path, "must be an object");
            return null;
        }

        var format = Str(ext, "format");
        if (format != TraceWriter.Format)
        {
            ctx.Add($"{path}.format", $"'{format}' is not {TraceWriter.Format}", "see docs/trace-format.md");
            return null;
        }

        string scenarioName = "", hash = "";
        if (ext.TryGetProperty("scenario", out var sc) && sc.ValueKind == JsonValueKind.Object)
        {
            scenarioName = Str(sc, "name") ?? "";
            hash = Str(sc, "hash") ?? "";
        }

        var transfers = new List<TraceTransfer>();
        if (ext.TryGetProperty("transfers", out var ts) && ts.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var t in ts.EnumerateArray())
            {
                var tpath = $"{path}.transfers[{i++}]";
                var data = Str(t, "data");
                var from = Loc(t, "from", tpath, ctx);
                var to = Loc(t, "to", tpath, ctx);
                var bytes = Long(t, "bytes", tpath, ctx);
                if (data is null || bytes is null)
                {
                    ctx.Add(tpath, "needs data and bytes");
                    continue;
                }

                if (from is null || to is null)
                {
                    continue;
                }

                var start = Number(t, "startSeconds", tpath, ctx) ?? 0;
                var attempts = Long(t, "attempts", tpath, ctx);
                var timing = Str(t, "timing");
                if (timing is not null and not TransferTiming.Measured and not TransferTiming.Placed)
                {
                    ctx.Add($"{tpath}.timing", $"'{timing}' is not a timing", $"use {TransferTiming.Measured} or {TransferTiming.Placed}, or leave it out");
                }

                transfers.Add(new TraceTransfer(data, from.Value, to.Value, bytes.Value, start, Number(t, "endSeconds", tpath, ctx) ?? start, Dec(t, "usd", tpath, ctx),
                    Str(t, "mode"), attempts is { } a ? (int)Math.Min(a, int.MaxValue) : null, Long(t, "predictedBytes", tpath, ctx), OptionalDec(t, "predictedUsd", tpath, ctx),
                    timing));
            }
        }

        CostTotals? cost = null;
        if (ext.TryGetProperty("cost", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            var cp = $"{path}.cost";
            cost = new CostTotals(Dec(c, "compute", cp, ctx), Dec(c, "services", cp, ctx), Dec(c, "llm", cp, ctx), Dec(c, "egress", cp, ctx), Dec(c, "storage", cp, ctx));
        }

        return new TraceRun(scenarioName, hash, Str(ext, "producer") ?? "", transfers, cost,
            Str(ext, "runId"), Str(ext, "planHash"), Str(ext, "storage"), Str(ext, "status"));
    }

    private static List<TraceMachine> ReadMachines(JsonElement parent, string path, Context ctx)
    {
        var list = new List<TraceMachine>();
        if (!parent.TryGetProperty("machines", out var ms) || ms.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        var i = 0;
        foreach (var m in ms.EnumerateArray())
        {
            var mpath = $"{path}[{i++}]";
            if (m.ValueKind != JsonValueKind.Object || Str(m, "nodeName") is not { } name)
            {
                continue;
            }

            int? cores = null;
            double? speed = null;
            if (m.TryGetProperty("cpu", out var cpu) && cpu.ValueKind == JsonValueKind.Object)
            {
                var c = Long(cpu, "coreCount", mpath, ctx) ?? Long(cpu, "count", mpath, ctx);
                cores = c is null ? null : (int)Math.Clamp(c.Value, 0, int.MaxValue);
                speed = Number(cpu, "speedInMHz", mpath, ctx) ?? Number(cpu, "speed", mpath, ctx);
            }

            // 1.3 "memory" is in KB; 1.4/1.5 "memoryInBytes" is bytes.
            var memory = Long(m, "memoryInBytes", mpath, ctx) ?? (Long(m, "memory", mpath, ctx) is { } kb ? checked(kb * 1000) : null);
            list.Add(new TraceMachine(name, cores, speed, memory));
        }

        return list;
    }

    private static void CheckFiles(IReadOnlyList<string> ids, FileTable files, string path, Context ctx)
    {
        for (var j = 0; j < ids.Count; j++)
        {
            if (!files.Contains(ids[j]))
            {
                ctx.Add($"{path}[{j}]", $"'{ids[j]}' is not a file of workflow.specification.files", "declare it with its sizeInBytes");
            }
        }
    }

    private static string Category(string? recorded, string? program, string name)
    {
        if (!string.IsNullOrWhiteSpace(recorded))
        {
            return recorded;
        }

        if (program is not null && SimpleWord().IsMatch(program))
        {
            return program;
        }

        return IdSuffix().Replace(name, "");
    }

    private static string? Program(JsonElement t) =>
        t.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.Object ? Str(c, "program") : null;

    private static void Add(List<string> list, string item)
    {
        if (!list.Contains(item, StringComparer.Ordinal))
        {
            list.Add(item);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name)
    {
        var list = new List<string>();
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            // Duplicates are dropped, first occurrence kept; a set keeps that linear for fan-outs of thousands.
            var seen = v.GetArrayLength() > 16 ? new HashSet<string>(StringComparer.Ordinal) : null;
            foreach (var s in v.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String))
            {
                var item = s.GetString()!;
                if (seen is null)
                {
                    Add(list, item);
                }
                else if (seen.Add(item))
                {
                    list.Add(item);
                }
            }
        }

        return list;
    }

    private static double? Number(JsonElement e, string name, string path, Context ctx)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            ctx.Add($"{path}.{name}", $"'{v}' is not a number");
            return null;
        }

        if (!v.TryGetDouble(out var d) || !double.IsFinite(d) || Math.Abs(d) > MaxNumber)
        {
            ctx.Add($"{path}.{name}", $"{v} is out of range", $"allowed is -10^12 to 10^12 (seconds: runtimes of up to 31,000 years)");
            return null;
        }

        return d;
    }

    private static long? Long(JsonElement e, string name, string path, Context ctx)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e18)
        {
            if (d < 0)
            {
                ctx.Add($"{path}.{name}", $"{v} is negative", "sizes and counts are at least 0");
                return null;
            }

            if (d > MaxWhole)
            {
                ctx.Add($"{path}.{name}", $"{v} is out of range", "allowed is 0 to 10^15 (a petabyte, for sizes in bytes)");
                return null;
            }

            return (long)d;
        }

        ctx.Add($"{path}.{name}", $"'{v}' is not a whole number");
        return null;
    }

    private static decimal Dec(JsonElement e, string name, string path, Context ctx)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return 0;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && Math.Abs(d) <= MaxUsd)
        {
            return d;
        }

        ctx.Add($"{path}.{name}", $"'{v}' is not an amount in USD", "allowed is -10^15 to 10^15");
        return 0;
    }

    private static decimal? OptionalDec(JsonElement e, string name, string path, Context ctx) =>
        e.TryGetProperty(name, out _) ? Dec(e, name, path, ctx) : null;

    private static Location? Loc(JsonElement e, string name, string path, Context ctx)
    {
        var text = Str(e, name);
        if (text is not null && Location.TryParse(text, out var loc))
        {
            return loc;
        }

        ctx.Add($"{path}.{name}", text is null ? "is required" : $"'{text}' is not a location", "write provider/region, e.g. aws/us-east-1");
        return null;
    }

    private static DateTimeOffset? Timestamp(JsonElement e, string name) =>
        TraceTimestamps.TryParse(Str(e, name), out var t) ? t : null;

    private static string? Suggest(string text, IEnumerable<string> known)
    {
        var best = known.Where(k => k.Contains(text, StringComparison.OrdinalIgnoreCase) || text.Contains(k, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => Math.Abs(k.Length - text.Length)).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        return best is null ? "check the spelling; references use task ids (names in 1.3/1.4)" : $"did you mean '{best}'?";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex SimpleWord();

    [GeneratedRegex(@"_ID\d+$")]
    private static partial Regex IdSuffix();

    private sealed record RawTask(
        string Path,
        string Id,
        string? AltId,
        string Name,
        string Category,
        double RuntimeSeconds,
        IReadOnlyList<string> Parents,
        IReadOnlyList<string> Children,
        IReadOnlyList<string> Inputs,
        IReadOnlyList<string> Outputs,
        IReadOnlyList<string> Machines,
        DateTimeOffset? StartedAt,
        TaskPlacement? Placement);

    private sealed class Context(string file, List<Problem> problems)
    {
        public void Add(string field, string message, string? hint = null) => problems.Add(new Problem(file, 0, 0, field, message, hint));
    }

    /// <summary>Files by id in first-seen order; a file listed by several tasks keeps its largest recorded size.</summary>
    private sealed class FileTable
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        private readonly List<TraceFile> files = [];

        public bool Contains(string id) => index.ContainsKey(id);

        public bool Declare(string id, long size)
        {
            if (index.ContainsKey(id))
            {
                return false;
            }

            index[id] = files.Count;
            files.Add(new TraceFile(id, size));
            return true;
        }

        public void Add(string id, long size)
        {
            if (index.TryGetValue(id, out var i))
            {
                if (size > files[i].SizeInBytes)
                {
                    files[i] = files[i] with { SizeInBytes = size };
                }
            }
            else
            {
                Declare(id, size);
            }
        }

        public List<TraceFile> ToList() => files;
    }
}
