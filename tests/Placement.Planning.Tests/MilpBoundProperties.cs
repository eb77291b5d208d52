using FsCheck;
using FsCheck.Fluent;
using Placement.Planning.Milp;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The LP-bound stage of the MILP (a certified dual bound, LP rounding, reduced-cost fixing) and both egress
/// formulations, against brute force on seeded random small instances and against an LP with a known optimum.
/// </summary>
public class MilpBoundProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(100);

    [Theory]
    [InlineData(MilpFormulation.RateLevels)]
    [InlineData(MilpFormulation.BigM)]
    public void Solve_WarmStartedEitherFormulation_MatchesBruteForce(MilpFormulation formulation)
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            var milp = new MilpSolver(new LocalSearchSolver(), formulation).Solve(p, SolveOptions.Default);
            return milp.Status == "optimal" && Close(p.CostUsd(milp.Choice!), brute) && milp.LowerBound is { } lb && lb <= brute + 1e-6;
        }).Check(Runs);
    }

    [Fact]
    public void Solve_WithFivePercentGap_PlanWithinGapAndBoundBelowOptimum()
    {
        var options = SolveOptions.Default with { RelativeGap = 0.05 };
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            var milp = new MilpSolver(new LocalSearchSolver()).Solve(p, options);
            var cost = p.CostUsd(milp.Choice!);
            return milp.Status is "optimal" or "within-gap"
                && cost <= (brute * 1.05) + 1e-6
                && milp.LowerBound is { } lb && lb <= brute + 1e-6 && lb >= (cost * 0.95) - 1e-6;
        }).Check(Runs);
    }

    /// <summary>min x + 2y s.t. x + y &gt;= 1, x - y &lt;= 0.5, 0 &lt;= x, y &lt;= 1: optimum 1.25 at (0.75, 0.25), row prices (1.5, -0.5).</summary>
    private static LinearModel KnownLp()
    {
        var lp = new LinearModel();
        var x = lp.AddColumn(0, 1, 1, false);
        var y = lp.AddColumn(0, 1, 2, false);
        lp.AddRow([(x, 1.0), (y, 1.0)], 1, double.PositiveInfinity);
        lp.AddRow([(x, 1.0), (y, -1.0)], double.NegativeInfinity, 0.5);
        return lp;
    }

    private static double CertifyKnown(double[] prices, double[] reduced)
    {
        var lp = KnownLp();
        return LpBoundEngine.Certify(prices, lp.RowStarts, lp.RowColumns, lp.RowValues, lp.Lower, lp.Upper, lp.Objective, lp.RowLower, lp.RowUpper, reduced);
    }

    [Fact]
    public void Certify_OptimalPrices_GivesTheOptimum()
    {
        var reduced = new double[2];
        Assert.Equal(1.25, CertifyKnown([1.5, -0.5], reduced), 12);
        Assert.Equal([0.0, 0.0], reduced);
    }

    [Fact]
    public void Certify_AnyRowPrices_NeverExceedsTheOptimum()
    {
        Prop.ForAll(Gen.Choose(-4000, 4000).Two().ToArbitrary(), prices =>
        {
            var bound = CertifyKnown([prices.Item1 / 1000.0, prices.Item2 / 1000.0], new double[2]);
            return bound <= 1.25 + 1e-12;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Prove_KnownLp_CertifiesTheOptimumAndReturnsTheVertex()
    {
        var proof = LpBoundEngine.Prove(KnownLp(), double.MaxValue, null);
        Assert.True(proof.LpOptimal);
        Assert.Equal(1.25, proof.Bound, 9);
        Assert.NotNull(proof.Primal);
        Assert.Equal(0.75, proof.Primal![0], 9);
        Assert.Equal(0.25, proof.Primal[1], 9);
    }

    [Fact]
    public void Prove_InfeasibleLp_BoundIsInfinite()
    {
        var lp = KnownLp();
        lp.AddRow([(0, 1.0), (1, 1.0)], double.NegativeInfinity, 0.5);
        Assert.Equal(double.PositiveInfinity, LpBoundEngine.Prove(lp, double.MaxValue, null).Bound);
    }
}
