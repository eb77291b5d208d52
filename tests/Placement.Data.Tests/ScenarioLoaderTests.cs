using Placement.Core.Model;
using Placement.Data.Scenarios;

namespace Placement.Data.Tests;

public class ScenarioLoaderTests
{
    private const string Valid = """
        name: t
        storage: { default: aws/us-east-1 }
        datasets:
          - { name: raw, home: gcp/us-west1, bytes: 2 GB }
        nodes:
          - name: prep
            endpoint: { kind: vm, minVcpus: 8 }
            work: { runtimeHours: 1 }
            outputBytes: 1 GB
          - name: ask
            endpoint: { kind: llm, model: gpt-4o-mini }
            work: { inputTokens: 1000, outputTokens: 10 }
        edges:
          - { from: raw, to: prep }
          - { from: prep, to: ask }
        """;

    private static LoadResult<Scenario> Load(string text) => ScenarioLoader.Load(text, "s.yaml", Repo.Pricing);

    private static Problem Single(string text)
    {
        var r = Load(text);
        Assert.Null(r.Value);
        return Assert.Single(r.Problems);
    }

    [Fact]
    public void Load_ValidScenario_BuildsTheModel()
    {
        var r = Load(Valid);

        Assert.True(r.Ok, string.Join("\n", r.Problems));
        var s = r.Value!;
        Assert.Equal(2_000_000_000, s.Datasets[0].Bytes);
        Assert.Equal(Persistence.None, s.Nodes[1].Persistence);
        Assert.Equal(Location.Parse("aws/us-east-1"), s.DefaultStorage);
        Assert.Equal(64, s.ContentHash.Length);
    }

    [Fact]
    public void Load_MalformedYaml_NamesTheLine()
    {
        var p = Single("name: t\nnodes:\n  - name: a\n   endpoint: [\n");

        Assert.Equal("s.yaml", p.File);
        Assert.InRange(p.Line, 3, 5);
        Assert.Contains("malformed YAML", p.Message);
    }

    [Fact]
    public void Load_UnknownKey_NamesFieldLineAndKnownKeys()
    {
        var p = Single(Valid.Replace("    outputBytes: 1 GB", "    outputBytes: 1 GB\n    outptuBytes: 2 GB"));

        Assert.Equal(10, p.Line);
        Assert.Equal("nodes[0].outptuBytes", p.Field);
        Assert.Contains("unknown key", p.Message);
        Assert.Contains("outputBytes", p.Hint);
    }

    [Fact]
    public void Load_Cycle_NamesTheNodesOfTheCycle()
    {
        var p = Single(Valid + "\n  - { from: ask, to: prep }\n");

        Assert.Contains("cycle: ", p.Message);
        Assert.Contains("prep -> ask -> prep", p.Message);
    }

    [Fact]
    public void Load_EdgeToUnknownNode_SuggestsTheClosestName()
    {
        var p = Single(Valid.Replace("{ from: prep, to: ask }", "{ from: prep, to: aks }"));

        Assert.Equal("edges[1].to", p.Field);
        Assert.Equal(15, p.Line);
        Assert.Equal("did you mean 'ask'?", p.Hint);
    }

    [Fact]
    public void Load_UnknownLocation_PointsAtPricingData()
    {
        var p = Single(Valid.Replace("home: gcp/us-west1", "home: gcp/us-west9"));

        Assert.Equal("datasets[0].home", p.Field);
        Assert.Contains("not in pricing-data/regions.csv", p.Message);
    }

    [Fact]
    public void Load_UnknownSku_IsReported()
    {
        var p = Single(Valid.Replace("{ kind: vm, minVcpus: 8 }", "{ kind: vm, skus: [m5.2xlarg] }"));

        Assert.Equal("nodes[0].endpoint.skus", p.Field);
        Assert.Equal("did you mean 'm5.2xlarge'?", p.Hint);
    }

    [Fact]
    public void Load_RulesLeaveNoCandidate_SaysWhereTheEndpointIsOffered()
    {
        var p = Single(Valid.Replace("    work: { runtimeHours: 1 }", "    candidates: { allow: [openai/*] }\n    work: { runtimeHours: 1 }"));

        Assert.Equal("nodes[0].candidates", p.Field);
        Assert.Contains("no candidate is left", p.Message);
        Assert.Contains("offered at", p.Hint);
    }

    [Fact]
    public void Load_NegativeSize_IsRejected()
    {
        var p = Single(Valid.Replace("bytes: 2 GB", "bytes: -5"));

        Assert.Equal("datasets[0].bytes", p.Field);
        Assert.Contains("negative", p.Message);
    }

    [Fact]
    public void Load_MissingRuntimeForCandidate_IsAMissingPrice()
    {
        var p = Single(Valid.Replace("    work: { runtimeHours: 1 }\n", ""));

        Assert.Equal("nodes[0].work", p.Field);
        Assert.Contains("no runtime estimate", p.Message);
    }

    [Fact]
    public void Load_ParentlessLlmWithoutDefaultStorage_IsAnInputError()
    {
        var text = Valid.Replace("storage: { default: aws/us-east-1 }\n", "").Replace("\n  - { from: prep, to: ask }", "");
        var p = Single(text);

        Assert.Equal("nodes[1].persistence", p.Field);
        Assert.Contains("no default storage", p.Message);
    }

    [Fact]
    public void Load_SeveralMistakes_ReportsEveryOne()
    {
        var text = Valid.Replace("bytes: 2 GB", "bytes: lots").Replace("kind: llm", "kind: lm").Replace("name: t", "name: t\ncolour: red");
        var r = Load(text);

        Assert.True(r.Problems.Count == 3, string.Join("\n", r.Problems));
        Assert.All(r.Problems, p => Assert.True(p.Line > 0));
    }

    [Theory]
    [InlineData("video-pipeline.yaml")]
    [InlineData("rag-embedding.yaml")]
    [InlineData("finetune-eu.yaml")]
    [InlineData("batch-fanout.yaml")]
    [InlineData("training-egress-tiers.yaml")]
    public void Load_BundledScenario_Validates(string name)
    {
        var r = ScenarioLoader.Load(File.ReadAllText(Repo.Scenario(name)), name, Repo.Pricing);

        Assert.True(r.Ok, string.Join("\n", r.Problems));
    }

    private static string WithFallback(string fallback) =>
        Valid.Replace("    outputBytes: 1 GB", "    outputBytes: 1 GB\n    handler:\n      kind: command\n      run: \"exit 1\"\n      fallback: " + fallback);

    [Fact]
    public void Load_FallbackShorthand_IsACommandHandlerWithTheSameOutputs()
    {
        var r = Load(Valid.Replace("    outputBytes: 1 GB", "    outputBytes: 1 GB\n    handler: { kind: command, run: \"exit 1\", outputs: out.bin, fallback: \"cp in/raw out.bin\" }"));
        Assert.True(r.Ok, string.Join("\n", r.Problems));
        var fallback = r.Value!.Nodes[0].Handler!.Fallback!;
        Assert.Equal("command", fallback.Kind);
        Assert.Equal("cp in/raw out.bin", fallback.Settings["run"]);
        Assert.Equal("out.bin", fallback.Settings["outputs"]);
        Assert.Null(fallback.Fallback);
        Assert.False(r.Value.Nodes[0].Handler!.Settings.ContainsKey("fallback"));
    }

    [Fact]
    public void Load_FallbackObject_KeepsKindAndSettings()
    {
        var r = Load(WithFallback("{ kind: llm, model: gpt-4o-mini, prompt: Summarise, maxAttempts: \"2\" }"));
        Assert.True(r.Ok, string.Join("\n", r.Problems));
        var fallback = r.Value!.Nodes[0].Handler!.Fallback!;
        Assert.Equal("llm", fallback.Kind);
        Assert.Equal(("gpt-4o-mini", "Summarise", "2"), (fallback.Settings["model"], fallback.Settings["prompt"], fallback.Settings["maxAttempts"]));
    }

    [Fact]
    public void Load_FallbackOfUnknownKind_NamesTheFieldAndTheKinds()
    {
        var p = Single(WithFallback("{ kind: teleport }"));
        Assert.Equal("s.yaml", p.File);
        Assert.Equal("nodes[0].handler.fallback.kind", p.Field);
        Assert.Contains("unknown fallback handler kind 'teleport'", p.Message, StringComparison.Ordinal);
        Assert.Contains("command, llm, copy, noop", p.Hint, StringComparison.Ordinal);
        Assert.Equal(13, p.Line);
    }

    [Fact]
    public void Load_CommandFallbackWithoutRun_RunIsRequired()
    {
        var p = Single(WithFallback("{ kind: command, outputs: x }"));
        Assert.Equal("nodes[0].handler.fallback.run", p.Field);
        Assert.Contains("is required", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LlmFallbackWithoutModelOnAVmNode_ModelIsRequired()
    {
        var p = Single(WithFallback("{ kind: llm }"));
        Assert.Equal("nodes[0].handler.fallback.model", p.Field);
    }

    [Fact]
    public void Load_FallbackWithAFallback_IsRejected()
    {
        var p = Single(WithFallback("{ kind: noop, fallback: \"true\" }"));
        Assert.Equal("nodes[0].handler.fallback.fallback", p.Field);
        Assert.Contains("cannot have a fallback", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FallbackList_MustBeACommandOrAMapping()
    {
        var p = Single(WithFallback("[a, b]"));
        Assert.Equal("nodes[0].handler.fallback", p.Field);
        Assert.Contains("command line or a handler mapping", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FallbackWithUnknownKey_NamesIt()
    {
        var p = Single(WithFallback("{ kind: noop, colour: red }"));
        Assert.Equal("nodes[0].handler.fallback.colour", p.Field);
        Assert.Contains("unknown key", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HashOf_LineEndings_DoNotChangeTheHash() =>
        Assert.Equal(ScenarioLoader.HashOf("a: 1\nb: 2\n"), ScenarioLoader.HashOf("a: 1\r\nb: 2\r\n"));
}
