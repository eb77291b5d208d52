using System.Text;
using Placement.Traces.Formats;
using Placement.Traces.Model;

namespace Placement.Traces.Tests.Formats;

/// <summary>
/// The UTF-8 entry of <see cref="TraceReader"/> (what the CLI reads trace files with) must give exactly what the text
/// entry gives on the text <see cref="File.ReadAllText(string)"/> decodes from the same bytes: traces, problems and all.
/// </summary>
public sealed class TraceReaderBytesTests
{
    public static TheoryData<string> Files
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var f in Directory.GetFiles(TestData.Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestData.Folder, f));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_BytesOfARealTrace_EqualsTheTextPath(string file)
    {
        var path = Path.Combine(TestData.Folder, file);
        var fromText = TraceReader.Read(File.ReadAllText(path), path);
        var fromBytes = TraceReader.Read(File.ReadAllBytes(path), path);

        Assert.True(fromBytes.Ok, string.Join("\n", fromBytes.Problems));
        Assert.Equal(Text(fromText.Value!), Text(fromBytes.Value!));
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsSkippedAsReadAllTextSkipsIt()
    {
        var path = TestData.PathOf("1.5", "srasearch-chameleon-10a-001");
        var bytes = File.ReadAllBytes(path);
        var withMark = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray();

        var result = TraceReader.Read(withMark, path);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(Text(TraceReader.Read(bytes, path).Value!), Text(result.Value!));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Read_Utf16Or32WithByteOrderMark_IsDecodedAsReadAllTextDecodesIt(string encoding)
    {
        var path = TestData.PathOf("1.3", "montage-chameleon-2mass-01d-001");
        var text = File.ReadAllText(path);
        var enc = Encoding.GetEncoding(encoding);
        var bytes = enc.GetPreamble().Concat(enc.GetBytes(text)).ToArray();

        var result = TraceReader.Read(bytes, path);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(Text(TraceReader.Read(text, path).Value!), Text(result.Value!));
    }

    [Fact]
    public void Read_InvalidUtf8InAName_IsReplacedAsReadAllTextReplacesIt()
    {
        var text = """{"schemaVersion": "1.3", "name": "tX", "workflow": {"makespan": 1, "tasks": [{"name": "a", "runtime": 1, "parents": [], "files": []}]}}""";
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        var file = Path.Combine(Path.GetTempPath(), $"placement-bad-utf8-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(file, bytes);
        try
        {
            var expected = TraceReader.Read(File.ReadAllText(file), "t.json");
            var result = TraceReader.Read(bytes, "t.json");

            Assert.True(result.Ok, string.Join("\n", result.Problems));
            Assert.Equal("t\uFFFD", result.Value!.Name);
            Assert.Equal(Text(expected.Value!), Text(result.Value!));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("{\n\"a\": [")]
    [InlineData("{\"schemaVersion\": \"1.5\",\n  \"workflow\": {\"specification\": }}")]
    [InlineData("")]
    public void Read_MalformedJson_SameProblemAsTheTextPath(string text)
    {
        var expected = Assert.Single(TraceReader.Read(text, "x.json").Problems);
        var problem = Assert.Single(TraceReader.Read(Encoding.UTF8.GetBytes(text), "x.json").Problems);

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Read_FanInNamedFromBothSides_ListsEachParentOnceInFirstMentionOrder()
    {
        // 40 parents of "sink", listed in reverse by the sink and again by each parent's children: past 16 the
        // reader switches to a set, and the order must stay that of the first mention.
        var parents = Enumerable.Range(0, 40).Select(i => $"p{i:00}").ToList();
        var tasks = parents.Select(p => $$"""{"id": "{{p}}", "parents": [], "children": ["sink"], "inputFiles": [], "outputFiles": []}""")
            .Append($$"""{"id": "sink", "parents": [{{string.Join(", ", parents.AsEnumerable().Reverse().Select(p => $"\"{p}\""))}}], "children": [], "inputFiles": [], "outputFiles": []}""");
        var runs = parents.Append("sink").Select(id => $$"""{"id": "{{id}}", "runtimeInSeconds": 1}""");
        var text = """{"schemaVersion": "1.5", "workflow": {"specification": {"tasks": [""" + string.Join(",", tasks)
            + """], "files": []}, "execution": {"tasks": [""" + string.Join(",", runs) + "]}}}";

        var trace = TraceReader.Read(Encoding.UTF8.GetBytes(text), "t.json").Value!;

        Assert.Equal(parents.AsEnumerable().Reverse(), trace.Task("sink")!.Parents);
    }

    private static string Text(Trace trace) => TraceWriter.Write(trace);
}
