using FsCheck;
using FsCheck.Fluent;
using Placement.Planning.Milp;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The LP stage's row generation machinery on seeded random small instances: the indexed violation scan
/// (<see cref="LazyRowScan"/>) finds exactly the rows a scan of every row finds, and CLP holding only the columns
/// the loaded rows use (<see cref="ClpRestrictedLp"/>) proves the same bound as CLP holding every column.
/// </summary>
public class LazyRowScanProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(100);

    [Fact]
    public void Violated_RandomPointsWithinBounds_SameRowsAsAScanOfEveryRow()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, maxNodes: 6, constraints: true)) is not { } p)
            {
                return true;
            }

            var lp = Built(p).Lp;
            var lazy = Enumerable.Range(0, lp.Rows).Where(lp.IsLazy).ToList();
            var skip = new bool[lp.Rows];
            var rng = new Random(seed);
            foreach (var r in lazy.Where(_ => rng.Next(4) == 0))
            {
                skip[r] = true;
            }

            var scan = new LazyRowScan(lp, lazy, lp.Lower);
            var (lower, upper) = (lp.Lower, lp.Upper);
            for (var trial = 0; trial < 3; trial++)
            {
                // Most columns at 0, as in an LP optimum; the rest anywhere within their bounds.
                var point = new double[lp.Columns];
                for (var c = 0; c < point.Length; c++)
                {
                    var top = Math.Min(upper[c], lower[c] + 2);
                    point[c] = rng.Next(3) == 0 ? lower[c] + (rng.NextDouble() * (top - lower[c])) : Math.Clamp(0, lower[c], upper[c]);
                }

                var expected = lazy.Where(r => !skip[r] && LazyRowScan.IsViolated(r, point, lp.RowStarts, lp.RowColumns, lp.RowValues, lp.RowLower)).ToList();
                if (!expected.SequenceEqual(scan.Violated(point, skip)))
                {
                    return false;
                }
            }

            return true;
        }).Check(Runs);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Prove_CompactColumns_SameBoundAsEveryColumnLoaded(bool constraints)
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, constraints: constraints)) is not { } p)
            {
                return true;
            }

            var model = Built(p);
            var local = new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice!;
            var every = LpBoundEngine.Prove(model.Lp, double.MaxValue, null, model.PointOf(local), compactColumns: false);
            var compact = LpBoundEngine.Prove(model.Lp, double.MaxValue, null, model.PointOf(local));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue ?? double.PositiveInfinity;
            var same = double.IsPositiveInfinity(every.Bound)
                ? double.IsPositiveInfinity(compact.Bound)
                : Math.Abs(every.Bound - compact.Bound) <= 1e-6 * Math.Max(1, Math.Abs(every.Bound));
            return every.LpOptimal && compact.LpOptimal && same && compact.Bound + model.Lp.ObjectiveConstant <= brute + 1e-6;
        }).Check(Runs);
    }

    private static MilpModel Built(PlanningProblem p)
    {
        var model = new MilpModel(p, MilpFormulation.RateLevels);
        model.BuildCost();
        model.BuildConstraints();
        return model;
    }
}
