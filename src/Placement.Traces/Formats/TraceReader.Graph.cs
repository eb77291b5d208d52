using System.Globalization;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

// The task graph: references resolved to ids, duplicates and cycles rejected.
public static partial class TraceReader
{
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

        // Parents are listed once each, first mention first; past a few, a set keeps a fan-in of thousands linear.
        var parentSets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void AddParent(string task, string parent)
        {
            var list = parents[task];
            if (parentSets.TryGetValue(task, out var set))
            {
                if (set.Add(parent))
                {
                    list.Add(parent);
                }

                return;
            }

            Add(list, parent);
            if (list.Count > 16)
            {
                parentSets[task] = new HashSet<string>(list, StringComparer.Ordinal);
            }
        }

        foreach (var t in raw)
        {
            for (var j = 0; j < t.Parents.Count; j++)
            {
                if (Find(t.Parents[j]) is { } p)
                {
                    AddParent(t.Id, p);
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
                    AddParent(c, t.Id);
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
}
