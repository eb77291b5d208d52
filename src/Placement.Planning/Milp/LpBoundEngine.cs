using System.Runtime.InteropServices;

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
    /// <summary>
    /// Runs until the certified bound reaches <paramref name="target"/> (objective without the constant), the LP is
    /// solved, or <paramref name="timeLimitSeconds"/> (wall clock, measured by CLP) passes.
    /// </summary>
    public static LpBound Prove(LinearModel lp, double target, double? timeLimitSeconds)
    {
        lock (CbcEngine.Gate)
        {
            return NativeSolverLibraries.Call(NativeSolverLibraries.Clp, () => ProveLocked(lp, target, timeLimitSeconds));
        }
    }

    private static LpBound ProveLocked(LinearModel lp, double target, double? timeLimitSeconds)
    {
        var (colStart, index, value) = lp.ColumnMajor();
        var lower = lp.Lower;
        var upper = lp.Upper;
        var cost = lp.Objective;
        var rowLower = lp.RowLower;
        var rowUpper = lp.RowUpper;
        var coin = lp.CoinBounds();
        var model = ClpNative.Clp_newModel();
        try
        {
            ClpNative.Clp_loadProblem(model, lp.Columns, lp.Rows, colStart, index, value, coin.ColLower, coin.ColUpper, cost, coin.RowLower, coin.RowUpper);
            ClpNative.Clp_setLogLevel(model, 0);
            if (timeLimitSeconds is { } limit)
            {
                ClpNative.Clp_setMaximumSeconds(model, limit);
            }

            ClpNative.Clp_setDualObjectiveLimit(model, target);
            ClpNative.Clp_initialDualSolve(model);
            var iterations = ClpNative.Clp_numberIterations(model);
            var prices = new double[lp.Rows];
            var best = double.NegativeInfinity;
            double[]? bestReduced = null;
            for (var pass = 0; pass < 2; pass++)
            {
                var status = ClpNative.Clp_status(model);
                var stoppedAtTarget = status == 1 && ClpNative.Clp_secondaryStatus(model) == 1;
                if (status == 1 && !stoppedAtTarget)
                {
                    // The relaxation is infeasible, so the MILP is: every target is met.
                    return new LpBound(double.PositiveInfinity, true, iterations, null);
                }

                Marshal.Copy(ClpNative.Clp_dualRowSolution(model), prices, 0, lp.Rows);
                var reduced = new double[lp.Columns];
                var certified = Certify(prices, colStart, index, value, lower, upper, cost, rowLower, rowUpper, reduced);
                if (certified > best)
                {
                    (best, bestReduced) = (certified, reduced);
                }

                if (status == 0 || best >= target || !stoppedAtTarget)
                {
                    double[]? primal = null;
                    if (status == 0)
                    {
                        primal = new double[lp.Columns];
                        Marshal.Copy(ClpNative.Clp_primalColumnSolution(model), primal, 0, lp.Columns);
                    }

                    return new LpBound(best, status == 0, iterations, bestReduced, primal);
                }

                // CLP's (perturbed) objective passed the target but the certificate did not: finish the LP.
                ClpNative.Clp_setDualObjectiveLimit(model, double.MaxValue);
                ClpNative.Clp_dual(model, 0);
                iterations += ClpNative.Clp_numberIterations(model);
            }

            return new LpBound(best, false, iterations, bestReduced);
        }
        finally
        {
            ClpNative.Clp_deleteModel(model);
        }
    }

    /// <summary>The weak-duality bound of row prices <paramref name="y"/> (see the remarks); fills the reduced costs.</summary>
    internal static double Certify(double[] y, int[] colStart, int[] index, double[] value, double[] lower, double[] upper, double[] cost, double[] rowLower, double[] rowUpper, double[] reduced)
    {
        var prices = new double[y.Length];
        var bound = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var side = y[i] > 0 ? rowLower[i] : y[i] < 0 ? rowUpper[i] : 0;
            if (double.IsInfinity(side))
            {
                continue;
            }

            prices[i] = y[i];
            bound += y[i] * side;
        }

        for (var j = 0; j < cost.Length; j++)
        {
            var d = cost[j];
            for (var k = colStart[j]; k < colStart[j + 1]; k++)
            {
                d -= value[k] * prices[index[k]];
            }

            reduced[j] = d;
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
