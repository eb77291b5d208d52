using System.Runtime.InteropServices;

namespace Placement.Execution.Handlers;

/// <summary>
/// Ends a whole process group (a command and everything it started) with SIGKILL. Commands run as the leader of
/// their own group (<c>setsid</c>), so the group id is the leader's pid.
/// </summary>
public static class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>Sends SIGKILL to every process of group <paramref name="pgid"/>; false when there is none (or not on Unix).</summary>
    public static bool Kill(int pgid)
    {
        if (pgid <= 1 || OperatingSystem.IsWindows())
        {
            return false;
        }

        return KillSyscall(-pgid, SigKill) == 0;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int KillSyscall(int pid, int signal);
}
