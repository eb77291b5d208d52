using Placement.Data.Scenarios;
using Placement.Traces.Import;
using YamlDotNet.RepresentationModel;

namespace Placement.Traces.Tests.Import;

/// <summary>What import-wfcommons writes stays inside the fast scenario reader's subset and reads as YamlDotNet reads it.</summary>
public class FastYamlImportTests
{
    public static IEnumerable<object[]> Traces() =>
        Directory.GetFiles(Path.Combine(TestData.Folder, "v1.5"), "*.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    [Theory]
    [MemberData(nameof(Traces))]
    public void Import_AnyTrace_FastReaderBuildsYamlDotNetTree(string name)
    {
        var trace = TestData.Load("1.5", name);
        var yaml = ScenarioImporter.Import(trace, name + ".json", TaskMapping.Parse(["*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1"]).Value!, null, null).Value!;
        var fast = FastYaml.TryParse(yaml);
        Assert.NotNull(fast);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        Assert.Equal(Dump(stream.Documents[0].RootNode), Dump(fast));
    }

    private static string Dump(YamlNode node) => node switch
    {
        YamlScalarNode s => $"S({s.Style}:{s.Value})",
        YamlSequenceNode q => "[" + string.Join(",", q.Children.Select(Dump)) + "]",
        YamlMappingNode m => "{" + string.Join(",", m.Children.Select(kv => Dump(kv.Key) + "=" + Dump(kv.Value))) + "}",
        _ => "?",
    };
}
