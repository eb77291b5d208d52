using Placement.Core.Model;
using static Placement.Testing.Fixtures;

namespace Placement.Core.Tests.Model;

public class WorkflowGraphTests
{
    [Fact]
    public void TryBuild_Cycle_ReturnsTheCycle()
    {
        var s = Scenario([Vm("a", 1), Vm("b", 1), Vm("c", 1), Vm("tail", 1)],
            [new Edge("a", "b", null), new Edge("b", "c", null), new Edge("c", "a", null), new Edge("c", "tail", null)]);

        Assert.False(WorkflowGraph.TryBuild(s, out _, out var cycle));
        Assert.Equal(cycle![0], cycle[^1]);
        Assert.Equal(4, cycle.Count);
        Assert.Equal(["a", "b", "c"], cycle.Take(3).Order().ToArray());
    }

    [Fact]
    public void TopologicalOrder_Diamond_ParentsFirstTiesInDeclarationOrder()
    {
        var s = Scenario([Vm("d", 1), Vm("c", 1), Vm("b", 1), Vm("a", 1)],
            [new Edge("a", "b", null), new Edge("a", "c", null), new Edge("b", "d", null), new Edge("c", "d", null)]);

        Assert.Equal(["a", "c", "b", "d"], WorkflowGraph.Build(s).TopologicalOrder);
    }
}

public class LocationPatternTests
{
    [Theory]
    [InlineData("aws/*", "aws/us-east-1", true)]
    [InlineData("aws/*", "gcp/us-east1", false)]
    [InlineData("*/europe-*", "gcp/europe-west1", true)]
    [InlineData("*/europe-*", "azure/westeurope", false)]
    [InlineData("gcp/us-*1", "gcp/us-west1", true)]
    [InlineData("gcp/us-*1", "gcp/us-west2", false)]
    [InlineData("*", "openai/global", true)]
    [InlineData("aws/us-east-1", "aws/us-east-1", true)]
    public void Matches_Pattern_MatchesGlob(string pattern, string location, bool expected) =>
        Assert.Equal(expected, LocationPattern.Parse(pattern).Matches(Location.Parse(location)));

    [Theory]
    [InlineData("aws")]
    [InlineData("aws/us/east")]
    [InlineData("")]
    [InlineData("aws/us east")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(LocationPattern.TryParse(text, out _));
}
