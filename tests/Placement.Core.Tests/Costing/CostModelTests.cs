using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using static Placement.Testing.Fixtures;

namespace Placement.Core.Tests.Costing;

public class CostModelTests
{
    private static PlanCost Evaluate(Scenario s, Dictionary<string, Candidate> a) => ModelFor(s).Evaluate(a);

    private static Dictionary<string, Candidate> WorkedAssignment(string splitAt = "gcp/us-west1") => Assign(
        ("segment", "gcp/us-west1", "gcp-video-intelligence-labels"),
        ("split", splitAt, "n2-standard-8"),
        ("detect", "aws/us-east-1", "aws-rekognition-video-labels"),
        ("summarise", "openai/global", "gpt-4o"));

    [Fact]
    public void Evaluate_WorkedExampleSplitWithSegment_MatchesHandComputedDollars()
    {
        var cost = Evaluate(WorkedExample(), WorkedAssignment());

        // split next to segment: no transfer between them.
        Assert.DoesNotContain(cost.Transfers, t => t.Data == "segment");

        // split's 10e9 bytes leave GCP for AWS at GCP's internet rate, once: 10e9 / 2^30 GiB x $0.12 = $1.117587.
        var split = Assert.Single(cost.Transfers, t => t.Data == "split");
        Assert.Equal((L("gcp/us-west1"), L("aws/us-east-1"), EgressRule.Internet), (split.From, split.To, split.Rule));
        Assert.Equal(1.117587m, split.Usd);

        // summarise reads detect's 1e9 bytes from aws/us-east-1: AWS internet $0.09/GB = $0.09.
        Assert.Equal(0.09m, Assert.Single(cost.Transfers, t => t.Data == "detect").Usd);

        // summarise has no storage: its output goes back to detect's bucket at the API provider's rate, 0.
        var back = Assert.Single(cost.Transfers, t => t.Data == "summarise");
        Assert.True(back.IsRouteBack);
        Assert.Equal((L("openai/global"), L("aws/us-east-1"), 0m), (back.From, back.To, back.Usd));
        Assert.Equal(L("aws/us-east-1"), cost.Nodes.Single(n => n.Node == "summarise").StorageHome);

        // compute 2 h x $0.40; services 100 min x $0.10 twice; LLM 1M x $2.50/M + 100k x $10/M.
        Assert.Equal(0.80m, cost.Totals.ComputeUsd);
        Assert.Equal(20.00m, cost.Totals.ServicesUsd);
        Assert.Equal(3.50m, cost.Totals.LlmUsd);
        Assert.Equal(1.207587m, cost.Totals.EgressUsd);

        // storage, 1 month: segment 2e9/2^30 x 0.020 = 0.037253; split 10e9/2^30 x 0.020 = 0.186265;
        // detect 1 GB x 0.023; summarise 0.001 GB x 0.023; split staged at aws 10 GB x 0.023 = 0.23.
        Assert.Equal(0.037253m + 0.186265m + 0.023m + 0.000023m + 0.23m, cost.Totals.StorageUsd);
        Assert.Equal(25.984128m, cost.Totals.TotalUsd);
    }

    [Fact]
    public void Evaluate_WorkedExampleSplitInOtherGcpRegion_PaysOneInterRegionTransfer()
    {
        var cost = Evaluate(WorkedExample(), WorkedAssignment(splitAt: "gcp/us-east1"));

        // segment's 2e9 bytes: gcp inter-region from us-west1 ($0.01/GiB): 2e9 / 2^30 x 0.01 = $0.018626.
        var seg = Assert.Single(cost.Transfers, t => t.Data == "segment");
        Assert.Equal((L("gcp/us-west1"), L("gcp/us-east1"), EgressRule.InterRegion, 0.018626m), (seg.From, seg.To, seg.Rule, seg.Usd));
        Assert.Equal(0.76m, cost.Totals.ComputeUsd);
        Assert.Contains(cost.Storage, s => s is { Data: "segment", Copy: StorageCopy.Staged } && s.Location == L("gcp/us-east1"));
    }

    [Fact]
    public void Evaluate_TwoConsumersInOneRemoteRegion_PaysOneTransferOfTheLargerRead()
    {
        var s = Scenario(
            [Vm("produce", 10_000_000_000), Vm("a", 0), Vm("b", 0)],
            [new Edge("produce", "a", 4_000_000_000), new Edge("produce", "b", null)]);
        var cost = Evaluate(s, Assign(("produce", "gcp/us-west1", "n2-standard-8"), ("a", "aws/us-east-1", "m5.2xlarge"), ("b", "aws/us-east-1", "m5.2xlarge")));

        var t = Assert.Single(cost.Transfers);
        Assert.Equal(10_000_000_000, t.Bytes);
        Assert.Equal(["a", "b"], t.Consumers);
        Assert.Single(cost.Storage, x => x.Copy == StorageCopy.Staged);
    }

    [Fact]
    public void Evaluate_ConsumersInTwoRemoteRegions_PaysOneTransferPerRegion()
    {
        var s = Scenario([Vm("produce", 1_000_000_000), Vm("a", 0), Vm("b", 0)], [new Edge("produce", "a", null), new Edge("produce", "b", null)]);
        var cost = Evaluate(s, Assign(("produce", "aws/us-east-1", "m5.2xlarge"), ("a", "aws/us-east-2", "m5.2xlarge"), ("b", "aws/eu-west-1", "m5.2xlarge")));

        Assert.Equal([L("aws/eu-west-1"), L("aws/us-east-2")], cost.Transfers.Select(t => t.To).ToArray());
        Assert.Equal(0.02m + 0.01m, cost.Totals.EgressUsd);
    }

    [Fact]
    public void Evaluate_EveryNodeAtOneLocation_HasZeroEgress()
    {
        var s = Scenario([Vm("a", 5_000_000_000), Vm("b", 1_000_000), Vm("c", 0)], [new Edge("a", "b", null), new Edge("a", "c", null), new Edge("b", "c", null)]);
        var cost = Evaluate(s, Assign(("a", "aws/us-east-1", "m5.2xlarge"), ("b", "aws/us-east-1", "m5.2xlarge"), ("c", "aws/us-east-1", "m5.2xlarge")));

        Assert.Empty(cost.Transfers);
        Assert.Equal(0m, cost.Totals.EgressUsd);
    }

    [Fact]
    public void Evaluate_LlmWithSeveralParents_RoutesBackToTheParentWithMostBytes()
    {
        var s = Scenario(
            [Vm("small", 1_000_000), Vm("big", 3_000_000_000), Llm("ask", 500_000, 1000, 100)],
            [new Edge("small", "ask", null), new Edge("big", "ask", null)]);
        var cost = Evaluate(s, Assign(("small", "aws/us-east-1", "m5.2xlarge"), ("big", "gcp/us-west1", "n2-standard-8"), ("ask", "openai/global", "gpt-4o")));

        Assert.Equal(L("gcp/us-west1"), cost.Nodes.Single(n => n.Node == "ask").StorageHome);
        var back = Assert.Single(cost.Transfers, t => t.IsRouteBack);
        Assert.Equal((L("openai/global"), L("gcp/us-west1"), 500_000L), (back.From, back.To, back.Bytes));
    }

    [Fact]
    public void Evaluate_LlmWithEqualParents_RoutesBackToTheFirstDeclared()
    {
        var s = Scenario(
            [Vm("first", 1_000), Vm("second", 1_000), Llm("ask", 10, 1, 1)],
            [new Edge("second", "ask", null), new Edge("first", "ask", null)]);
        var cost = Evaluate(s, Assign(("first", "aws/us-east-1", "m5.2xlarge"), ("second", "gcp/us-west1", "n2-standard-8"), ("ask", "openai/global", "gpt-4o")));

        Assert.Equal(L("gcp/us-west1"), cost.Nodes.Single(n => n.Node == "ask").StorageHome);
    }

    [Fact]
    public void Evaluate_LlmWithStoreWith_RoutesBackToTheNamedParent()
    {
        var s = Scenario(
            [Vm("small", 1_000_000), Vm("big", 3_000_000_000), Llm("ask", 500_000, 1000, 100, storeWith: "small")],
            [new Edge("small", "ask", null), new Edge("big", "ask", null)]);
        var cost = Evaluate(s, Assign(("small", "aws/us-east-1", "m5.2xlarge"), ("big", "gcp/us-west1", "n2-standard-8"), ("ask", "openai/global", "gpt-4o")));

        Assert.Equal(L("aws/us-east-1"), cost.Nodes.Single(n => n.Node == "ask").StorageHome);
    }

    [Fact]
    public void Evaluate_ChainOfLlms_InheritsTheFirstStoringAncestorsHome()
    {
        var s = Scenario(
            [Vm("data", 1_000_000), Llm("draft", 10_000, 1, 1), Llm("polish", 10_000, 1, 1)],
            [new Edge("data", "draft", null), new Edge("draft", "polish", null)]);
        var cost = Evaluate(s, Assign(("data", "aws/eu-west-1", "m5.2xlarge"), ("draft", "openai/global", "gpt-4o"), ("polish", "openai/global", "gpt-4o")));

        Assert.All(cost.Nodes.Where(n => n.Node != "data"), n => Assert.Equal(L("aws/eu-west-1"), n.StorageHome));
        // polish reads draft from its home (aws/eu-west-1), not from the API: one read transfer, two route-backs.
        Assert.Single(cost.Transfers, t => t is { Data: "draft", IsRouteBack: false } && t.From == L("aws/eu-west-1"));
    }

    [Fact]
    public void Evaluate_ParentlessLlmWithDefaultStorage_StoresThere()
    {
        var s = Scenario([Llm("ask", 1_000, 10, 10)], [], defaultStorage: L("aws/us-east-2"));
        var cost = Evaluate(s, Assign(("ask", "openai/global", "gpt-4o")));

        Assert.Equal(L("aws/us-east-2"), cost.Nodes[0].StorageHome);
    }

    [Fact]
    public void Evaluate_ParentlessLlmWithoutDefaultStorage_IsAnError()
    {
        var s = Scenario([Llm("ask", 1_000, 10, 10)], []);
        var e = Assert.Throws<CostModelException>(() => Evaluate(s, Assign(("ask", "openai/global", "gpt-4o"))));

        Assert.Contains("storage.default", e.Message);
    }

    [Fact]
    public void Evaluate_LlmConsumerReadsDataset_StagesNothing()
    {
        var s = Scenario([Llm("ask", 1_000, 10, 10)], [new Edge("docs", "ask", null)],
            datasets: [new Dataset("docs", L("gcp/us-west1"), 2_000_000_000, [], null)]);
        var cost = Evaluate(s, Assign(("ask", "openai/global", "gpt-4o")));

        Assert.DoesNotContain(cost.Storage, x => x.Copy == StorageCopy.Staged);
        Assert.Contains(cost.Transfers, t => t.Data == "docs" && t.To == L("openai/global"));
    }

    [Fact]
    public void Evaluate_UnassignedNodeAndBadCandidate_ReportsEveryProblem()
    {
        var s = Scenario([Vm("a", 1), Vm("b", 1)], [new Edge("a", "b", null)]);
        var e = Assert.Throws<CostModelException>(() => Evaluate(s, Assign(("a", "aws/us-east-1", "n2-standard-8"))));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("node a") && p.Contains("not one of its candidates"));
        Assert.Contains(e.Problems, p => p.Contains("node b: not assigned"));
    }

    [Fact]
    public void Evaluate_RetentionMonths_ScaleStorage()
    {
        var one = Evaluate(Scenario([Vm("a", 1_000_000_000)], [], retention: 1), Assign(("a", "aws/us-east-1", "m5.2xlarge")));
        var three = Evaluate(Scenario([Vm("a", 1_000_000_000)], [], retention: 3), Assign(("a", "aws/us-east-1", "m5.2xlarge")));

        Assert.Equal(0.023m, one.Totals.StorageUsd);
        Assert.Equal(0.069m, three.Totals.StorageUsd);
    }

    [Fact]
    public void Evaluate_GpuRuntimeByGpuType_BeatsPlainRuntime()
    {
        var node = new WorkflowNode("train", new VmRequirement("A100", 8, [], 0, 0), Persistence.Native, CandidateRules.Any,
            WorkEstimate.None with { RuntimeHours = 10, RuntimeHoursByGpu = new Dictionary<string, decimal> { ["A100"] = 2 } },
            0, null, 2, null, false);
        var cost = Evaluate(Scenario([node], []), Assign(("train", "aws/us-east-1", "p4d.24xlarge")));

        // 2 h x $21.96/h x 2 instances.
        Assert.Equal(87.84m, cost.Totals.ComputeUsd);
    }
}
