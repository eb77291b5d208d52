using System.Diagnostics;

namespace Placement.Planning.Milp;

/// <summary>
/// CLP runs in chunks of iterations with the wall clock checked between them: its own time limit counts CPU
/// seconds, which on a loaded machine fall far behind the wall clock that <c>--time-limit</c> promises.
/// </summary>
internal sealed class ClpChunkedRun(IntPtr model, Stopwatch clock, double? limitSeconds)
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
