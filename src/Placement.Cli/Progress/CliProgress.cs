using System.Globalization;

namespace Placement.Cli.Progress;

/// <summary>
/// Progress of long work (plan stages with incumbent and gap, import, Monte Carlo) as one line per stage on standard
/// error, with the seconds since the command started; only when standard error is a terminal (<see cref="Enabled"/>,
/// set by Program), so pipes, files and tests stay quiet.
/// </summary>
internal static class CliProgress
{
    /// <summary>True when progress lines are printed (standard error attached to a terminal).</summary>
    public static bool Enabled { get; set; }

    // Seconds on each line: since the type's first use, which is the entry point's first lines in the executable.
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Where the lines go (standard error).</summary>
    public static TextWriter Writer { get; set; } = TextWriter.Null;

    /// <summary>Prints "[  1.2 s] command: message" when enabled.</summary>
    public static void Report(string command, string message)
    {
        if (!Enabled)
        {
            return;
        }

        var seconds = Clock.Elapsed.TotalSeconds;
        Writer.Write($"[{seconds.ToString("0.0", CultureInfo.InvariantCulture),6} s] {command}: {message}\n");
        Writer.Flush();
    }
}
