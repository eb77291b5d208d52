using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Placement.Cli.Progress;

/// <summary>
/// One piece of work (a solve, a baseline) on its own background thread, waited for until a wall-clock deadline:
/// <c>plan --time-limit</c> must write its plan file by the limit, and native solvers (CBC's root LP, its
/// preprocessing) cannot be interrupted. Work not done by then is <em>abandoned</em>: it runs on, its result is
/// dropped, and <see cref="BackgroundWork.ExitNow"/> ends the process without waiting for it.
/// </summary>
internal sealed class BackgroundWork<T>
{
    /// <summary>Stack of the worker thread: CBC recurses in its search; the main thread's 8 MB, with room.</summary>
    private const int StackBytes = 64 << 20;

    private readonly ManualResetEventSlim done = new();
    private T? result;
    private ExceptionDispatchInfo? error;

    /// <summary>Starts <paramref name="work"/> on a background thread named <paramref name="name"/>.</summary>
    public BackgroundWork(string name, Func<T> work)
    {
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    done.Set();
                }
            },
            StackBytes)
        { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Waits at most <paramref name="seconds"/> (null: until done); true when the work is done.</summary>
    public bool Wait(double? seconds) =>
        seconds is { } s ? done.Wait(TimeSpan.FromSeconds(Math.Clamp(s, 0, int.MaxValue / 1000.0))) : done.Wait(Timeout.Infinite);

    /// <summary>The work's result (rethrows its exception); only once <see cref="Wait"/> returned true.</summary>
    public T Result
    {
        get
        {
            error?.Throw();
            return result!;
        }
    }

    /// <summary>Marks this work as left running; the process must then end with <see cref="BackgroundWork.ExitNow"/>.</summary>
    public void Abandon() => BackgroundWork.Abandoned = true;
}

/// <summary>Process-wide state of <see cref="BackgroundWork{T}"/>.</summary>
internal static class BackgroundWork
{
    /// <summary>True once some work was abandoned (still running, possibly inside a native solver).</summary>
    public static bool Abandoned { get; set; }

    /// <summary>
    /// Ends the process with <paramref name="exitCode"/> at once, output flushed: a native solver still running on an
    /// abandoned thread would otherwise race the C++ static destructors that a normal exit runs.
    /// </summary>
    public static void ExitNow(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            ImmediateExit(exitCode);
        }

        Environment.Exit(exitCode);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ImmediateExit(int status);
}
