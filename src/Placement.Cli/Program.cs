using Placement.Cli;
using Placement.Cli.Progress;
using Placement.Planning.Milp;

// plan --time-limit counts from the process start (WallClockBudget).
WallClockBudget.CountFromProcessStart();

// PLACEMENT_TIMINGS=1: a stopwatch breakdown of the command on standard error (StageTimings).
if (Environment.GetEnvironmentVariable("PLACEMENT_TIMINGS") == "1")
{
    StageTimings.Start(Console.Error, (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds);
}

// Progress of long work goes to standard error only when it is a terminal (CliProgress).
CliProgress.Enabled = !Console.IsErrorRedirected;
CliProgress.Writer = Console.Error;

NativeSolverLibraries.UsePaths(CliApp.SolverLibraries(Environment.GetEnvironmentVariable));
StageTimings.Mark("console and solver paths");
var exitCode = CliApp.Run(args, Console.Out, Console.Error, terminal: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);

// plan --time-limit may leave a native solve running past the limit (BackgroundWork): end without waiting for it.
if (BackgroundWork.Abandoned)
{
    BackgroundWork.ExitNow(exitCode);
}

return exitCode;
