using System.Text.Json.Nodes;
using Placement.Data;
using Placement.Execution.Records;

namespace Placement.Execution.Tests.Records;

/// <summary>Reconciliation over placement-trace/1 text (read with the Placement.Traces reader).</summary>
public class ReconciliationTests
{
    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    [Fact]
    public void Lines_NodeNotReached_MeasuredSideEmpty()
    {
        var trace = JsonNode.Parse(Golden("reconcile.trace.json"))!;
        var task = trace["workflow"]!["execution"]!["tasks"]!.AsArray().Single(t => (string?)t!["id"] == "summarise")!.AsObject();
        task.Remove("placement");
        task["runtimeInSeconds"] = 0;

        var lines = Reconciliation.Lines(Golden("reconcile.plan.json"), "plan.json", trace.ToJsonString(), "trace.json");

        var summarise = lines.Single(l => l.Kind == "node" && l.Name == "summarise");
        Assert.Null(summarise.MeasuredBytes);
        Assert.Null(summarise.MeasuredUsd);
        var detect = lines.Single(l => l.Kind == "node" && l.Name == "detect");
        Assert.Equal(152, detect.MeasuredBytes);
        Assert.Equal(12.0m, detect.MeasuredUsd);
    }

    [Fact]
    public void Lines_TraceWithoutPlacementExtension_NotARunTrace()
    {
        var trace = JsonNode.Parse(Golden("reconcile.trace.json"))!.AsObject();
        trace.Remove("placement");

        var e = Assert.Throws<InputException>(() => Reconciliation.Lines(Golden("reconcile.plan.json"), "plan.json", trace.ToJsonString(), "trace.json"));

        Assert.Contains(e.Problems, p => p.Field == "placement" && p.Message.Contains("not a run trace", StringComparison.Ordinal));
    }
}
