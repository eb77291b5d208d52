using Placement.Cli;
using Placement.Planning.Milp;

NativeSolverLibraries.UsePaths(CliApp.SolverLibraries(Environment.GetEnvironmentVariable));
return CliApp.Run(args, Console.Out, Console.Error, terminal: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
