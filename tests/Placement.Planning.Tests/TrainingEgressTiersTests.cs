using Placement.Cli;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Data;

namespace Placement.Planning.Tests;

/// <summary>
/// scenarios/training-egress-tiers.yaml with the repository's pricing data: a 20 TiB dataset in GCS read by one
/// 8xA100 training node that can run in gcp/us-central1 or aws/us-east-1. The first-tier model puts it in GCP;
/// the bill (GCP's internet tiers 0.12 / 0.11 / 0.08 per GiB) makes AWS cheaper.
/// </summary>
public class TrainingEgressTiersTests
{
    private static readonly string Path_ = Path.Combine(RepoPaths.Root, "scenarios", "training-egress-tiers.yaml");

    private static PlanningProblem Problem(decimal? budget = null)
    {
        var pricing = Workspace.LoadPricing(Workspace.FindPricingFolder(null, Path_));
        var scenario = Workspace.LoadScenario(Path_, pricing);
        scenario = scenario with { Constraints = scenario.Constraints with { BudgetUsd = budget } };
        return PlanningProblem.Build(new CostModel(WorkflowGraph.Build(scenario), pricing), new NetworkModel(pricing));
    }

    private static int[] At(PlanningProblem p, string location) =>
        [p.Nodes[0].Candidates.Select((c, i) => (c, i)).Single(x => x.c.Location == Location.Parse(location)).i];

    [Fact]
    public void Prices_FirstTierPrefersGcpButTheBillPrefersAws()
    {
        var p = Problem();
        var gcp = At(p, "gcp/us-central1");
        var aws = At(p, "aws/us-east-1");
        Assert.True(p.Meters.AnyCrossable);
        Assert.True(p.CostUsd(gcp) < p.CostUsd(aws));
        Assert.True(p.BilledCostUsd(aws) < p.BilledCostUsd(gcp));
        Assert.Equal(10_777.116469m, Plan(p, aws).Cost.Totals.TotalUsd);
        Assert.Equal(10_989.880123m, Plan(p, gcp).Cost.Totals.TotalUsd);
        Assert.Equal(1_955.840000m, Plan(p, aws).Cost.Totals.EgressUsd);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("milp")]
    [InlineData("brute-force")]
    [InlineData("dp")]
    [InlineData("treewidth-dp")]
    public void Plan_ExactSolvers_PlaceTrainingInAwsAtTheBilledOptimumWithBoundAndGapOnTheBill(string name)
    {
        var p = Problem();
        var solver = name == "auto" ? SolverCatalog.Auto(p, SolveOptions.Default) : SolverCatalog.Create(name)!;
        var plan = Planner.Solve(p, solver, SolveOptions.Default);
        Assert.Equal(Location.Parse("aws/us-east-1"), plan.Assignment["train"].Location);
        Assert.Equal("optimal", plan.Solver.Status);
        Assert.Equal(10_777.116469m, plan.Cost.Totals.TotalUsd);
        Assert.Equal(0, plan.Solver.Gap);
        Assert.InRange(plan.Solver.LowerBoundUsd!.Value, 10_777.115m, 10_777.116469m);
    }

    [Fact]
    public void Plan_Dp_CertifiedForTheBillByTheChordBound()
    {
        // The raw DP is exact for first-tier rates only and refuses; wrapped, its first-tier plan (GCP) and its chord
        // plan (AWS; the chord of 20 TiB is the bill itself) are compared, and the chord optimum proves AWS optimal.
        var p = Problem();
        Assert.False(new TreeDpSolver().Applies(p, SolveOptions.Default));
        Assert.Contains("gcp/us-central1 internet egress can reach 20480 GiB, past its volume tier at 1024 GiB", new TreewidthDpSolver().Estimate(p, SolveOptions.Default).Refusal, StringComparison.Ordinal);
        var auto = SolverCatalog.Auto(p, SolveOptions.Default);
        var outcome = auto.Solve(p, SolveOptions.Default);
        Assert.IsType<TierCertifiedSolver>(auto);
        Assert.Equal("optimal", outcome.Status);
        Assert.StartsWith("billed optimum certified", outcome.Notes["tiers"], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_BudgetBetweenTheBillAndTheFirstTierPrice_FindsTheAwsPlan()
    {
        // AWS is billed $10,777.12 but costs $11,278.88 at first-tier rates, GCP $10,989.88: only the bill fits $10,800
        // (before the planner checked budgets on the bill, this budget had no plan).
        var p = Problem(budget: 10_800m);
        var plan = Planner.Solve(p, SolverCatalog.Auto(p, SolveOptions.Default), SolveOptions.Default);
        Assert.Equal(Location.Parse("aws/us-east-1"), plan.Assignment["train"].Location);
        Assert.Equal(10_777.116469m, plan.Cost.Totals.TotalUsd);
    }

    [Fact]
    public void Plan_Cli_PrintsTheBoundOnTheBilledTotal()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter();
        Assert.Equal(0, CliApp.Run(["plan", Path_], output, error, terminal: false));
        var lines = output.ToString().Split('\n');
        Assert.Matches("^Plan for scenario training-egress-tiers, solver (dp|treewidth-dp) \\(optimal\\)$", lines[0]);
        Assert.StartsWith("objective cost: total $10777.12; proven lower bound $10777.12 on the billed total; gap 0.00%", lines[1], StringComparison.Ordinal);
    }

    private static Placement.Core.Plans.Plan Plan(PlanningProblem p, int[] choice) =>
        Planner.ToPlan(p, new BruteForceSolver(), new SolverOutcome(choice, "heuristic", p.BilledCostUsd(choice), null, new Dictionary<string, string>()));
}
