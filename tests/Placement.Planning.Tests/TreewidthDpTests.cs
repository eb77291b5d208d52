using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Model;
using Placement.Planning.Milp;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>The treewidth DP against brute force on several DAG shapes, its limits and refusals, and the auto rule.</summary>
public class TreewidthDpTests
{
    [Theory]
    [InlineData(Shape.Chain)]
    [InlineData(Shape.Tree)]
    [InlineData(Shape.SeriesParallel)]
    [InlineData(Shape.Layered)]
    public void Solve_ShapedInstances_CostEqualsBruteForceAndCostUsd(Shape shape)
    {
        var applied = 0;
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7, shape: shape));
            var dp = new TreewidthDpSolver();
            var brute = new BruteForceSolver();
            if (!dp.Applies(p, SolveOptions.Default) || !brute.Applies(p, SolveOptions.Default))
            {
                return true;
            }

            applied++;
            var best = brute.Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            var result = dp.Solve(p, SolveOptions.Default);
            return result.Status == "optimal" && Close(p.CostUsd(result.Choice!), best) && Close(result.ObjectiveValue!.Value, best);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
        Assert.True(applied > 100, $"the treewidth DP was checked on only {applied} of 150 {shape} instances");
    }

    [Fact]
    public void Solve_RandomDags_CostEqualsBruteForce()
    {
        // Any DAG of up to six nodes has small treewidth: fan-out, fan-in and shared datasets everywhere.
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 6));
            var result = new TreewidthDpSolver().Solve(p, SolveOptions.Default);
            var best = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            return Close(p.CostUsd(result.Choice!), best) && Close(result.ObjectiveValue!.Value, best);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Theory]
    [InlineData(Shape.SeriesParallel, 24)]
    [InlineData(Shape.Layered, 18)]
    [InlineData(Shape.Random, 10)]
    public void Solve_LargerInstances_CostEqualsTheMilp(Shape shape, int maxNodes)
    {
        // Beyond brute force: longer elimination orders with several messages per node, against the MILP.
        var applied = 0;
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes, shape: shape));
            var dp = new TreewidthDpSolver();
            if (!dp.Applies(p, SolveOptions.Default))
            {
                return true;
            }

            applied++;
            var milp = new MilpSolver().Solve(p, SolveOptions.Default);
            var result = dp.Solve(p, SolveOptions.Default);
            return milp.Status == "optimal" && Close(p.CostUsd(result.Choice!), p.CostUsd(milp.Choice!)) && Close(result.ObjectiveValue!.Value, p.CostUsd(result.Choice!));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
        Assert.True(applied > 20, $"the treewidth DP applied to only {applied} of 40 {shape} instances");
    }

    [Fact]
    public void Solve_SameInputTwice_SamePlan()
    {
        foreach (var shape in new[] { Shape.Random, Shape.SeriesParallel, Shape.Layered })
        {
            for (var seed = 0; seed < 20; seed++)
            {
                var s = RandomInstances.Scenario(seed, maxNodes: 9, shape: shape);
                var a = new TreewidthDpSolver().Solve(ProblemFor(s), SolveOptions.Default);
                var b = new TreewidthDpSolver().Solve(ProblemFor(s), SolveOptions.Default);
                Assert.Equal(a.Choice, b.Choice);
                Assert.Equal(a.ObjectiveValue, b.ObjectiveValue);
            }
        }
    }

    [Fact]
    public void Applies_ScenarioWideConstraint_RefusesNamingTheConstraints()
    {
        var s = RandomInstances.Scenario(3, maxNodes: 4, shape: Shape.Chain);
        s = s with { Constraints = ScenarioConstraints.None with { BudgetUsd = 1000m } };
        var p = ProblemFor(s);
        var dp = new TreewidthDpSolver();

        Assert.False(dp.Applies(p, SolveOptions.Default));
        Assert.Contains("scenario-wide constraints", dp.Estimate(p, SolveOptions.Default).Refusal, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => dp.Solve(p, SolveOptions.Default));
        Assert.Contains("treewidth-dp does not apply", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Applies_TimeObjective_Refuses()
    {
        var p = ProblemFor(RandomInstances.Scenario(5, maxNodes: 4, shape: Shape.Chain));
        var time = SolveOptions.Default with { Objective = PlanningObjective.Time };

        Assert.False(new TreewidthDpSolver().Applies(p, time));
        Assert.Contains("cost only", new TreewidthDpSolver().Estimate(p, time).Refusal, StringComparison.Ordinal);
    }

    private static PlanningProblem WideFanOut()
    {
        // One output read by 14 VMs: its transfers couple 15 nodes of several locations each (far above 4M entries).
        var nodes = new List<WorkflowNode> { Vm("src", 5_000_000_000) };
        var edges = new List<Edge>();
        for (var i = 0; i < 14; i++)
        {
            nodes.Add(Vm($"r{i}", 1_000_000));
            edges.Add(new Edge("src", $"r{i}", null));
        }

        return ProblemFor(Scenario(nodes, edges));
    }

    [Fact]
    public void Auto_WideFanOut_UsesTheMilp()
    {
        Assert.Equal("milp", SolverCatalog.Auto(WideFanOut(), SolveOptions.Default).Name);
    }

    [Fact]
    public void Applies_WideFanOut_RefusesAboveTheTableLimit()
    {
        var p = WideFanOut();
        var estimate = new TreewidthDpSolver().Estimate(p, SolveOptions.Default);

        Assert.False(estimate.Applies);
        Assert.Contains("a data item couples 15 nodes (src, r0, r1, r2 and 11 more)", estimate.Refusal, StringComparison.Ordinal);
        Assert.Contains("limit 4,000,000", estimate.Refusal, StringComparison.Ordinal);
        Assert.True(estimate.LargestTable > TreewidthDpSolver.MaxTableEntries);
        Assert.Throws<ArgumentException>(() => new TreewidthDpSolver().Solve(p, SolveOptions.Default));
    }

    [Fact]
    public void Auto_SeriesParallelScenario_PicksTheTreewidthDp()
    {
        // A fork into two branches and a join: not a tree (the fork's output has two readers), treewidth 2.
        var nodes = new[] { Vm("fork", 4_000_000_000), Vm("left", 1_000_000_000), Vm("right", 2_000_000_000), Vm("join", 100_000_000) };
        var edges = new[] { new Edge("fork", "left", null), new Edge("fork", "right", null), new Edge("left", "join", null), new Edge("right", "join", null) };
        var p = ProblemFor(Scenario(nodes, edges));

        Assert.False(new TreeDpSolver().Applies(p, SolveOptions.Default));
        Assert.Equal("treewidth-dp", SolverCatalog.Auto(p, SolveOptions.Default).Name);
        var plan = Planner.Solve(p, SolverCatalog.Auto(p, SolveOptions.Default), SolveOptions.Default);
        var best = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
        Assert.True(Close(p.CostUsd(p.Choice(plan.Assignment)!), best));
    }

    [Fact]
    public void Auto_TreeScenario_KeepsTheTreeDp()
    {
        var p = ProblemFor(RandomInstances.Scenario(11, maxNodes: 5, shape: Shape.Chain));

        Assert.Equal("dp", SolverCatalog.Auto(p, SolveOptions.Default).Name);
    }

    [Fact]
    public void Auto_ChainWithManySkusPerLocation_PicksTheTreewidthDpAndMatchesTheTreeDp()
    {
        // Ten more SKUs at every VM location, each faster and dearer (so none is dominated): the tree DP works
        // over all candidates, the treewidth DP over locations only, so it does less work and auto takes it.
        var c = Catalog;
        var extra = c.Skus.Where(k => k.GpuCount == 0)
            .SelectMany(k => Enumerable.Range(1, 10).Select(i => k with { Sku = $"{k.Sku}-v{i}", UsdPerHour = k.UsdPerHour * (1 + i) * (1 + (0.05m * i)) })).ToList();
        var catalog = new Placement.Core.Pricing.PricingCatalog(c.Regions, c.Skus.Concat(extra), c.Services, c.Llm, c.Storage, c.Egress, c.Links);
        var faster = extra.Select(k => k.Sku).Distinct().ToDictionary(k => k, k => 1m / (1 + int.Parse(k[(k.LastIndexOf('v') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        var nodes = Enumerable.Range(0, 6).Select(i => Vm($"n{i}", 1_000_000_000L * (i + 1)))
            .Select(n => n with { Work = n.Work with { RuntimeHoursBySku = faster } }).ToArray();
        var edges = Enumerable.Range(1, 5).Select(i => new Edge($"n{i - 1}", $"n{i}", null)).ToArray();
        var scenario = Scenario(nodes, edges);
        var p = PlanningProblem.Build(new Placement.Core.Costing.CostModel(Placement.Core.Model.WorkflowGraph.Build(scenario), catalog), new Placement.Core.Timing.NetworkModel(catalog));

        Assert.True(new TreeDpSolver().Applies(p, SolveOptions.Default));
        var (treeWork, widthWork) = (TreeDpSolver.Work(p), new TreewidthDpSolver().Estimate(p, SolveOptions.Default).Work);
        Assert.True(treeWork > SolverCatalog.TreewidthOperationCost * widthWork, $"tree DP {treeWork}, treewidth DP {widthWork}");
        Assert.Equal("treewidth-dp", SolverCatalog.Auto(p, SolveOptions.Default).Name);
        var tree = new TreeDpSolver().Solve(p, SolveOptions.Default).Choice!;
        var width = new TreewidthDpSolver().Solve(p, SolveOptions.Default).Choice!;
        Assert.True(Close(p.CostUsd(tree), p.CostUsd(width)));
    }

    [Fact]
    public void Create_TreewidthDpName_ReturnsTheSolver()
    {
        Assert.Contains("treewidth-dp", SolverCatalog.Names);
        // By name it runs through TierCertifiedSolver, which makes it exact for the bill when tiers can be crossed.
        var solver = Assert.IsType<TierCertifiedSolver>(SolverCatalog.Create("treewidth-dp"));
        Assert.IsType<TreewidthDpSolver>(solver.Inner);
    }
}
