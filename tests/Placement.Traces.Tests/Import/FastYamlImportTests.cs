using Placement.Data.Scenarios;
using Placement.Traces.Import;
using YamlDotNet.RepresentationModel;

namespace Placement.Traces.Tests.Import;

/// <summary>What import-wfcommons writes stays inside the fast scenario reader's subset and loads as the full (YamlDotNet) path loads it.</summary>
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
        Assert.Equal(Dump(TreeNode.From(stream.Documents[0].RootNode)), Dump(fast));
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void Import_AnyTrace_FastPathLoadsWhatFullPathLoads(string name)
    {
        var trace = TestData.Load("1.5", name);
        var yaml = ScenarioImporter.Import(trace, name + ".json", TaskMapping.Parse(["*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1"]).Value!, null, null).Value!;

        var full = ScenarioLoader.LoadFull(yaml, name + ".yaml", Pricing.Value);
        var fast = ScenarioLoader.TryLoadFast(yaml, name + ".yaml", Pricing.Value);

        Assert.True(full.Ok && full.Warnings.Count == 0, string.Join("\n", full.Problems.Concat(full.Warnings)));
        Assert.NotNull(fast);
        Assert.Equal(Placement.Testing.ObjectDump.Of(full.Value), Placement.Testing.ObjectDump.Of(fast));
    }

    private static readonly Lazy<Placement.Core.Pricing.PricingCatalog> Pricing = new(() => Placement.Data.Workspace.LoadPricing(Path.Combine(Placement.Testing.RepoPaths.Root, "pricing-data")));

    private static string Dump(TreeNode node) => node switch
    {
        TreeScalar s => $"S({(s.Quoted ? "quoted" : "plain")}:{s.Value})",
        TreeSequence q => "[" + string.Join(",", q.Items.Select(Dump)) + "]",
        TreeMapping m => "{" + string.Join(",", Enumerable.Range(0, m.Count).Select(i => $"{m.KeyAt(i)}={Dump(m.ValueAt(i))}")) + "}",
        _ => "?",
    };
}
