using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Data.Plans;

namespace Placement.Data.Tests;

public class PlanJsonTests
{
    private static Plan VideoPlan()
    {
        var s = Workspace.LoadScenario(Repo.Scenario("video-pipeline.yaml"), Repo.Pricing);
        var model = new CostModel(WorkflowGraph.Build(s), Repo.Pricing);
        var a = new Dictionary<string, Candidate>
        {
            ["segment"] = new(Location.Parse("gcp/us-west1"), "gcp-video-intelligence-labels"),
            ["split"] = new(Location.Parse("gcp/us-west1"), "n2-standard-8"),
            ["detect"] = new(Location.Parse("aws/us-east-1"), "aws-rekognition-video-labels"),
            ["summarise"] = new(Location.Parse("openai/global"), "gpt-4o"),
        };
        return Plan.Create(model, a, new SolverReport("test", "optimal", 1m, 1m, 0, 0.5, new Dictionary<string, string> { ["k"] = "v" }));
    }

    [Fact]
    public void WriteThenRead_Plan_KeepsAssignmentIdentityAndSolver()
    {
        var plan = VideoPlan();
        var r = PlanJson.Read(PlanJson.Write(plan), "p.json");

        Assert.True(r.Ok);
        Assert.Equal(plan.ScenarioHash, r.Value!.ScenarioHash);
        Assert.Equal(plan.Assignment.OrderBy(p => p.Key), r.Value.Assignment.OrderBy(p => p.Key));
        Assert.Equal("optimal", r.Value.Solver.Status);
    }

    [Fact]
    public void Write_SamePlan_GivesSameBytes() => Assert.Equal(PlanJson.Write(VideoPlan()), PlanJson.Write(VideoPlan()));

    [Fact]
    public void Write_Plan_HasTheDocumentedFields()
    {
        var json = PlanJson.Write(VideoPlan());

        foreach (var field in new[] { "\"scenario\"", "\"hash\"", "\"storageHome\"", "\"transfers\"", "\"bytes\"", "\"usd\"", "\"compute\"", "\"services\"", "\"llm\"", "\"egress\"", "\"storage\"", "\"total\"", "\"solver\"" })
        {
            Assert.Contains(field, json);
        }
    }

    [Fact]
    public void Read_MalformedJson_NamesLine()
    {
        var r = PlanJson.Read("{\n  \"nodes\": [\n    {\"node\": \"a\",, }\n", "p.json");

        var p = Assert.Single(r.Problems);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void Read_NodeWithoutLocation_ReportsField()
    {
        var r = PlanJson.Read("""{"scenario": {"name": "x", "hash": ""}, "nodes": [{"node": "a", "sku": "b"}]}""", "p.json");

        Assert.Equal("nodes[0]", Assert.Single(r.Problems).Field);
    }

    [Fact]
    public void LoadPlan_OtherScenarioHash_IsRefused()
    {
        var plan = VideoPlan() with { ScenarioHash = new string('0', 64) };
        var path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, PlanJson.Write(plan));
        try
        {
            var s = Workspace.LoadScenario(Repo.Scenario("video-pipeline.yaml"), Repo.Pricing);
            var e = Assert.Throws<InputException>(() => Workspace.LoadPlan(path, new CostModel(WorkflowGraph.Build(s), Repo.Pricing)));
            Assert.Equal("scenario.hash", Assert.Single(e.Problems).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
