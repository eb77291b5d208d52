using System.Text.Json;
using System.Text.Json.Nodes;

namespace Placement.Traces.Tests.Formats;

/// <summary>
/// A port, for test data, of the version steps of WfCommons' <c>tools/wfcommons-migrate-instance.py</c>
/// (repository wfcommons/WfFormat): 1.3 -> 1.4, the 1.4 clean-up, 1.4 -> 1.5 and 1.5 -> 1.6, in that order,
/// on the JSON tree, keeping the key order the tool leaves behind. It made the files under
/// <c>tests/data/wfinstances/v1.6</c> from the bundled 1.3/1.4/1.5 traces, so the 1.6 golden tests read what
/// WfCommons' own migration writes. Versions below 1.3 are not ported (no bundled trace needs them).
/// </summary>
internal static class WfFormatMigration
{
    /// <summary>The version the steps end at.</summary>
    public const string Latest = "1.6";

    /// <summary>Migrates an instance (1.3 to 1.6) to 1.6; a 1.6 instance is returned as it is.</summary>
    public static JsonObject Migrate(JsonObject data)
    {
        var version = (string)data["schemaVersion"]!;
        if (version is not ("1.3" or "1.4" or "1.5" or "1.6"))
        {
            throw new ArgumentException($"the port migrates 1.3-1.5, not {version}");
        }

        if (version == "1.3")
        {
            ToV14(data);
        }

        if ((string)data["schemaVersion"]! == "1.4")
        {
            Cleanup(data);
            ToV15(data);
        }

        if ((string)data["schemaVersion"]! == "1.5")
        {
            // All 1.6 additions are optional (metrics) or fixes to the schema itself: only the version changes.
            data["schemaVersion"] = "1.6";
        }

        return data;
    }

    /// <summary>Writes an instance as the tool does: 4-space indent, a final newline.</summary>
    public static string Write(JsonObject data) =>
        data.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 }) + "\n";

    private static void ToV14(JsonObject data)
    {
        data["schemaVersion"] = "1.4";
        var workflow = Obj(data["workflow"]);
        Move(workflow, "makespan", workflow, "makespanInSeconds");
        foreach (var machine in Items(workflow, "machines"))
        {
            if (machine.ContainsKey("memory"))
            {
                machine["memoryInBytes"] = Long(Take(machine, "memory")) * 1000;
            }
        }

        var runtimeSystem = RuntimeSystemName(data);
        foreach (var task in Items(workflow, "tasks"))
        {
            Move(task, "runtime", task, "runtimeInSeconds");
            ConvertByteCounts(task, runtimeSystem);
            if (task.ContainsKey("memory"))
            {
                task["memoryInBytes"] = Long(Take(task, "memory")) * 1000;
            }

            foreach (var file in Items(task, "files"))
            {
                Move(file, "size", file, "sizeInBytes");
            }
        }
    }

    private static void Cleanup(JsonObject data)
    {
        var workflow = Obj(data["workflow"]);
        if (workflow.ContainsKey("makespan") && workflow.ContainsKey("makespanInSeconds"))
        {
            workflow.Remove("makespan");
        }

        foreach (var machine in Items(workflow, "machines").Where(m => m.ContainsKey("memory") && m.ContainsKey("memoryInBytes")))
        {
            machine.Remove("memory");
        }

        var runtimeSystem = RuntimeSystemName(data);
        foreach (var task in Items(workflow, "tasks"))
        {
            if (task.ContainsKey("runtime") && task.ContainsKey("runtimeInSeconds"))
            {
                task.Remove("runtime");
            }

            ConvertByteCounts(task, runtimeSystem);
            if (task.ContainsKey("memory") && task.ContainsKey("memoryInBytes"))
            {
                task.Remove("memory");
            }

            foreach (var file in Items(task, "files").Where(f => f.ContainsKey("size") && f.ContainsKey("sizeInBytes")))
            {
                file.Remove("size");
            }
        }
    }

    private static void ToV15(JsonObject data)
    {
        data["schemaVersion"] = "1.5";
        var workflow = Obj(data["workflow"]);
        foreach (var key in new[] { "makespanInSeconds", "executedAt" })
        {
            if (!workflow.ContainsKey(key))
            {
                throw new ArgumentException($"missing required version 1.4 property 'workflow.{key}'");
            }
        }

        Move(data, "wms", data, "runtimeSystem");
        foreach (var machine in Items(workflow, "machines"))
        {
            if (machine["cpu"] is JsonObject cpu && cpu.Count > 0)
            {
                Move(cpu, "count", cpu, "coreCount");
                Move(cpu, "speed", cpu, "speedInMHz");
            }
        }

        var tasks = Items(workflow, "tasks").ToList();

        // Up to 1.4 tasks refer to each other by name, from 1.5 on by id: every new id is computed first so
        // references resolve against the complete map.
        var taskIds = tasks.Select(TaskId).ToList();
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            foreach (var reference in new[] { Str(tasks[i], "name"), Str(tasks[i], "id"), taskIds[i] })
            {
                if (!string.IsNullOrEmpty(reference))
                {
                    references.TryAdd(reference, taskIds[i]);
                }
            }
        }

        var specTasks = new JsonArray();
        var specFiles = new JsonArray();
        var execTasks = new JsonArray();
        var execution = new JsonObject
        {
            ["makespanInSeconds"] = Take(workflow, "makespanInSeconds"),
            ["executedAt"] = Take(workflow, "executedAt"),
            ["tasks"] = execTasks,
        };
        Move(workflow, "machines", execution, "machines");

        var producers = new Dictionary<string, string?>(StringComparer.Ordinal);
        var parentsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var childrenOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var specById = new Dictionary<string, (JsonObject Task, List<string> Inputs, List<string> Outputs)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var id = taskIds[i];
            var parents = Resolve(Strings(task, "parents"), references);
            var children = Resolve(Strings(task, "children"), references);

            // Dependencies are often declared on one end only: record both directions.
            foreach (var p in parents)
            {
                AddUnique(Get(childrenOf, p), id);
            }

            foreach (var c in children)
            {
                AddUnique(Get(parentsOf, c), id);
            }

            parents.ForEach(p => AddUnique(Get(parentsOf, id), p));
            children.ForEach(c => AddUnique(Get(childrenOf, id), c));

            var inputs = new List<string>();
            var outputs = new List<string>();
            foreach (var file in Items(task, "files"))
            {
                var fileId = (string)file["name"]!;
                if (file.ContainsKey("path"))
                {
                    fileId = (string)file["path"]! + fileId;
                }

                if (!producers.ContainsKey(fileId))
                {
                    producers[fileId] = null;
                    specFiles.Add(new JsonObject { ["id"] = fileId, ["sizeInBytes"] = file["sizeInBytes"]!.DeepClone() });
                }

                if (string.Equals(Str(file, "link") ?? "", "input", StringComparison.OrdinalIgnoreCase))
                {
                    AddUnique(inputs, fileId);
                }
                else
                {
                    producers[fileId] ??= id;
                    AddUnique(outputs, fileId);
                }
            }

            specById[id] = (new JsonObject { ["name"] = task["name"]!.DeepClone(), ["id"] = id }, inputs, outputs);
            order.Add(id);
            execTasks.Add(ExecutionTask(task, id));
        }

        workflow.Remove("tasks");

        // As in the tool: each task gets its dependency lists in order, and an inferred child is appended to the
        // producer's list as it stands then (a producer later in the list has its lists assigned afterwards,
        // which replaces the inferred child: the tool does that too).
        var finalParents = order.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        var finalChildren = order.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var id in order)
        {
            finalParents[id] = parentsOf.GetValueOrDefault(id) ?? [];
            finalChildren[id] = childrenOf.GetValueOrDefault(id) ?? [];
            if (finalParents[id].Count == 0)
            {
                foreach (var fileId in specById[id].Inputs)
                {
                    if (producers.GetValueOrDefault(fileId) is { } producer && producer != id)
                    {
                        AddUnique(finalParents[id], producer);
                        AddUnique(finalChildren[producer], id);
                    }
                }
            }
        }

        foreach (var id in order)
        {
            var (task, inputs, outputs) = specById[id];
            task["parents"] = Array(finalParents[id]);
            task["children"] = Array(finalChildren[id]);
            task["inputFiles"] = Array(inputs);
            task["outputFiles"] = Array(outputs);
            specTasks.Add(task);
        }

        workflow["specification"] = new JsonObject { ["tasks"] = specTasks, ["files"] = specFiles };
        workflow["execution"] = execution;
    }

    private static JsonObject ExecutionTask(JsonObject task, string id)
    {
        var result = new JsonObject { ["id"] = id, ["runtimeInSeconds"] = task["runtimeInSeconds"]?.DeepClone() ?? 0 };
        Move(task, "command", result, "command");
        Move(task, "cores", result, "coreCount");
        Move(task, "avgCPU", result, "avgCPU");
        Move(task, "readBytes", result, "readBytes");
        Move(task, "writtenBytes", result, "writtenBytes");
        Move(task, "memoryInBytes", result, "memoryInBytes");
        Move(task, "energy", result, "energyInKWh");
        Move(task, "avgPower", result, "avgPowerInW");
        Move(task, "priority", result, "priority");
        if (task.ContainsKey("machine"))
        {
            result["machines"] = new JsonArray(task["machine"]!.DeepClone());
        }

        return result;
    }

    private static string TaskId(JsonObject task, int index)
    {
        var name = (string)task["name"]!;
        if (!task.ContainsKey("id"))
        {
            return $"{name}_{index}";
        }

        var id = (string)task["id"]!;
        return name.Contains(id, StringComparison.Ordinal) ? name : $"{name}_{id}";
    }

    private static List<string> Resolve(IEnumerable<string> refs, Dictionary<string, string> map)
    {
        // An unknown reference is kept as it is, as the tool does (with a warning).
        var resolved = new List<string>();
        foreach (var r in refs)
        {
            AddUnique(resolved, map.GetValueOrDefault(r) ?? r);
        }

        return resolved;
    }

    private static string RuntimeSystemName(JsonObject data)
    {
        var system = data["wms"] as JsonObject ?? data["runtimeSystem"] as JsonObject;
        return (system is not null && system["name"] is JsonValue v ? v.ToString() : "").ToLowerInvariant();
    }

    private static void ConvertByteCounts(JsonObject task, string runtimeSystem)
    {
        // Pre-1.4 byte counts are kilobytes for every runtime system but Pegasus.
        var scale = runtimeSystem.Contains("pegasus", StringComparison.Ordinal) ? 1 : 1000;
        if (task.ContainsKey("bytesRead"))
        {
            task["readBytes"] = Long(Take(task, "bytesRead")) * scale;
        }

        if (task.ContainsKey("bytesWritten"))
        {
            task["writtenBytes"] = Long(Take(task, "bytesWritten")) * scale;
        }
    }

    private static void Move(JsonObject src, string srcKey, JsonObject dst, string dstKey)
    {
        if (src.ContainsKey(srcKey))
        {
            var value = Take(src, srcKey);
            dst.Remove(dstKey);
            dst[dstKey] = value;
        }
    }

    private static JsonNode? Take(JsonObject o, string key)
    {
        var value = o[key];
        o.Remove(key);
        return value;
    }

    private static JsonObject Obj(JsonNode? node) => node as JsonObject ?? throw new ArgumentException("expected an object");

    private static IEnumerable<JsonObject> Items(JsonObject o, string key) =>
        o[key] is JsonArray a ? a.OfType<JsonObject>() : [];

    private static IEnumerable<string> Strings(JsonObject o, string key) =>
        o[key] is JsonArray a ? a.Select(x => (string)x!) : [];

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long Long(JsonNode? n) => (long)n!.GetValue<double>();

    private static List<string> Get(Dictionary<string, List<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    private static void AddUnique(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
