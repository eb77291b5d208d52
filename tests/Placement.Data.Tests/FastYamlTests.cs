using Placement.Data.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Placement.Data.Tests;

/// <summary>The fast scenario reader builds the tree the full loader converts from YamlDotNet's, or declines.</summary>
public class FastYamlTests
{
    /// <summary>The tree as text: kinds, values, quoting and key order.</summary>
    internal static string Dump(TreeNode node) => node switch
    {
        TreeScalar s => $"S({(s.Quoted ? "quoted" : "plain")}:{s.Value})",
        TreeSequence q => "[" + string.Join(",", q.Items.Select(Dump)) + "]",
        TreeMapping m => "{" + string.Join(",", Enumerable.Range(0, m.Count).Select(i => $"{m.KeyAt(i)}={Dump(m.ValueAt(i))}")) + "}",
        _ => "?",
    };

    /// <summary>YamlDotNet's tree of the text, converted as the full loader converts it.</summary>
    public static string Reference(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return Dump(TreeNode.From(stream.Documents[0].RootNode));
    }

    public static IEnumerable<object[]> RepositoryFiles() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "scenarios"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "tests"), "*.yaml", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetRelativePath(Repo.Root, f) });

    [Theory]
    [MemberData(nameof(RepositoryFiles))]
    public void TryParse_RepositoryScenario_BuildsYamlDotNetTree(string relative)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, relative));
        var fast = FastYaml.TryParse(text);
        Assert.NotNull(fast);
        Assert.Equal(Reference(text), Dump(fast));
    }

    [Theory]
    [InlineData("a: 1\nb:\n  c: x # note\n  d: [p, 'q''s', \"r\\\"s\"]\ne:\n- 1\n- k: v\n  l: { m: n, o: [1, 2] }\nf:\n")]
    [InlineData("name: x\nnodes:\n  - name: \"a\"\n    endpoint: { kind: vm, skus: [\"m5.2xlarge\"] }\n    work: { runtimeHours: 0.5 }\n  -\n    name: b\n")]
    [InlineData("url: http://example.org/a:b\nlist: [aws/us-east-1, gcp/*]\nempty: {}\nnone: []\ntilde: ~\n")]
    [InlineData("a: \"x\" # c\nb: 'y'\r\nc: plain words here\n")]
    public void TryParse_SubsetText_BuildsYamlDotNetTree(string text)
    {
        var fast = FastYaml.TryParse(text);
        Assert.NotNull(fast);
        Assert.Equal(Reference(text), Dump(fast));
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: { b: 1,\n  c: 2 }\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: !tag x\n")]
    [InlineData("a:\n\tb: 1\n")]
    [InlineData("---\na: 1\n")]
    [InlineData("a: plain\n  continued\n")]
    [InlineData("\"a\": 1\n")]
    [InlineData("a: \"\\u0041\"\n")]
    [InlineData("a: b: c\n")]
    [InlineData("- a\n")]
    [InlineData("# only a comment\n")]
    public void TryParse_OutsideSubset_Declines(string text) => Assert.Null(FastYaml.TryParse(text));
}
