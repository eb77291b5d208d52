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

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public void Read_Bytes_SameAsTheText(string mark)
    {
        var text = PlanJson.Write(VideoPlan());
        var fromText = PlanJson.Read(text, "p.json").Value!;

        var fromBytes = PlanJson.Read(System.Text.Encoding.UTF8.GetBytes(mark + text), "p.json");

        Assert.True(fromBytes.Ok, string.Join("\n", fromBytes.Problems));
        Assert.Equal(fromText.ScenarioHash, fromBytes.Value!.ScenarioHash);
        Assert.Equal(fromText.Assignment.OrderBy(p => p.Key), fromBytes.Value.Assignment.OrderBy(p => p.Key));
        Assert.Equal(fromText.Solver.Notes, fromBytes.Value.Solver.Notes);
    }

    [Fact]
    public void Read_MalformedBytes_SameProblemAsTheText()
    {
        const string text = "{\n  \"nodes\": [\n    {\"node\": \"a\",, }\n";

        Assert.Equal(PlanJson.Read(text, "p.json").Problems, PlanJson.Read(System.Text.Encoding.UTF8.GetBytes(text), "p.json").Problems);
    }

    [Fact]
    public void Utf8Input_ByteOrderMarksAndInvalidBytes_DecideBetweenInPlaceAndTheDecoder()
    {
        byte[] plain = [(byte)'{', (byte)'}'];

        Assert.Equal(plain, Utf8Input.Direct(plain)!.Value.ToArray());
        Assert.Equal(plain, Utf8Input.Direct(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' })!.Value.ToArray());
        Assert.Null(Utf8Input.Direct(new byte[] { 0xFF, 0xFE, (byte)'{', 0 }));
        Assert.Null(Utf8Input.Direct(new byte[] { 0xFE, 0xFF, 0, (byte)'{' }));
        Assert.Null(Utf8Input.Direct(new byte[] { (byte)'"', 0xC3, (byte)'"' }));
        Assert.Equal("\"\uFFFD\"", Utf8Input.Decode(new byte[] { (byte)'"', 0xC3, (byte)'"' }));
        Assert.Equal("{", Utf8Input.Decode(new byte[] { 0xFF, 0xFE, (byte)'{', 0 }));
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
