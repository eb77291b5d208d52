using Placement.Cli;
using Placement.Cli.Progress;
using Placement.Planning.Milp;

// Progress of long work goes to standard error only when it is a terminal (CliProgress).
CliProgress.Enabled = !Console.IsErrorRedirected;
CliProgress.Writer = Console.Error;

NativeSolverLibraries.UsePaths(CliApp.SolverLibraries(Environment.GetEnvironmentVariable));
return CliApp.Run(args, Console.Out, Console.Error, terminal: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
