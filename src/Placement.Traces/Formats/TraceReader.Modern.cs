using System.Text.Json;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

// WfFormat 1.5 and 1.6: workflow.specification + workflow.execution, and the placement extension.
public static partial class TraceReader
{
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
}
