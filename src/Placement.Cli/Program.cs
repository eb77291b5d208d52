using Placement.Cli;

return CliApp.Run(args, Console.Out, Console.Error, terminal: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
