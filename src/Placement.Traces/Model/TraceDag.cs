namespace Placement.Traces.Model;

/// <summary>
/// The data view of a trace: what each task writes (its output bytes), how many bytes flow along each task
/// dependency (the files a child reads that its parent writes), and which files no task writes (external
/// inputs). Used by the scenario importer and the simulator's trace replay.
/// </summary>
public sealed class TraceDag
{
    private TraceDag(
        IReadOnlyDictionary<string, long> outputBytes,
        IReadOnlyDictionary<(string Parent, string Child), long> edgeBytes,
        IReadOnlyDictionary<(string Parent, string Child), IReadOnlyList<string>> edgeFiles,
        IReadOnlyDictionary<string, IReadOnlyList<string>> externalInputs,
        IReadOnlyDictionary<string, long> fileBytes)
    {
        OutputBytes = outputBytes;
        EdgeBytes = edgeBytes;
        EdgeFiles = edgeFiles;
        ExternalInputs = externalInputs;
        FileBytes = fileBytes;
    }

    /// <summary>Bytes a task writes: the sum of its output files' sizes.</summary>
    public IReadOnlyDictionary<string, long> OutputBytes { get; }

    /// <summary>Bytes a child reads from a parent: the sizes of the parent's output files the child reads (0 for a pure control dependency).</summary>
    public IReadOnlyDictionary<(string Parent, string Child), long> EdgeBytes { get; }

    /// <summary>The parent's output files a child reads, in the child's input order (empty for a pure control dependency).</summary>
    public IReadOnlyDictionary<(string Parent, string Child), IReadOnlyList<string>> EdgeFiles { get; }

    /// <summary>Per task, the input files no task of the trace writes (read from outside the workflow).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExternalInputs { get; }

    /// <summary>File sizes in bytes by file id.</summary>
    public IReadOnlyDictionary<string, long> FileBytes { get; }

    /// <summary>
    /// Bytes each task writes (the sum of its output files' sizes), as <see cref="OutputBytes"/> of <see cref="Of"/>,
    /// without building the edges: all a replay needs, at a fraction of the cost.
    /// </summary>
    public static Dictionary<string, long> OutputBytesOf(Trace trace, IReadOnlyDictionary<string, long> fileBytes)
    {
        var output = new Dictionary<string, long>(trace.Tasks.Count, StringComparer.Ordinal);
        foreach (var t in trace.Tasks)
        {
            long sum = 0;
            foreach (var f in t.OutputFiles)
            {
                sum = checked(sum + fileBytes.GetValueOrDefault(f));
            }

            output[t.Id] = sum;
        }

        return output;
    }

    /// <summary>Builds the view.</summary>
    public static TraceDag Of(Trace trace)
    {
        var fileBytes = trace.FileBytes();
        var output = OutputBytesOf(trace, fileBytes);
        var producers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in trace.Tasks)
        {
            foreach (var f in t.OutputFiles)
            {
                if (!producers.TryGetValue(f, out var list))
                {
                    producers[f] = list = [];
                }

                list.Add(t.Id);
            }
        }

        var edges = new Dictionary<(string, string), long>();
        var edgeFiles = new Dictionary<(string, string), IReadOnlyList<string>>();
        var external = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var t in trace.Tasks)
        {
            var parents = new HashSet<string>(t.Parents, StringComparer.Ordinal);
            foreach (var p in t.Parents)
            {
                edges[(p, t.Id)] = 0;
                edgeFiles[(p, t.Id)] = new List<string>();
            }

            var ext = new List<string>();
            foreach (var f in t.InputFiles)
            {
                if (!producers.TryGetValue(f, out var writers))
                {
                    ext.Add(f);
                    continue;
                }

                foreach (var w in writers.Where(parents.Contains))
                {
                    edges[(w, t.Id)] = checked(edges[(w, t.Id)] + fileBytes.GetValueOrDefault(f));
                    ((List<string>)edgeFiles[(w, t.Id)]).Add(f);
                }
            }

            external[t.Id] = ext;
        }

        return new TraceDag(output, edges, edgeFiles, external, fileBytes);
    }
}
