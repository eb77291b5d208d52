using System.Diagnostics;
using System.Globalization;

namespace Placement.Cli.Progress;

/// <summary>
/// A stopwatch breakdown of one command for finding where its wall time goes: with <c>PLACEMENT_TIMINGS=1</c> each
/// <see cref="Mark"/> prints "timing: STAGE  ms-in-stage  ms-since-process-start  cpu-ms-in-stage" to standard error,
/// the first line giving the runtime's own start-up (process start to Main). The CPU column (user + system of every
/// thread, from <see cref="Environment.CpuUsage"/>) is what a loaded machine changes least, and it shows work done on
/// other threads (the trace read beside the scenario load). Off by default; output and exit code are unchanged.
/// </summary>
internal static class StageTimings
{
    private static readonly Stopwatch Clock = new();
    private static double last;

    private static double lastCpu;

    /// <summary>True when marks are printed (set by Program from <c>PLACEMENT_TIMINGS</c>).</summary>
    public static bool Enabled { get; private set; }

    private static TextWriter writer = TextWriter.Null;

    private static double startOffsetMs;

    /// <summary>Starts the clock in Main; <paramref name="sinceProcessStartMs"/> is the time the runtime took to reach Main.</summary>
    public static void Start(TextWriter error, double sinceProcessStartMs)
    {
        Enabled = true;
        writer = error;
        startOffsetMs = sinceProcessStartMs;
        Clock.Start();
        lastCpu = CpuMs();
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"timing: {"runtime start-up (process start to Main)",-40} {sinceProcessStartMs,8:0.0} {sinceProcessStartMs,8:0.0} {lastCpu,8:0.0}\n"));
    }

    /// <summary>Prints the time since the previous mark under <paramref name="stage"/> (nothing when disabled).</summary>
    public static void Mark(string stage)
    {
        if (!Enabled)
        {
            return;
        }

        var now = Clock.Elapsed.TotalMilliseconds;
        var cpu = CpuMs();
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"timing: {stage,-40} {now - last,8:0.0} {startOffsetMs + now,8:0.0} {cpu - lastCpu,8:0.0}\n"));
        writer.Flush();
        last = now;
        lastCpu = cpu;
    }

    private static double CpuMs() => Environment.CpuUsage.TotalTime.TotalMilliseconds;
}
