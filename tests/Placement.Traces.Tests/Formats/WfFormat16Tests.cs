using System.Text.Json.Nodes;
using Placement.Traces.Formats;
using Placement.Traces.Model;

namespace Placement.Traces.Tests.Formats;

/// <summary>
/// WfFormat 1.6: the committed 1.6 files are WfCommons' migration (ported in <see cref="WfFormatMigration"/>) of
/// the bundled traces, and reading them gives what reading the originals gives.
/// </summary>
public sealed class WfFormat16Tests
{
    /// <summary>Set to 1 to rewrite the committed 1.6 files from the bundled traces.</summary>
    private const string RegenerateVariable = "PLACEMENT_REGENERATE_WFFORMAT16";

    public static TheoryData<string, string> Converted => new()
    {
        { "1.5", "epigenomics-chameleon-hep-1seq-100k-001" },
        { "1.4", "srasearch-chameleon-10a-001" },
        { "1.3", "montage-chameleon-2mass-01d-001" },
    };

    [Theory]
    [MemberData(nameof(Converted))]
    public void Migrate_BundledTrace_IsTheCommitted16File(string from, string run)
    {
        var migrated = WfFormatMigration.Migrate(JsonNode.Parse(File.ReadAllText(TestData.PathOf(from, run)))!.AsObject());
        var path = TestData.PathOf("1.6", run);
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, WfFormatMigration.Write(migrated));
        }

        var committed = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("1.6", (string)committed["schemaVersion"]!);
        Assert.True(JsonNode.DeepEquals(migrated, committed), $"{path} is not the migration of v{from}/{run}.json; regenerate with {RegenerateVariable}=1");
    }

    [Theory]
    [MemberData(nameof(Converted))]
    public void Read_Version16_GivesTheTasksEdgesBytesAndRuntimesOfTheOriginal(string from, string run)
    {
        var original = TestData.Load(from, run);
        var v16 = TestData.Load("1.6", run);
        Assert.Equal("1.6", v16.SchemaVersion);
        Assert.Equal(Summary(original), Summary(v16));
        Assert.Equal(original.MakespanSeconds, v16.MakespanSeconds);
        Assert.Equal(original.ExecutedAt, v16.ExecutedAt);
        Assert.Equal(original.Tasks.Select(t => t.Category), v16.Tasks.Select(t => t.Category));
    }

    [Fact]
    public void Read_Version16WithMetricsAndWideTaskIds_IsAccepted()
    {
        // 1.6 adds optional metrics objects and allows '#', ':' and '/' in task ids.
        const string text = """
            {"name": "m", "schemaVersion": "1.6", "workflow": {
              "specification": {
                "tasks": [
                  {"name": "split", "id": "wf#1:split/0", "parents": [], "children": ["wf#1:analyse/0"], "inputFiles": ["in.txt"], "outputFiles": ["chunk.txt"]},
                  {"name": "analyse", "id": "wf#1:analyse/0", "parents": ["wf#1:split/0"], "children": [], "inputFiles": ["chunk.txt"], "outputFiles": []}],
                "files": [{"id": "in.txt", "sizeInBytes": 1024}, {"id": "chunk.txt", "sizeInBytes": 512}],
                "metrics": {"numberOfTasks": 2, "numberOfFiles": 2, "sumOfFileSizesInBytes": 1536, "numberOfLevels": 2, "minimumWidth": 1, "maximumWidth": 1}},
              "execution": {"makespanInSeconds": 14.2, "executedAt": "2026-08-04T15:20:00-08:00",
                "tasks": [{"id": "wf#1:split/0", "runtimeInSeconds": 4.2, "executedAt": "2026-08-04T15:20:00-08:00"}, {"id": "wf#1:analyse/0", "runtimeInSeconds": 10}],
                "metrics": {"sumTaskRuntimesInSeconds": 14.2, "totalNumBytesRead": 1536, "totalNumBytesWritten": 512}}}}
            """;
        var result = TraceReader.Read(text, "m.json");
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var trace = result.Value!;
        Assert.Equal("1.6", trace.SchemaVersion);
        Assert.Equal([("wf#1:split/0", "wf#1:analyse/0")], trace.Edges());
        Assert.Equal(14.2, trace.MakespanSeconds);
        Assert.Equal(new DateTimeOffset(2026, 8, 4, 15, 20, 0, TimeSpan.FromHours(-8)), trace.Task("wf#1:split/0")!.StartedAt);
    }

    [Theory]
    [InlineData("1.7", "a newer WfFormat than 1.6 is not known yet")]
    [InlineData("2.0", "a newer WfFormat than 1.6 is not known yet")]
    [InlineData("1.2", "tools/wfcommons-migrate-instance.py")]
    public void Read_UnknownVersion_NamesItAndTheSupportedOnes(string version, string hint)
    {
        var problem = Assert.Single(TraceReader.Read("{\"schemaVersion\": \"" + version + "\", \"workflow\": {}}", "x.json").Problems);
        Assert.Equal("schemaVersion", problem.Field);
        Assert.Contains($"'{version}'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("1.3, 1.4, 1.5, 1.6", problem.Message, StringComparison.Ordinal);
        Assert.Contains(hint, problem.Hint, StringComparison.Ordinal);
    }

    private static List<string> Summary(Trace t) =>
        t.Tasks.Select(x => $"{x.Id} {x.RuntimeSeconds:R} parents[{string.Join(",", x.Parents.Order(StringComparer.Ordinal))}] in[{string.Join(",", x.InputFiles.Order(StringComparer.Ordinal))}] out[{string.Join(",", x.OutputFiles.Order(StringComparer.Ordinal))}]")
            .Concat(t.Files.Select(f => $"{f.Id}={f.SizeInBytes}").Order(StringComparer.Ordinal))
            .ToList();
}
