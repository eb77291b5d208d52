using System.Text.Json;
using Placement.Core.Costing;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

// Placement's executor extension: task placements, the run record, machines; file references checked.
public static partial class TraceReader
{
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
}
