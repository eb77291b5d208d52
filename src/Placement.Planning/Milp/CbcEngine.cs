using System.Runtime.InteropServices;

namespace Placement.Planning.Milp;

/// <summary>The outcome of one CBC run, in engine-neutral terms.</summary>
/// <param name="Values">Column values of the best integer solution, or null when none was found.</param>
/// <param name="Objective">Its objective (without the model's constant).</param>
/// <param name="Bound">Best proven lower bound (without the constant).</param>
/// <param name="Optimal">Proven optimal.</param>
/// <param name="Infeasible">Proven infeasible.</param>
/// <param name="TimeLimitReached">Stopped by the time limit.</param>
internal sealed record MilpResult(double[]? Values, double Objective, double Bound, bool Optimal, bool Infeasible, bool TimeLimitReached);

/// <summary>Runs a <see cref="LinearModel"/> through COIN-OR CBC's C API. Single-threaded, so runs are deterministic.</summary>
internal static class CbcEngine
{
    // CBC 2.10 keeps process-wide state: concurrent solves (parallel test classes, say) corrupt each other
    // and return no solution. One solve at a time.
    internal static readonly Lock Gate = new();

    /// <summary>Solves; <paramref name="start"/> optionally fixes integer columns of a feasible plan to start from.</summary>
    public static MilpResult Solve(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start)
    {
        lock (Gate)
        {
            return NativeSolverLibraries.Call(NativeSolverLibraries.Cbc, () => SolveLocked(lp, timeLimitSeconds, relativeGap, start));
        }
    }

    private static MilpResult SolveLocked(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start)
    {
        var model = CbcNative.Cbc_newModel();
        try
        {
            var (colStart, index, value) = lp.ColumnMajor();
            var coin = lp.CoinBounds();
            CbcNative.Cbc_loadProblem(model, lp.Columns, lp.Rows, colStart, index, value, coin.ColLower, coin.ColUpper, lp.Objective, coin.RowLower, coin.RowUpper);
            foreach (var c in lp.IntegerColumns)
            {
                CbcNative.Cbc_setInteger(model, c);
            }

            CbcNative.Cbc_setLogLevel(model, 0);
            CbcNative.Cbc_setParameter(model, "threads", "1");

            // The time limit is wall-clock, as --time-limit promises (CBC counts CPU seconds by default).
            CbcNative.Cbc_setParameter(model, "timeMode", "elapsed");
            if (timeLimitSeconds is { } limit)
            {
                CbcNative.Cbc_setMaximumSeconds(model, limit);
            }

            CbcNative.Cbc_setAllowableFractionGap(model, relativeGap);
            if (start is { } s)
            {
                CbcNative.Cbc_setMIPStartI(model, s.Columns.Length, s.Columns, s.Values);
            }

            CbcNative.Cbc_solve(model);
            var best = CbcNative.Cbc_bestSolution(model);
            double[]? values = null;
            if (best != IntPtr.Zero)
            {
                values = new double[lp.Columns];
                Marshal.Copy(best, values, 0, lp.Columns);
            }

            return new MilpResult(
                values,
                CbcNative.Cbc_getObjValue(model),
                CbcNative.Cbc_getBestPossibleObjValue(model),
                CbcNative.Cbc_isProvenOptimal(model) != 0,
                CbcNative.Cbc_isProvenInfeasible(model) != 0,
                CbcNative.Cbc_isSecondsLimitReached(model) != 0);
        }
        finally
        {
            CbcNative.Cbc_deleteModel(model);
        }
    }
}
