using Placement.Traces.Formats;
using Placement.Traces.Model;

namespace Placement.Traces.Tests.Formats;

public sealed class TraceReaderTests
{
    public static TheoryData<string> Runs => new()
    {
        "epigenomics-chameleon-hep-1seq-100k-001",
        "montage-chameleon-2mass-01d-001",
        "srasearch-chameleon-10a-001",
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Read_SameRunInVersions13_14_15_GivesIdenticalTasksEdgesAndBytes(string run)
    {
        var v13 = TestData.Load("1.3", run);
        var v14 = TestData.Load("1.4", run);
        var v15 = TestData.Load("1.5", run);
        Assert.Equal("1.3", v13.SchemaVersion);
        Assert.Equal("1.4", v14.SchemaVersion);
        Assert.Equal("1.5", v15.SchemaVersion);

        var expected = Summary(v15);
        Assert.NotEmpty(expected.Tasks);
        Assert.Equal(expected.Tasks, Summary(v13).Tasks);
        Assert.Equal(expected.Tasks, Summary(v14).Tasks);
        Assert.Equal(expected.Edges, Summary(v13).Edges);
        Assert.Equal(expected.Edges, Summary(v14).Edges);
        Assert.Equal(expected.Bytes, Summary(v13).Bytes);
        Assert.Equal(expected.Bytes, Summary(v14).Bytes);
        Assert.Equal(v15.MakespanSeconds, v13.MakespanSeconds);
        Assert.Equal(v15.ExecutedAt, v13.ExecutedAt);
    }

    [Theory]
    [InlineData("epigenomics-chameleon-hep-1seq-100k-001", 41, 48)]
    [InlineData("montage-chameleon-2mass-01d-001", 103, 231)]
    [InlineData("srasearch-chameleon-10a-001", 22, 30)]
    [InlineData("bwa-chameleon-large-001", 1004, 4000)]
    public void Read_Version15_CountsMatchTheDatasetReadme(string run, int tasks, int edges)
    {
        var trace = TestData.Load("1.5", run);
        Assert.Equal(tasks, trace.Tasks.Count);
        Assert.Equal(edges, trace.Edges().Count);
    }

    [Fact]
    public void Read_Version13_SizeFieldIsBytesNotKilobytes()
    {
        var trace = TestData.Load("1.3", "epigenomics-chameleon-hep-1seq-100k-001");
        Assert.Equal(171256, trace.FileBytes()["maq"]);
    }

    [Fact]
    public void Read_Version13ParentsByName_ResolveToTaskIdsEqualToNames()
    {
        var trace = TestData.Load("1.3", "epigenomics-chameleon-hep-1seq-100k-001");
        var chr21 = trace.Task("chr21_chr21_ID0000001")!;
        Assert.Equal(["mapMerge_mapMerge_HEP2_MSP1_Digests_ID0000021"], chr21.Parents);
        Assert.Equal(2.774, chr21.RuntimeSeconds);
        Assert.Equal("chr21", chr21.Category);
    }

    [Fact]
    public void Read_NextflowTraceWithZeroRuntimes_IsAccepted()
    {
        var trace = TestData.Load("1.5", "methylseq-dirt02-001");
        Assert.Equal(36, trace.Tasks.Count);
        Assert.Equal(4, trace.Tasks.Count(t => t.RuntimeSeconds == 0));
    }

    [Fact]
    public void Read_MonthFirstTimestamp_IsParsed()
    {
        var trace = TestData.Load("1.4", "montage-chameleon-2mass-01d-001");
        Assert.Equal(new DateTimeOffset(2021, 3, 23, 5, 57, 15, TimeSpan.Zero), trace.ExecutedAt);
    }

    [Fact]
    public void Read_NotWfFormat_ReportsWorkflowField()
    {
        var problem = Assert.Single(TraceReader.Read("{\"hello\": 1}", "x.json").Problems);
        Assert.Equal("x.json", problem.File);
        Assert.Equal("workflow", problem.Field);
        Assert.Contains("not a WfFormat trace", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedJson_ReportsLine()
    {
        var problem = Assert.Single(TraceReader.Read("{\n\"a\": [", "x.json").Problems);
        Assert.Contains("malformed JSON", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 1);
    }

    [Fact]
    public void Read_UnsupportedVersion_NamesSchemaVersion()
    {
        var problem = Assert.Single(TraceReader.Read("{\"schemaVersion\": \"0.9\", \"workflow\": {}}", "x.json").Problems);
        Assert.Equal("schemaVersion", problem.Field);
    }

    [Fact]
    public void Read_UnknownParent_NamesTaskAndField()
    {
        var text = Legacy("""{"name": "a", "runtime": 1, "parents": [], "files": []}""", """{"name": "b", "runtime": 1, "parents": ["zz"], "files": []}""");
        var problem = Assert.Single(TraceReader.Read(text, "t.json").Problems);
        Assert.Equal("workflow.tasks[1].parents[0]", problem.Field);
        Assert.Contains("'zz' is not a task", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Cycle_IsReportedWithTheLoop()
    {
        var text = Legacy("""{"name": "a", "runtime": 1, "parents": ["b"], "files": []}""", """{"name": "b", "runtime": 1, "parents": ["a"], "files": []}""");
        var problem = Assert.Single(TraceReader.Read(text, "t.json").Problems);
        Assert.Contains("cycle", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith(".parents", problem.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeRuntime_NamesRuntimeField()
    {
        var text = Legacy("""{"name": "a", "runtime": -3, "parents": [], "files": []}""");
        var problem = Assert.Single(TraceReader.Read(text, "t.json").Problems);
        Assert.Equal("workflow.tasks[0].runtime", problem.Field);
    }

    [Fact]
    public void Read_NegativeSize_NamesSizeField()
    {
        var text = Legacy("""{"name": "a", "runtime": 1, "parents": [], "files": [{"link": "output", "name": "f", "size": -5}]}""");
        var problem = Assert.Single(TraceReader.Read(text, "t.json").Problems);
        Assert.Equal("workflow.tasks[0].files[0].size", problem.Field);
        Assert.Contains("negative", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version15UnknownFile_NamesInputFilesField()
    {
        const string text = """
            {"schemaVersion": "1.5", "workflow": {"specification": {"tasks": [{"id": "a", "name": "a", "parents": [], "children": [], "inputFiles": ["nope"], "outputFiles": []}], "files": []},
             "execution": {"tasks": [{"id": "a", "runtimeInSeconds": 1}]}}}
            """;
        var problem = Assert.Single(TraceReader.Read(text, "t.json").Problems);
        Assert.Equal("workflow.specification.tasks[0].inputFiles[0]", problem.Field);
    }

    [Fact]
    public void Read_Version15ChildrenOnly_GivesTheSameParents()
    {
        const string text = """
            {"schemaVersion": "1.5", "workflow": {"specification": {"tasks": [
               {"id": "a", "parents": [], "children": ["b"], "inputFiles": [], "outputFiles": []},
               {"id": "b", "parents": [], "children": [], "inputFiles": [], "outputFiles": []}], "files": []},
             "execution": {"tasks": [{"id": "a", "runtimeInSeconds": 1}, {"id": "b", "runtimeInSeconds": 2}]}}}
            """;
        var trace = TraceReader.Read(text, "t.json").Value!;
        Assert.Equal([("a", "b")], trace.Edges());
    }

    private static (List<string> Tasks, List<string> Edges, List<string> Bytes) Summary(Trace t) =>
        (t.Tasks.Select(x => $"{x.Id} {x.RuntimeSeconds:R} in[{string.Join(",", x.InputFiles.Order(StringComparer.Ordinal))}] out[{string.Join(",", x.OutputFiles.Order(StringComparer.Ordinal))}]")
                .Order(StringComparer.Ordinal).ToList(),
         t.Edges().Select(e => $"{e.Parent}->{e.Child}").ToList(),
         t.Files.Select(f => $"{f.Id}={f.SizeInBytes}").Order(StringComparer.Ordinal).ToList());

    private static string Legacy(params string[] tasks) =>
        "{\"schemaVersion\": \"1.3\", \"name\": \"t\", \"workflow\": {\"makespan\": 1, \"tasks\": [" + string.Join(",", tasks) + "]}}";
}
