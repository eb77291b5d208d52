using Placement.Data;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

// The reader's working types: raw tasks, the problem context, the file table.
public static partial class TraceReader
{
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
