using System.Globalization;
using System.Text;

namespace Placement.Bench;

/// <summary>
/// Generates WfCommons-shaped traces (WfFormat 1.5 JSON text) of any size for the scale bench: a split task fans out
/// to W chunks, W map tasks each read their chunk plus six shared reference files (many files per task), W refine
/// tasks each join three map outputs, reduce tasks fan in groups of 100 refines, and one merge task fans in every
/// reduce; about 2.01 W + 2 tasks. Runtimes and sizes are drawn from a seeded generator, so a size and seed give
/// the same text.
/// </summary>
internal static class WfCommonsShapes
{
    /// <summary>The task-type rules the bench imports these traces with: maps and refines have two clouds to choose from.</summary>
    public static string[] Rules { get; } = ["map=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1", "refine=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1", "*=vm@aws/us-east-1"];

    /// <summary>A trace of about <paramref name="tasks"/> tasks.</summary>
    public static string Generate(int tasks, int seed = 1)
    {
        var width = Math.Max(2, (int)((tasks - 2) / 2.01));
        var groups = Math.Max(1, (width + 99) / 100);
        var random = new Random(seed);
        var spec = new StringBuilder(tasks * 400);
        var exec = new StringBuilder(tasks * 120);
        var files = new StringBuilder(tasks * 80);
        var first = true;
        var refs = Enumerable.Range(0, 6).Select(i => $"ref.{i}").ToArray();

        void File(string id, long bytes)
        {
            files.Append(files.Length == 0 ? "" : ",\n").Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"sizeInBytes\":{bytes}}}");
        }

        void Task(string id, IEnumerable<string> parents, IEnumerable<string> children, IEnumerable<string> inputs, IEnumerable<string> outputs, double runtime)
        {
            var sep = first ? "" : ",\n";
            first = false;
            spec.Append(sep).Append(CultureInfo.InvariantCulture, $"{{\"name\":\"{id}\",\"id\":\"{id}\",\"parents\":[{Quote(parents)}],\"children\":[{Quote(children)}],\"inputFiles\":[{Quote(inputs)}],\"outputFiles\":[{Quote(outputs)}]}}");
            exec.Append(sep).Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"runtimeInSeconds\":{runtime:0.###},\"coreCount\":1,\"machines\":[\"worker-{random.Next(4)}\"]}}");
        }

        File("input.dat", 50_000_000_000);
        foreach (var r in refs)
        {
            File(r, random.NextInt64(1_000_000, 2_000_000_000));
        }

        // Which map outputs each refine joins, and which refines each map feeds (the children lists).
        var joins = new int[width][];
        var feeds = Enumerable.Range(0, width).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < width; i++)
        {
            joins[i] = new[] { i, random.Next(width), random.Next(width) }.Distinct().ToArray();
            foreach (var m in joins[i])
            {
                feeds[m].Add(i);
            }
        }

        string Map(int i) => $"map_{i:D6}";
        string Refine(int i) => $"refine_{i:D6}";
        string Reduce(int g) => $"reduce_{g:D4}";
        var mapIds = Enumerable.Range(0, width).Select(Map).ToArray();
        Task("split", [], mapIds, ["input.dat"], Enumerable.Range(0, width).Select(i => $"chunk.{i}"), 600);
        for (var i = 0; i < width; i++)
        {
            File($"chunk.{i}", random.NextInt64(10_000_000, 500_000_000));
            File($"map.{i}.out", random.NextInt64(1_000_000, 200_000_000));
            File($"map.{i}.log", random.NextInt64(1_000, 100_000));
            Task(Map(i), ["split"], feeds[i].Select(Refine), refs.Append($"chunk.{i}"), [$"map.{i}.out", $"map.{i}.log"], 30 + (random.NextDouble() * 600));
        }

        for (var i = 0; i < width; i++)
        {
            File($"refine.{i}.out", random.NextInt64(1_000_000, 50_000_000));
            Task(Refine(i), joins[i].Select(Map), [Reduce(i / 100)], joins[i].Select(m => $"map.{m}.out"), [$"refine.{i}.out"], 10 + (random.NextDouble() * 120));
        }

        for (var g = 0; g < groups; g++)
        {
            var members = Enumerable.Range(g * 100, Math.Min(100, width - (g * 100))).ToArray();
            File($"reduce.{g}.out", random.NextInt64(10_000_000, 1_000_000_000));
            Task(Reduce(g), members.Select(Refine), ["merge"], members.Select(m => $"refine.{m}.out"), [$"reduce.{g}.out"], 60 + (random.NextDouble() * 300));
        }

        Task("merge", Enumerable.Range(0, groups).Select(Reduce), [], Enumerable.Range(0, groups).Select(g => $"reduce.{g}.out"), ["result.dat"], 900);
        File("result.dat", 5_000_000_000);

        return "{\"name\":\"shape-" + tasks.ToString(CultureInfo.InvariantCulture) + "\",\"description\":\"generated WfCommons-shaped trace\",\"createdAt\":\"2026-01-01T00:00:00\",\"schemaVersion\":\"1.5\","
            + "\"author\":{\"name\":\"bench\",\"email\":\"bench@example.org\"},\"runtimeSystem\":{\"name\":\"bench\",\"version\":\"1\",\"url\":\"https://example.org\"},"
            + "\"workflow\":{\"specification\":{\"tasks\":[\n" + spec + "],\"files\":[\n" + files + "]},"
            + "\"execution\":{\"makespanInSeconds\":100000,\"executedAt\":\"2026-01-01T00:00:00+00:00\",\"machines\":[{\"nodeName\":\"worker-0\",\"cpu\":{\"coreCount\":24}}],\"tasks\":[\n" + exec + "]}}}";
    }

    private static string Quote(IEnumerable<string> ids) => string.Join(",", ids.Select(i => "\"" + i + "\""));
}
