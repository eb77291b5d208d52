using Placement.Execution.Activities;
using Placement.Execution.Journal;
using Placement.Execution.Ports;

namespace Placement.Execution.Tests.Activities;

public class RecordsActivityTests
{
    [Fact]
    public void WriteFinal_OneCommit_TraceAndManifestNameItsUriAndHash()
    {
        using var kit = new ActivityKit("records");
        var (_, graph) = TestKit.Scenario(kit.Folder, Scenarios.Spread);
        var plan = TestKit.PlanFor(graph, Scenarios.SpreadPlacement);
        kit.Journal.CreateRun(new RunRow("r1", graph.Scenario.Name, graph.Scenario.ContentHash, "ph", "*=local", RunStatus.Running, DateTimeOffset.UnixEpoch, null));
        kit.Journal.TryCommit(new CommitRow("r1", "a", "r1/a", "aws/us-east-1", "aws/us-east-1", "k/a", "file:///bucket/a", 3000, "abc123", "ck", NodeCommitKind.Ran, 1, DateTimeOffset.UnixEpoch, 2, 0, 0));
        var folder = Path.Combine(kit.Folder, "run");
        var result = new RecordsActivity(kit.Journal, "*=local").WriteFinal(new RunRequest(graph, plan, kit.Folder), "r1", folder, RunStatus.Failed, ["b: boom"], 1.5, _ => 0);
        Assert.Equal(Path.Combine(folder, "trace.json"), result.TracePath);
        Assert.Equal("abc123", Assert.Single(result.Nodes).Sha256);
        var manifest = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        Assert.Contains("\"sha256\": \"abc123\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"failed\"", manifest, StringComparison.Ordinal);
        Assert.Contains("file:///bucket/a", File.ReadAllText(result.TracePath), StringComparison.Ordinal);
    }
}
