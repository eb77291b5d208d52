using System.Diagnostics;
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
    /// <summary>Relative tolerance under which a lazy row counts as met by the relaxation's solution.</summary>
    private const double ViolationTolerance = 1e-7;

    /// <summary>
    /// Runs until the certified bound reaches <paramref name="target"/> (objective without the constant), the LP is
    /// solved, or <paramref name="timeLimitSeconds"/> (wall clock) passes. With <paramref name="seed"/> (the column
    /// values of a known plan, <see cref="MilpModel.PointOf"/>), the lazy rows start out of the LP except those the
    /// seed violates, and join it when the relaxation's optimum violates them (row generation): the LP solved is then
    /// a relaxation of the full one with the same optimum, at a fraction of its size.
    /// </summary>
    /// <remarks>
    /// With a seed the deferred rows (<see cref="LinearModel.DeferNewRows"/>) start out too, and join all at once when
    /// the relaxation's optimum is one <paramref name="accepts"/> rejects (null: always).
    /// </remarks>
    public static LpBound Prove(LinearModel lp, double target, double? timeLimitSeconds, double[]? seed = null, Func<double[], bool>? accepts = null)
    {
        lock (CbcEngine.Gate)
        {
            return NativeSolverLibraries.Call(NativeSolverLibraries.Clp, () => ProveLocked(lp, target, timeLimitSeconds, seed, accepts));
        }
    }

    private static LpBound ProveLocked(LinearModel lp, double target, double? timeLimitSeconds, double[]? seed, Func<double[], bool>? accepts)
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
        var loaded = new List<int>(lp.Rows);
        var isLoaded = new bool[lp.Rows];
        for (var r = 0; r < lp.Rows; r++)
        {
            if (seed is null || (!lp.IsDeferred(r) && (!lp.IsLazy(r) || Violated(r, seed, rowStart, rowColumn, rowValue, rowLower))))
            {
                loaded.Add(r);
                isLoaded[r] = true;
            }
        }

        var model = ClpNative.Clp_newModel();
        try
        {
            var (colStart, index, value) = ColumnMajor(lp.Columns, loaded, rowStart, rowColumn, rowValue);
            var coin = lp.CoinBounds();
            ClpNative.Clp_loadProblem(model, lp.Columns, loaded.Count, colStart, index, value, coin.ColLower, coin.ColUpper, cost,
                loaded.Select(r => coin.RowLower[r]).ToArray(), loaded.Select(r => coin.RowUpper[r]).ToArray());
            ClpNative.Clp_setLogLevel(model, 0);
            ClpNative.Clp_setDualObjectiveLimit(model, target);
            var run = new ChunkedRun(model, clock, timeLimitSeconds);
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
                    return new LpBound(double.PositiveInfinity, true, run.Iterations, null, null, rounds, loaded.Count);
                }

                var clpPrices = new double[loaded.Count];
                Marshal.Copy(ClpNative.Clp_dualRowSolution(model), clpPrices, 0, loaded.Count);
                var prices = new double[lp.Rows];
                for (var i = 0; i < loaded.Count; i++)
                {
                    prices[loaded[i]] = clpPrices[i];
                }

                // The rows left out have price 0: the certificate holds for the full model all the same.
                var reduced = new double[lp.Columns];
                var certified = Certify(prices, rowStart, rowColumn, rowValue, lower, upper, cost, rowLower, rowUpper, reduced);
                if (certified > best)
                {
                    (best, bestReduced) = (certified, reduced);
                }

                if (best >= target)
                {
                    return new LpBound(best, false, run.Iterations, bestReduced, null, rounds, loaded.Count);
                }

                if (status == 0)
                {
                    var primal = new double[lp.Columns];
                    Marshal.Copy(ClpNative.Clp_primalColumnSolution(model), primal, 0, lp.Columns);
                    var violated = new List<int>();
                    for (var r = 0; r < lp.Rows; r++)
                    {
                        if (!isLoaded[r] && !lp.IsDeferred(r) && Violated(r, primal, rowStart, rowColumn, rowValue, rowLower))
                        {
                            violated.Add(r);
                        }
                    }

                    if (violated.Count == 0 && !deferredLoaded && seed is not null && lp.DeferredRows > 0 && !(accepts?.Invoke(primal) ?? false))
                    {
                        // The relaxation without the deferred rows rounds to no acceptable plan: they join, all of them.
                        deferredLoaded = true;
                        violated.AddRange(Enumerable.Range(0, lp.Rows).Where(r => !isLoaded[r] && lp.IsDeferred(r)));
                    }

                    if (violated.Count == 0 || run.OutOfTime)
                    {
                        return new LpBound(best, violated.Count == 0, run.Iterations, bestReduced, violated.Count == 0 ? primal : null, rounds, loaded.Count);
                    }

                    AddRows(model, violated, rowStart, rowColumn, rowValue, coin.RowLower, coin.RowUpper);
                    foreach (var r in violated)
                    {
                        loaded.Add(r);
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
                return new LpBound(best, false, run.Iterations, bestReduced, null, rounds, loaded.Count);
            }
        }
        finally
        {
            ClpNative.Clp_deleteModel(model);
        }
    }

    /// <summary>True when row <paramref name="r"/> (a lazy row: a lower bound only) is below its bound at <paramref name="point"/>, beyond the tolerance.</summary>
    private static bool Violated(int r, double[] point, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue, double[] rowLower)
    {
        var activity = 0.0;
        var scale = Math.Abs(rowLower[r]);
        for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
        {
            var term = rowValue[k] * point[rowColumn[k]];
            activity += term;
            scale = Math.Max(scale, Math.Abs(term));
        }

        return activity < rowLower[r] - (ViolationTolerance * Math.Max(1, scale));
    }

    private static (int[] Start, int[] Index, double[] Value) ColumnMajor(int columns, List<int> rows, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue)
    {
        var start = new int[columns + 1];
        foreach (var r in rows)
        {
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                start[rowColumn[k] + 1]++;
            }
        }

        for (var c = 0; c < columns; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        var index = new int[start[columns]];
        var value = new double[start[columns]];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                var at = fill[rowColumn[k]]++;
                index[at] = i;
                value[at] = rowValue[k];
            }
        }

        return (start, index, value);
    }

    private static void AddRows(IntPtr model, List<int> rows, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue, double[] coinLower, double[] coinUpper)
    {
        var starts = new int[rows.Count + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < rows.Count; i++)
        {
            for (var k = rowStart[rows[i]]; k < rowStart[rows[i] + 1]; k++)
            {
                columns.Add(rowColumn[k]);
                values.Add(rowValue[k]);
            }

            starts[i + 1] = columns.Count;
        }

        ClpNative.Clp_addRows(model, rows.Count, rows.Select(r => coinLower[r]).ToArray(), rows.Select(r => coinUpper[r]).ToArray(), starts, [.. columns], [.. values]);
    }

    /// <summary>
    /// CLP runs in chunks of iterations with the wall clock checked between them: its own time limit counts CPU
    /// seconds, which on a loaded machine fall far behind the wall clock that <c>--time-limit</c> promises.
    /// </summary>
    private sealed class ChunkedRun(IntPtr model, Stopwatch clock, double? limitSeconds)
    {
        /// <summary>Wall seconds one chunk aims at.</summary>
        private const double ChunkSeconds = 0.2;

        private int chunk = 500;

        /// <summary>Dual simplex iterations so far.</summary>
        public int Iterations { get; private set; }

        /// <summary>True when the wall-clock limit has passed.</summary>
        public bool OutOfTime => limitSeconds is { } l && clock.Elapsed.TotalSeconds >= l;

        /// <summary>Runs the dual simplex until it stops for another reason than the chunk's iteration limit, or time is out.</summary>
        public void Solve(bool initial)
        {
            var first = initial;
            while (true)
            {
                var began = clock.Elapsed.TotalSeconds;
                ClpNative.Clp_setMaximumIterations(model, limitSeconds is null ? int.MaxValue : chunk);
                _ = first ? ClpNative.Clp_initialDualSolve(model) : ClpNative.Clp_dual(model, 0);
                first = false;
                var done = ClpNative.Clp_numberIterations(model);
                Iterations += done;
                var stoppedOnIterations = ClpNative.Clp_status(model) == 3 && ClpNative.Clp_hitMaximumIterations(model) != 0;
                if (!stoppedOnIterations || OutOfTime)
                {
                    return;
                }

                var took = clock.Elapsed.TotalSeconds - began;
                chunk = (int)Math.Clamp(chunk * ChunkSeconds / Math.Max(took, 1e-3), 50, 1_000_000);
            }
        }
    }

    /// <summary>
    /// The weak-duality bound of row prices <paramref name="y"/> (see the remarks) for a model given row by row
    /// (<see cref="LinearModel.RowStarts"/>); fills the reduced costs. Rows priced 0 cost nothing to skip.
    /// </summary>
    internal static double Certify(double[] y, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue, double[] lower, double[] upper, double[] cost, double[] rowLower, double[] rowUpper, double[] reduced)
    {
        Array.Copy(cost, reduced, cost.Length);
        var bound = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var side = y[i] > 0 ? rowLower[i] : y[i] < 0 ? rowUpper[i] : 0;
            if (y[i] == 0 || double.IsInfinity(side))
            {
                continue;
            }

            bound += y[i] * side;
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                reduced[rowColumn[k]] -= rowValue[k] * y[i];
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
