using System.Diagnostics;
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

    /// <summary>
    /// Waits at most <paramref name="seconds"/> for <see cref="Gate"/> to be free, polling; true when it was free at some
    /// point. Under a time limit a solve asks this before its native stages: a solve abandoned at its time limit in the
    /// same process (<c>plan --time-limit</c> run in-process by a notebook or a test host) keeps the gate until CBC
    /// returns, and waiting on it unbounded would block this solve past its own limit.
    /// </summary>
    public static bool WaitIdle(double seconds)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Gate.TryEnter())
            {
                Gate.Exit();
                return true;
            }

            if (clock.Elapsed.TotalSeconds >= seconds)
            {
                return false;
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>Solves; <paramref name="start"/> optionally fixes integer columns of a feasible plan to start from.</summary>
    public static MilpResult Solve(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start)
    {
        // The limit counts from this call: the wait for the gate and loading the model into CBC are taken off it.
        var clock = Stopwatch.StartNew();
        lock (Gate)
        {
            return NativeSolverLibraries.Call(NativeSolverLibraries.Cbc, () => SolveLocked(lp, timeLimitSeconds is { } l ? () => Math.Max(0.01, l - clock.Elapsed.TotalSeconds) : null, relativeGap, start));
        }
    }

    private static MilpResult SolveLocked(LinearModel lp, Func<double>? secondsLeft, double relativeGap, (int[] Columns, double[] Values)? start)
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
            CbcNative.Cbc_setAllowableFractionGap(model, relativeGap);
            if (start is { } s)
            {
                CbcNative.Cbc_setMIPStartI(model, s.Columns.Length, s.Columns, s.Values);
            }

            if (secondsLeft is not null)
            {
                // CBC 2.10.8 (Debian) segfaults in CglPreProcess::postProcess when its time limit stops the search (null
                // read at libCgl.so.1.10.3+0x95c75, kernel log): realistic-100-s1-unconstrained under plan --time-limit 9 to
                // 14 crashed in 9 of 16 runs, before and after session 7's changes, and took the test host down when run
                // in-process. Without CGL's preprocessing, 0 of 18 (docs/planner.md, "--time-limit, anytime plans").
                // Only time-limited solves: unlimited ones never stop at a limit and keep the preprocessing's speed.
                CbcNative.Cbc_setParameter(model, "preprocess", "off");

                // Set last, just before the solve, so the seconds spent loading the model (a second or more at 1,000
                // nodes) are not given to CBC again: CBC's clock starts inside Cbc_solve.
                CbcNative.Cbc_setMaximumSeconds(model, secondsLeft());
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
