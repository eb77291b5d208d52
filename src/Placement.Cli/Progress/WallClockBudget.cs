using System.Diagnostics;

namespace Placement.Cli.Progress;

/// <summary>
/// The wall-clock budget of <c>plan --time-limit S</c>, counted from the command's start (the process start, so
/// runtime start-up, loading and the model build count too) to the plan file. The solver gets what is left after a
/// reserve for the stages that follow it (baselines, explanation, writing); the baselines get part of what is left
/// after the solve.
/// </summary>
internal sealed class WallClockBudget
{
    /// <summary>Share of the limit kept for the stages after the solve, at least (see <see cref="ReserveSeconds"/>).</summary>
    public const double ReserveShare = 0.1;

    // Set once by the executable's entry (CountFromProcessStart): the process's age at Main and the moment it was
    // taken. The first budget started afterwards counts from the process start, so runtime start-up, command-line
    // parsing and loading all count. Commands run in-process (tests, notebooks) count from their own Start instead: a
    // clock shared across commands would charge each one for every command before it.
    private static double ageAtEntry;
    private static long entryTimestamp;
    private static int entryCounted;
    private readonly double? limit;
    private readonly long origin;
    private readonly double before;

    private WallClockBudget(double? limit, long origin, double before) => (this.limit, this.origin, this.before) = (limit, origin, before);

    /// <summary>
    /// Called once by the executable's entry point, first thing: the next <see cref="Start"/> counts from the process
    /// start rather than from its own call.
    /// </summary>
    public static void CountFromProcessStart()
    {
        entryTimestamp = Stopwatch.GetTimestamp();
        ageAtEntry = ProcessAge();
        Volatile.Write(ref entryCounted, 1);
    }

    /// <summary>
    /// A budget of <paramref name="limit"/> seconds from the command's start (the process start for the first command
    /// after <see cref="CountFromProcessStart"/>, else now); null means unlimited.
    /// </summary>
    public static WallClockBudget Start(double? limit)
    {
        var now = Stopwatch.GetTimestamp();
        var before = Interlocked.Exchange(ref entryCounted, 0) == 1 ? ageAtEntry + Stopwatch.GetElapsedTime(entryTimestamp, now).TotalSeconds : 0;
        return new(limit, now, before);
    }

    /// <summary>Seconds since the command started.</summary>
    public double Elapsed => before + Stopwatch.GetElapsedTime(origin).TotalSeconds;

    /// <summary>Seconds left of the limit (at least a hundredth, so solvers still return a plan); null when unlimited.</summary>
    public double? Remaining => limit is { } l ? Math.Max(0.01, l - Elapsed) : null;

    /// <summary>Seconds kept for the stages after the solve, given the size of the problem (pairs = node candidates).</summary>
    public double ReserveSeconds(long pairs) => limit is { } l ? Math.Min(0.4 * l, (ReserveShare * l) + (2e-5 * pairs)) : 0;

    /// <summary>The solver's time limit: what is left minus the reserve; null when unlimited.</summary>
    public double? ForSolver(long pairs) => Remaining is { } r ? Math.Max(0.01, r - ReserveSeconds(pairs)) : null;

    /// <summary>
    /// The baselines' time limit: half of what is left once <paramref name="keepSeconds"/> are kept for the explanation
    /// (the rest for printing), at most <paramref name="cap"/>; 0 when nothing is left (the command ends by the limit,
    /// so the baselines are left out rather than run past it).
    /// </summary>
    public double ForBaselines(double cap, double keepSeconds = 0) => limit is { } l ? Math.Min(cap, Math.Max(0, (l - Elapsed - keepSeconds) / 2)) : cap;

    /// <summary>
    /// Seconds from now until the solve's result must be taken so the plan file is written by the limit: the limit less
    /// <see cref="PlanMarginSeconds"/>; null when unlimited. Negative when that moment has passed.
    /// </summary>
    public double? UntilPlanDue(long pairs) => limit is { } l ? l - PlanMarginSeconds(pairs) - Elapsed : null;

    /// <summary>
    /// The time kept after the plan is due to price, write and print it: 0.15 s plus 3 µs per node candidate, at most 10 %
    /// of the limit; 0 when unlimited (realistic 1,000, 40,118 candidates: pricing and writing 0.05 s, printing 0.04 s at
    /// load 9, with an abandoned CBC solve still taking a core).
    /// </summary>
    public double PlanMarginSeconds(long pairs) => limit is { } l ? Math.Min(0.1 * l, 0.15 + (3e-6 * pairs)) : 0;

    /// <summary>A budget of <paramref name="limit"/> seconds of which <paramref name="spentSeconds"/> are spent already (tests of the arithmetic).</summary>
    internal static WallClockBudget Spent(double? limit, double spentSeconds) => new(limit, Stopwatch.GetTimestamp(), spentSeconds);

    private static double ProcessAge()
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            var age = (DateTime.Now - self.StartTime).TotalSeconds;
            return age is > 0 and < 60 ? age : 0;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return 0;
        }
    }
}
