using Placement.Data.Scenarios;

namespace Placement.Data.Tests;

/// <summary>Node outputs with parts (files) and edges naming the parts they read.</summary>
public class ScenarioPartsTests
{
    private static string Text(string splitExtra, string edges) => $$"""
        name: parts
        storage: { default: aws/us-east-1 }
        nodes:
          - name: split
            endpoint: { kind: vm, minVcpus: 2 }
            work: { runtimeHours: 1 }
            parts:
              - { name: chunk-1, bytes: 2 GB }
              - { name: chunk-2, bytes: 3 GB }
        {{splitExtra}}
          - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 1 } }
          - { name: b, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 1 } }
        edges:
        {{edges}}
        """;

    private static LoadResult<Core.Model.Scenario> Load(string text) => ScenarioLoader.Load(text, "s.yaml", Repo.Pricing);

    [Fact]
    public void Load_PartsAndEdgesNamingThem_OutputIsTheSumAndEdgesReadTheirParts()
    {
        var r = Load(Text("", "  - { from: split, to: a, parts: [chunk-2] }\n  - { from: split, to: b }"));

        Assert.True(r.Ok, string.Join("\n", r.Problems));
        var split = r.Value!.Nodes[0];
        Assert.Equal(5_000_000_000, split.OutputBytes);
        Assert.Equal(["chunk-1", "chunk-2"], split.Parts.Select(p => p.Name));
        var graph = Core.Model.WorkflowGraph.Build(r.Value);
        Assert.Equal([3_000_000_000L, 5_000_000_000L], graph.Readers("split").Select(e => e.Bytes));
    }

    [Theory]
    [InlineData("    outputBytes: 4 GB", "  - { from: split, to: a }", "nodes[0].outputBytes", "parts sum to 5000000000")]
    [InlineData("", "  - { from: split, to: a, parts: [chunk-3] }", "edges[0].parts[0]", "'chunk-3' is not a part of split")]
    [InlineData("", "  - { from: split, to: a, bytes: 1 GB }", "edges[0].bytes", "'split' has parts")]
    [InlineData("", "  - { from: split, to: a, parts: [chunk-1, chunk-1] }", "edges[0].parts[1]", "named twice")]
    [InlineData("", "  - { from: split, to: a }\n  - { from: a, to: b, parts: [x] }", "edges[1].parts", "'a' has no parts")]
    [InlineData("", "  - { from: split, to: a, parts: [chunk-1], bytes: 2 GB }", "edges[0].bytes", "reads them whole")]
    public void Load_BadParts_NamesTheFieldAndWhy(string splitExtra, string edges, string field, string message)
    {
        var r = Load(Text(splitExtra, edges));

        Assert.Null(r.Value);
        var problem = Assert.Single(r.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PartDeclaredTwice_IsAProblem()
    {
        var r = Load(Text("      - { name: chunk-1, bytes: 1 GB }", "  - { from: split, to: a }"));

        Assert.Null(r.Value);
        Assert.Contains(r.Problems, p => p.Field == "nodes[0].parts[2].name" && p.Message.Contains("declared twice", StringComparison.Ordinal));
    }
}
