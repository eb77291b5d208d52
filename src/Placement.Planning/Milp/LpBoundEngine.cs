using System.Diagnostics;

namespace Placement.Planning.Milp;

/// <summary>
/// Proves a lower bound on a <see cref="LinearModel"/>'s optimum from its LP relaxation, cheaply: COIN-OR CLP's
/// dual simplex (after presolve) runs until its objective passes a target (say 99% of a known plan's cost), and
/// the row prices it returns are turned into a bound that holds whatever CLP's internal state (perturbed costs,
/// tolerances), by weak duality.
/// </summary>
/// <remarks>
/// <para>The certificate, for row prices <c>y</c>: every feasible <c>x</c> has <c>c x = y A x + d x</c> with
/// <c>d = c - A' y</c>, and <c>y A x &gt;= sum_i min(y_i rl_i, y_i ru_i)</c>, <c>d x &gt;= sum_j min(d_j l_j, d_j u_j)</c>.
/// A price whose row side is infinite counts as zero, so every column needs finite bounds (the formulation
/// gives them) or there is no bound. This is the "safe dual bound" of Neumaier and Shcherbina (2004), without
/// directed rounding: the tolerances involved are far below a micro-dollar.</para>
/// <para>The dual simplex objective rises towards the LP optimum, so stopping at the target saves most of the
/// LP's work when the plan is already within the gap. The bound needs no integrality, so it bounds the MILP.</para>
/// </remarks>
internal static class LpBoundEngine
{
    /// <summary>Relative margin above its bound at which a loaded lazy row counts as slack (and leaves the LP).</summary>
    private const double SlackTolerance = 1e-6;

    /// <summary>
    /// Runs until the certified bound reaches <paramref name="target"/> (objective without the constant), the LP is
    /// solved, or <paramref name="timeLimitSeconds"/> (wall clock) passes. With <paramref name="seed"/> (the column
    /// values of a known plan, <see cref="MilpModel.PointOf"/>), the lazy rows start out of the LP except those the
    /// seed violates, and join it when the relaxation's optimum violates them (row generation): the LP solved is then
    /// a relaxation of the full one with the same optimum, at a fraction of its size.
    /// </summary>
    /// <remarks>
    /// With a seed the deferred rows (<see cref="LinearModel.DeferNewRows"/>) start out too, and join all at once when
    /// the relaxation's optimum is one <paramref name="accepts"/> rejects (null: always). The lazy rows the optimum
    /// violates are found through their trigger columns (<see cref="LazyRowScan"/>), and CLP holds only the columns
    /// the loaded rows use (<see cref="ClpRestrictedLp"/>; <paramref name="compactColumns"/> false loads them all, to
    /// compare).
    /// </remarks>
    public static LpBound Prove(LinearModel lp, double target, double? timeLimitSeconds, double[]? seed = null, Func<double[], bool>? accepts = null, bool compactColumns = true)
    {
        lock (CbcEngine.Gate)
        {
            return NativeSolverLibraries.Call(NativeSolverLibraries.Clp, () => ProveLocked(lp, target, timeLimitSeconds, seed, accepts, compactColumns));
        }
    }

    private static LpBound ProveLocked(LinearModel lp, double target, double? timeLimitSeconds, double[]? seed, Func<double[], bool>? accepts, bool compactColumns)
    {
        var clock = Stopwatch.StartNew();
        var rowStart = lp.RowStarts;
        var rowColumn = lp.RowColumns;
        var rowValue = lp.RowValues;
        var lower = lp.Lower;
        var upper = lp.Upper;
        var cost = lp.Objective;
        var rowLower = lp.RowLower;
        var rowUpper = lp.RowUpper;
        var initial = new List<int>(lp.Rows);
        var isLoaded = new bool[lp.Rows];
        for (var r = 0; r < lp.Rows; r++)
        {
            if (seed is null || (!lp.IsDeferred(r) && (!lp.IsLazy(r) || LazyRowScan.IsViolated(r, seed, rowStart, rowColumn, rowValue, rowLower))))
            {
                initial.Add(r);
                isLoaded[r] = true;
            }
        }

        var model = ClpNative.Clp_newModel();
        try
        {
            var restricted = new ClpRestrictedLp(lp, model, initial, compactColumns);
            var loaded = restricted.Rows;
            // Every lazy row is indexed, the seed's too: a row purged from the LP may be violated again later.
            var scan = seed is null ? null : new LazyRowScan(lp, Enumerable.Range(0, lp.Rows).Where(r => lp.IsLazy(r) && !lp.IsDeferred(r)), lower);
            var purgedAt = double.NegativeInfinity;
            var dropped = 0;
            var used = loaded.Count;
            var everLoaded = (bool[])isLoaded.Clone();
            ClpNative.Clp_setLogLevel(model, 0);

            // No scaling: the model's coefficients are in GB and USD per GB already. Measured on one machine, back to back:
            // real-200's LP stage 11,362 dual simplex iterations instead of 13,517 (CPU 1.78 s instead of 2.05 s), the hard
            // family's 200-node layered LP solved in 25 s instead of stopped at 28 s (0.9 ms an iteration instead of 3).
            ClpNative.Clp_scaling(model, 0);
            ClpNative.Clp_setDualObjectiveLimit(model, target);
            var run = new ClpChunkedRun(model, clock, timeLimitSeconds);
            run.Solve(initial: true);
            var best = double.NegativeInfinity;
            double[]? bestReduced = null;
            var rounds = 0;
            var finishing = false;
            var deferredLoaded = false;
            while (true)
            {
                var status = ClpNative.Clp_status(model);
                var stoppedAtTarget = status == 1 && ClpNative.Clp_secondaryStatus(model) == 1;
                if (status == 1 && !stoppedAtTarget)
                {
                    // The relaxation (of a relaxation) is infeasible, so the MILP is: every target is met.
                    return new LpBound(double.PositiveInfinity, true, run.Iterations, null, null, rounds, loaded.Count, dropped, used);
                }

                // The rows left out have price 0: the certificate holds for the full model all the same.
                var reduced = new double[lp.Columns];
                var certified = CertifyRows(loaded, restricted.Prices(), rowStart, rowColumn, rowValue, lower, upper, cost, rowLower, rowUpper, reduced);
                if (certified > best)
                {
                    (best, bestReduced) = (certified, reduced);
                }

                if (best >= target)
                {
                    return new LpBound(best, false, run.Iterations, bestReduced, null, rounds, loaded.Count, dropped, used);
                }

                if (status == 0)
                {
                    var primal = restricted.Primal();
                    var violated = scan?.Violated(primal, isLoaded) ?? [];
                    if (violated.Count == 0 && !deferredLoaded && seed is not null && lp.DeferredRows > 0 && !(accepts?.Invoke(primal) ?? false))
                    {
                        // The relaxation without the deferred rows rounds to no acceptable plan: they join, all of them.
                        deferredLoaded = true;
                        violated.AddRange(Enumerable.Range(0, lp.Rows).Where(r => !isLoaded[r] && lp.IsDeferred(r)));
                    }

                    if (violated.Count == 0 || run.OutOfTime)
                    {
                        return new LpBound(best, violated.Count == 0, run.Iterations, bestReduced, violated.Count == 0 ? primal : null, rounds, loaded.Count, dropped, used);
                    }

                    if (certified > purgedAt)
                    {
                        // The lazy rows the optimum leaves slack, unpriced, go before the violated ones join: dropping a
                        // row that does not bind keeps the point optimal, and the LP stays small (real-200: 7,600 rows
                        // at the end instead of 12,100, 9,500 dual simplex iterations instead of 11,400). Only after the
                        // bound rose since the last purge, so rows cannot cycle in and out at one objective value.
                        purgedAt = certified;
                        var slack = SlackLazyRows(lp, rowLower, loaded, restricted.Prices(), primal, isLoaded);
                        restricted.DeleteRows(slack);
                        dropped += slack.Count;
                    }

                    restricted.AddRows(violated);
                    foreach (var r in violated)
                    {
                        used += everLoaded[r] ? 0 : 1;
                        everLoaded[r] = true;
                        isLoaded[r] = true;
                    }

                    rounds++;
                    run.Solve(initial: false);
                    continue;
                }

                if (stoppedAtTarget && !finishing && !run.OutOfTime)
                {
                    // CLP's (perturbed) objective passed the target but the certificate did not: finish the LP.
                    finishing = true;
                    ClpNative.Clp_setDualObjectiveLimit(model, double.MaxValue);
                    run.Solve(initial: false);
                    continue;
                }

                // Stopped by the wall clock (or a second stop at the target): what is certified stands.
                return new LpBound(best, false, run.Iterations, bestReduced, null, rounds, loaded.Count, dropped, used);
            }
        }
        finally
        {
            ClpNative.Clp_deleteModel(model);
        }
    }

    /// <summary>
    /// The positions in <paramref name="loaded"/> (ascending) of the lazy rows priced 0 whose activity at
    /// <paramref name="point"/> is above their bound beyond the tolerance; marks them not loaded.
    /// </summary>
    private static List<int> SlackLazyRows(LinearModel lp, double[] rowLower, List<int> loaded, double[] prices, double[] point, bool[] isLoaded)
    {
        var rowStart = lp.RowStarts;
        var rowColumn = lp.RowColumns;
        var rowValue = lp.RowValues;
        var positions = new List<int>();
        for (var n = 0; n < loaded.Count; n++)
        {
            var r = loaded[n];
            if (!lp.IsLazy(r) || prices[n] != 0)
            {
                continue;
            }

            var activity = 0.0;
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                activity += rowValue[k] * point[rowColumn[k]];
            }

            if (activity > rowLower[r] + (SlackTolerance * Math.Max(1, Math.Abs(rowLower[r]))))
            {
                positions.Add(n);
                isLoaded[r] = false;
            }
        }

        return positions;
    }

    /// <summary>
    /// The weak-duality bound of row prices <paramref name="y"/> (see the remarks) for a model given row by row
    /// (<see cref="LinearModel.RowStarts"/>); fills the reduced costs. Rows priced 0 cost nothing to skip.
    /// </summary>
    internal static double Certify(double[] y, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue, double[] lower, double[] upper, double[] cost, double[] rowLower, double[] rowUpper, double[] reduced)
    {
        var rows = new List<int>();
        var prices = new List<double>();
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] != 0)
            {
                rows.Add(i);
                prices.Add(y[i]);
            }
        }

        return CertifyRows(rows, [.. prices], rowStart, rowColumn, rowValue, lower, upper, cost, rowLower, rowUpper, reduced);
    }

    /// <summary>
    /// <see cref="Certify"/> with prices given for listed rows only (<paramref name="prices"/> parallel to
    /// <paramref name="rows"/>; every other row priced 0): the LP stage's loaded rows, without a pass over the rest.
    /// </summary>
    internal static double CertifyRows(IReadOnlyList<int> rows, double[] prices, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue, double[] lower, double[] upper, double[] cost, double[] rowLower, double[] rowUpper, double[] reduced)
    {
        Array.Copy(cost, reduced, cost.Length);
        var bound = 0.0;
        for (var n = 0; n < rows.Count; n++)
        {
            var (i, y) = (rows[n], prices[n]);
            var side = y > 0 ? rowLower[i] : y < 0 ? rowUpper[i] : 0;
            if (y == 0 || double.IsInfinity(side))
            {
                continue;
            }

            bound += y * side;
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                reduced[rowColumn[k]] -= rowValue[k] * y;
            }
        }

        for (var j = 0; j < cost.Length; j++)
        {
            var d = reduced[j];
            var side = d > 0 ? lower[j] : d < 0 ? upper[j] : 0;
            if (double.IsInfinity(side))
            {
                return double.NegativeInfinity;
            }

            bound += d * side;
        }

        return bound;
    }
}
