using FsCheck;
using FsCheck.Fluent;
using Placement.Planning.Milp;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// Row generation in the LP bound stage (<see cref="LpBoundEngine"/> with a seed plan): the lazy rows start out of
/// the LP and join it when violated, so the LP solved must end with the full LP's optimum, never above the MILP
/// optimum (brute force), on seeded random small instances.
/// </summary>
public class RowGenerationProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(100);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Prove_SeededFromLocalSearch_SameLpOptimumAsTheFullLp(bool constraints)
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, constraints: constraints)) is not { } p)
            {
                return true;
            }

            var model = Built(p);
            var local = new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice!;
            var full = LpBoundEngine.Prove(model.Lp, double.MaxValue, null);
            var generated = LpBoundEngine.Prove(model.Lp, double.MaxValue, null, model.PointOf(local));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue ?? double.PositiveInfinity;
            var same = double.IsPositiveInfinity(full.Bound)
                ? double.IsPositiveInfinity(generated.Bound)
                : Math.Abs(full.Bound - generated.Bound) <= 1e-6 * Math.Max(1, Math.Abs(full.Bound));
            return full.LpOptimal && generated.LpOptimal && same
                && generated.Bound + model.Lp.ObjectiveConstant <= brute + 1e-6
                && generated.RowsLoaded <= generated.RowsUsed && generated.RowsUsed <= model.Lp.Rows;
        }).Check(Runs);
    }

    [Fact]
    public void Prove_SeededFromLocalSearch_LeavesRowsOut()
    {
        // Row generation must leave lazy rows out of the LP on some instances, or it is not running at all.
        var omitted = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 8));
            var model = Built(p);
            var local = new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice!;
            var generated = LpBoundEngine.Prove(model.Lp, double.MaxValue, null, model.PointOf(local));
            omitted += generated.RowsLoaded < model.Lp.Rows ? 1 : 0;
        }

        Assert.True(omitted >= 10, $"rows were left out on {omitted} of 40 instances");
    }

    [Fact]
    public void Prove_SeededFromLocalSearch_DropsSlackRows()
    {
        // Slack rows must leave the LP on some instances, or the purge is not running (the optimum property above says it
        // is harmless).
        var dropped = 0;
        for (var seed = 0; seed < 60; seed++)
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 8));
            var model = Built(p);
            var local = new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice!;
            dropped += LpBoundEngine.Prove(model.Lp, double.MaxValue, null, model.PointOf(local)).RowsDropped > 0 ? 1 : 0;
        }

        Assert.True(dropped >= 3, $"slack rows were dropped on {dropped} of 60 instances");
    }

    private static MilpModel Built(PlanningProblem p)
    {
        var model = new MilpModel(p, MilpFormulation.RateLevels);
        model.BuildCost();
        model.BuildConstraints();
        return model;
    }
}
