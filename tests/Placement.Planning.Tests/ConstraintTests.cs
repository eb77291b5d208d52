using Placement.Core.Model;
using Placement.Planning.Milp;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>Each constraint honoured by the planner, and the exact message when it cannot be.</summary>
public class ConstraintTests
{
    private static Scenario With(Scenario s, ScenarioConstraints c) => s with { Constraints = c };

    private static ScenarioConstraints C(
        IReadOnlyList<IReadOnlyList<string>>? colocate = null,
        IReadOnlyList<IReadOnlyList<string>>? anti = null,
        Dictionary<Location, int>? caps = null,
        decimal? budget = null,
        decimal? deadline = null) =>
        new([], [], colocate ?? [], anti ?? [], caps ?? new Dictionary<Location, int>(), null, budget, deadline);

    private static Core.Plans.Plan Solve(Scenario s) => Planner.Solve(ProblemFor(s), new MilpSolver(new LocalSearchSolver()), SolveOptions.Default);

    private static Scenario Residency() => Scenario(
        [GpuVm("finetune", 1_000_000)],
        [new Edge("raw", "finetune", null)],
        [new Dataset("raw", L("aws/eu-west-1"), 5_000_000_000, [Geo.Eu], null)]);

    [Fact]
    public void Build_ResidencyAllowsNoGpu_NamesResidencyAndWhereTheSkuExists()
    {
        var e = Assert.Throws<PlanningException>(() => ProblemFor(Residency()));
        Assert.Equal(["node finetune: residency eu (dataset raw) allows no candidate: a 8x A100 VM exists only in aws/us-east-1, gcp/us-west1"], e.Conflicts);
    }

    [Fact]
    public void Solve_ResidencyOnDerivedData_KeepsEveryDescendantInTheGeo()
    {
        var s = Scenario(
            [Vm("prep", 4_000_000_000), Vm("train", 1_000_000)],
            [new Edge("raw", "prep", null), new Edge("prep", "train", null)],
            [new Dataset("raw", L("gcp/us-west1"), 5_000_000_000, [Geo.Eu], null)]);
        var plan = Solve(s);
        Assert.All(plan.Cost.Nodes, n => Assert.Contains(n.Location, new[] { L("aws/eu-west-1"), L("gcp/europe-west1") }));
        Assert.All(plan.Cost.Storage.Where(x => x.Data != "raw"), x => Assert.Contains(x.Location, new[] { L("aws/eu-west-1"), L("gcp/europe-west1") }));
    }

    [Fact]
    public void Build_ColocateWithNoCommonLocation_NamesTheGroupAndEachMembersLocations()
    {
        var s = With(Scenario([Service("a", "gcp-video-intelligence-labels", 1000, 10), Service("b", "aws-rekognition-video-labels", 1000, 10)], [new Edge("a", "b", null)]), C(colocate: [["a", "b"]]));
        var e = Assert.Throws<PlanningException>(() => ProblemFor(s));
        Assert.Equal(["colocate [a, b]: no location is a candidate of every member: a can run at gcp/us-east1, gcp/us-west1; b can run at aws/eu-west-1, aws/us-east-1"], e.Conflicts);
    }

    [Fact]
    public void Solve_Colocate_PutsTheGroupAtOneLocation()
    {
        // Alone, b would follow the 10 GB dataset to gcp/us-west1 and a would take the cheapest VM in gcp/us-east1.
        var s = With(
            Scenario([Vm("a", 1000, hours: 100), Vm("b", 1000)], [new Edge("d", "b", null)], [new Dataset("d", L("gcp/us-west1"), 10_000_000_000, [], null)]),
            C(colocate: [["a", "b"]]));
        var plan = Solve(s);
        Assert.Equal(plan.Assignment["a"].Location, plan.Assignment["b"].Location);
    }

    [Fact]
    public void Solve_AntiAffinity_SpreadsTheGroup()
    {
        var s = With(Scenario([Vm("a", 1000), Vm("b", 1000)], []), C(anti: [["a", "b"]]));
        var plan = Solve(s);
        Assert.NotEqual(plan.Assignment["a"].Location, plan.Assignment["b"].Location);
    }

    [Fact]
    public void Solve_GpuCapZeroAtCheapestRegion_MovesTheGpuNode()
    {
        var free = Solve(Scenario([GpuVm("train", 1000)], []));
        Assert.Equal(L("aws/us-east-1"), free.Assignment["train"].Location);
        var capped = Solve(With(Scenario([GpuVm("train", 1000)], []), C(caps: new() { [L("aws/us-east-1")] = 0 })));
        Assert.Equal(L("gcp/us-west1"), capped.Assignment["train"].Location);
    }

    [Fact]
    public void Solve_GpuCapsEverywhereTooLow_NamesTheCaps()
    {
        var s = With(Scenario([GpuVm("train", 1000)], []), C(caps: new() { [L("aws/us-east-1")] = 4, [L("gcp/us-west1")] = 0 }));
        var e = Assert.Throws<PlanningException>(() => ProblemFor(s));
        Assert.Equal(["node train: maxGpusPerLocation leaves no candidate: it needs 8 GPUs and the caps at aws/us-east-1 (4), gcp/us-west1 (0) are lower"], e.Conflicts);
    }

    [Fact]
    public void Solve_BudgetBelowCheapestPlan_SaysHowMuchIsNeeded()
    {
        var s = With(Scenario([Vm("a", 1000, hours: 10)], []), C(budget: 1m));
        var e = Assert.Throws<PlanningException>(() => Solve(s));
        Assert.Equal(["budget $1.00 is below the cheapest plan meeting the other constraints ($3.80)"], e.Conflicts);
    }

    [Fact]
    public void Solve_DeadlineBelowShortestMakespan_SaysTheShortest()
    {
        var s = With(Scenario([Vm("a", 1000, hours: 2), Vm("b", 1000, hours: 3)], [new Edge("a", "b", null)]), C(deadline: 4m));
        var e = Assert.Throws<PlanningException>(() => Solve(s));
        Assert.Equal(["deadline 4 h is below the shortest estimated makespan meeting the other constraints (5 h)"], e.Conflicts);
    }

    [Fact]
    public void Solve_DeadlineTighterThanCheapestSku_PicksTheFasterOne()
    {
        // p4d: 1 h x $21.96; a2: 0.9 h x $29.39 = $26.45. Cheapest is p4d; a 0.95 h deadline needs a2.
        var node = GpuVm("train", 1000) with
        {
            Work = WorkEstimate.None with { RuntimeHoursBySku = new Dictionary<string, decimal> { ["p4d.24xlarge"] = 1m, ["a2-highgpu-8g"] = 0.9m } },
        };
        Assert.Equal(L("aws/us-east-1"), Solve(Scenario([node], [])).Assignment["train"].Location);
        var p = ProblemFor(With(Scenario([node], []), C(deadline: 0.95m)));
        var plan = Planner.Solve(p, new MilpSolver(), SolveOptions.Default);
        Assert.Equal(L("gcp/us-west1"), plan.Assignment["train"].Location);
        Assert.True(p.MakespanHours(p.Choice(plan.Assignment)!) <= 0.95);
    }

    [Fact]
    public void Solve_PinnedNode_RunsAtThePin()
    {
        var pinned = Vm("a", 1000) with { Candidates = new CandidateRules([], [], L("aws/eu-west-1")) };
        var plan = Solve(Scenario([pinned], []));
        Assert.Equal(L("aws/eu-west-1"), plan.Assignment["a"].Location);
    }
}
