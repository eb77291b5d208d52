using System.CommandLine;
using Placement.Cli.Commands;
using Placement.Data;

namespace Placement.Cli;

/// <summary>
/// Builds and runs the <c>placement</c> command line. Exit codes: 0 success, 2 bad input (every problem
/// printed with file, line and field), 1 an unexpected failure.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for bad input.</summary>
    public const int InputError = 2;

    /// <summary>Runs one command line; output goes to the writers given (tests pass StringWriters).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool terminal)
    {
        var console = new CliConsole(output, error, terminal);
        var pricing = new Option<string?>("--pricing") { Description = "Folder of pricing CSV files (default: ./pricing-data found upwards)", Recursive = true };
        var root = new RootCommand("Placement: plan, price and simulate multi-cloud workflow DAGs.");
        root.Options.Add(pricing);
        root.Subcommands.Add(ValidateCommand.Create(console, pricing));
        root.Subcommands.Add(CostCommand.Create(console, pricing));
        root.Subcommands.Add(SimulateCommand.Create(console, pricing));
        root.Subcommands.Add(CompareCommand.Create(console, pricing));
        root.Subcommands.Add(ImportWfCommonsCommand.Create(console, pricing));
        root.Subcommands.Add(PlanCommand.Create(console, pricing));
        root.Subcommands.Add(ExplainCommand.Create(console, pricing));
        root.Subcommands.Add(RunCommand.Create(console, pricing));
        root.Subcommands.Add(RunsCommand.Create(console));
        root.Subcommands.Add(ReconcileCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console, pricing));
        root.Subcommands.Add(WorkerCommand.Create(console, pricing));
        root.Subcommands.Add(RunStatusCommands.Status(console));
        root.Subcommands.Add(RunStatusCommands.Cancel(console));

        try
        {
            var parsed = root.Parse(args);
            var exit = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });

            // A command line that does not parse (unknown option, '--replicas abc') is bad input like any other.
            return parsed.Errors.Count > 0 && exit != 0 ? InputError : exit;
        }
        catch (InputException e)
        {
            foreach (var p in e.Problems)
            {
                error.Write($"error: {p}\n");
            }

            error.Write($"{e.Problems.Count} problem(s); nothing was written.\n");
            return InputError;
        }
    }
}
