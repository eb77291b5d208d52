using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Data;
using Placement.Planning.Milp;

namespace Placement.Planning.Tests;

/// <summary>The equal-cost post-pass: cost unchanged to the micro-dollar, makespan never longer, constraints kept.</summary>
public class TieBreakerTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(120);

    private static PlanningProblem? TryProblem(Scenario s)
    {
        try
        {
            return PlanningFixtures.ProblemFor(s);
        }
        catch (PlanningException)
        {
            return null;
        }
    }

    private static decimal Exact(PlanningProblem p, int[] choice) => p.Model.Evaluate(p.Assignment(choice)).Totals.TotalUsd;

    [Fact]
    public void PreferShorterMakespan_OptimalPlans_KeepsExactCostAndConstraintsNeverLengthensMakespan()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, constraints: seed % 2 == 0)) is not { } p)
            {
                return true;
            }

            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            if (brute.Choice is not { } start)
            {
                return true;
            }

            var (after, moves) = TieBreaker.PreferShorterMakespan(p, start);
            var (again, movesAgain) = TieBreaker.PreferShorterMakespan(p, after);
            return Exact(p, after) == Exact(p, start)
                && p.IsFeasible(after)
                && (moves == 0 ? after.SequenceEqual(start) : p.MakespanHours(after) < p.MakespanHours(start))
                && movesAgain == 0 && again.SequenceEqual(after);
        }).Check(Runs);
    }

    [Fact]
    public void PreferShorterMakespan_RandomFeasiblePlans_KeepsExactCostNeverLengthensMakespan()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, maxNodes: 7, constraints: seed % 2 == 0)) is not { } p)
            {
                return true;
            }

            var rng = new Random(pick);
            var start = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            if (!p.IsFeasible(start))
            {
                return true;
            }

            var (after, _) = TieBreaker.PreferShorterMakespan(p, start);
            return Exact(p, after) == Exact(p, start) && p.IsFeasible(after) && p.MakespanHours(after) <= p.MakespanHours(start);
        }).Check(Runs);
    }

    [Fact]
    public void Solve_VideoPipeline_PutsDetectInAUsRegionAtTheSameCost()
    {
        var path = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var pricing = Workspace.LoadPricing(Workspace.FindPricingFolder(null, path));
        var model = new CostModel(WorkflowGraph.Build(Workspace.LoadScenario(path, pricing)), pricing);
        var problem = PlanningProblem.Build(model, new NetworkModel(pricing));
        var solver = SolverCatalog.Auto(problem, SolveOptions.Default);

        var plan = Planner.Solve(problem, solver, SolveOptions.Default);
        var raw = solver.Solve(problem, SolveOptions.Default);
        var untouched = Planner.ToPlan(problem, solver, raw);

        Assert.StartsWith("aws/us-", plan.Assignment["detect"].Location.ToString(), StringComparison.Ordinal);
        Assert.Equal(untouched.Cost.Totals.TotalUsd, plan.Cost.Totals.TotalUsd);
        Assert.Equal("makespan", plan.Solver.Notes["tieBreak"]);
        Assert.Equal(untouched.Solver.Status, plan.Solver.Status);
        Assert.Equal(untouched.Solver.LowerBoundUsd, plan.Solver.LowerBoundUsd);
        Assert.True(problem.MakespanHours(problem.Choice(plan.Assignment)!) < problem.MakespanHours(raw.Choice!));
    }

    [Fact]
    public void BruteForce_TimeObjective_CostMatchesTheMilpLexicographicOptimum()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = PlanningFixtures.ProblemFor(RandomInstances.Scenario(seed, maxNodes: 4));
            var time = new SolveOptions(PlanningObjective.Time);
            var brute = new BruteForceSolver().Solve(p, time).Choice!;
            var milp = new MilpSolver().Solve(p, time).Choice!;
            return Math.Abs(p.MakespanHours(brute) - p.MakespanHours(milp)) <= 1e-5
                && Math.Abs(p.CostUsd(brute) - p.CostUsd(milp)) <= 1e-6 * Math.Max(1, p.CostUsd(brute));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }
}
