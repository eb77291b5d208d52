using System.Text.Json;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

// WfFormat 1.3 and 1.4: workflow.tasks with their files inline, parents by name.
public static partial class TraceReader
{
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
}
