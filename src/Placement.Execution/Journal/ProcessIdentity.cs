using System.Globalization;

namespace Placement.Execution.Journal;

/// <summary>
/// A process told apart from any later process that reuses its pid: the pid plus its start time in clock ticks
/// since boot (field 22 of <c>/proc/PID/stat</c>). Linux only (elsewhere the start time is empty and a pid is taken
/// as alive while it exists).
/// </summary>
public static class ProcessIdentity
{
    /// <summary>This process's start time.</summary>
    public static string SelfStart { get; } = StartOf(Environment.ProcessId) ?? "";

    /// <summary>The start time of a live process, or null when there is none with that pid.</summary>
    public static string? StartOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

            // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return OperatingSystem.IsLinux() ? null : ExistsElsewhere(pid);
        }
    }

    /// <summary>True when the process with that pid is still the one that started at <paramref name="start"/>.</summary>
    public static bool IsAlive(int pid, string start) => pid > 0 && StartOf(pid) is { } now && now == start;

    private static string? ExistsElsewhere(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return p.HasExited ? null : "";
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
