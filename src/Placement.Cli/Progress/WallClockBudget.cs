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

    // The process's age and a stopwatch, taken together: their sum is the time since the process started. (Taking
    // the age on first use but timing from Start counted the time in between twice: on a loaded machine, 8 s of a
    // 20 s limit at 1,000 nodes.) A process older than a minute (a test host running the CLI in-process) counts from
    // Start instead.
    private static readonly Stopwatch SinceFirstUse = Stopwatch.StartNew();
    private static readonly double AgeAtFirstUse = ProcessAge();
    private readonly double? limit;
    private readonly double ageAtStart;
    private readonly Stopwatch clock;

    private WallClockBudget(double? limit, double ageAtStart, Stopwatch clock)
    {
        this.limit = limit;
        this.ageAtStart = ageAtStart;
        this.clock = clock;
    }

    /// <summary>A budget of <paramref name="limit"/> seconds from the process start; null means unlimited.</summary>
    public static WallClockBudget Start(double? limit) => new(limit, ProcessAge(), Stopwatch.StartNew());

    /// <summary>Seconds since the process started (for progress lines; since first use in a process older than a minute).</summary>
    public static double SecondsSinceProcessStart => AgeAtFirstUse + SinceFirstUse.Elapsed.TotalSeconds;

    /// <summary>Seconds since the command (process) started.</summary>
    public double Elapsed => ageAtStart + clock.Elapsed.TotalSeconds;

    /// <summary>Seconds left of the limit (at least a hundredth, so solvers still return a plan); null when unlimited.</summary>
    public double? Remaining => limit is { } l ? Math.Max(0.01, l - Elapsed) : null;

    /// <summary>Seconds kept for the stages after the solve, given the size of the problem (pairs = node candidates).</summary>
    public double ReserveSeconds(long pairs) => limit is { } l ? Math.Min(0.4 * l, (ReserveShare * l) + (2e-5 * pairs)) : 0;

    /// <summary>The solver's time limit: what is left minus the reserve; null when unlimited.</summary>
    public double? ForSolver(long pairs) => Remaining is { } r ? Math.Max(0.01, r - ReserveSeconds(pairs)) : null;

    /// <summary>
    /// The baselines' time limit: half of what is left (the rest for explanation and writing), at most <paramref name="cap"/>,
    /// and at least <see cref="SlackSeconds"/> (the plan file is written by then: only the printed table waits).
    /// </summary>
    public double ForBaselines(double cap) => Remaining is { } r ? Math.Min(cap, Math.Max(SlackSeconds, r / 2)) : cap;

    /// <summary>
    /// What the stages after the plan file may use beyond the limit, at most: 5 % of the limit, at most half a second
    /// (the cheap baselines take milliseconds); 0 when unlimited.
    /// </summary>
    public double SlackSeconds => limit is { } l ? Math.Min(0.5, 0.05 * l) : 0;

    /// <summary>
    /// Seconds from now until the solve's result must be taken so the plan file is written by the limit: the limit less
    /// the time to price and write the plan (0.1 s plus 1 µs per node candidate, at most 10 % of the limit); null
    /// when unlimited. Negative when that moment has passed.
    /// </summary>
    public double? UntilPlanDue(long pairs) => limit is { } l ? l - Math.Min(0.1 * l, 0.1 + (1e-6 * pairs)) - Elapsed : null;

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
