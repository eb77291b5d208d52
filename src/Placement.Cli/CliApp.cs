using System.CommandLine;
using Placement.Cli.Commands;
using Placement.Cli.Progress;
using Placement.Data;
using Placement.Planning;

namespace Placement.Cli;

/// <summary>
/// Builds and runs the <c>placement</c> command line. Exit codes: 0 success, 2 bad input (every problem
/// printed with file, line and field, or the option), 1 a run that failed, 70 an internal error
/// (one line; <c>PLACEMENT_DEBUG=1</c> lets the stack trace through).
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for bad input.</summary>
    public const int InputError = 2;

    /// <summary>Exit code for an unexpected failure (EX_SOFTWARE): a defect, reported in one line.</summary>
    public const int InternalError = 70;

    /// <summary>Runs one command line; output goes to the writers given (tests pass StringWriters).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool terminal) =>
        Run(args, output, error, terminal, Environment.GetEnvironmentVariable);

    /// <summary>Runs one command line reading settings (e.g. <c>PLACEMENT_CBC_LIBRARY</c>) from <paramref name="environment"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool terminal, Func<string, string?> environment)
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
        root.Subcommands.Add(PlanCommand.Create(console, pricing, SolverLibraries(environment)));
        root.Subcommands.Add(ExplainCommand.Create(console, pricing));
        root.Subcommands.Add(RunCommand.Create(console, pricing));
        root.Subcommands.Add(RunsCommand.Create(console));
        root.Subcommands.Add(ReconcileCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console, pricing));
        root.Subcommands.Add(WorkerCommand.Create(console, pricing));
        root.Subcommands.Add(RunStatusCommands.Status(console));
        root.Subcommands.Add(RunStatusCommands.Cancel(console));

        StageTimings.Mark("command line built");
        try
        {
            var parsed = root.Parse(args);
            StageTimings.Mark("command line parsed");

            // A command line that does not parse (unknown option, '--replicas abc') is bad input like any other:
            // one line per problem naming the option, not the whole help text.
            if (parsed.Errors.Count > 0)
            {
                foreach (var e in parsed.Errors)
                {
                    error.Write($"error: command line: {e.Message.TrimEnd('.')}.\n");
                }

                var name = parsed.CommandResult.Command == root ? "placement" : $"placement {parsed.CommandResult.Command.Name}";
                error.Write($"{parsed.Errors.Count} problem(s); nothing was written. '{name} --help' lists the options.\n");
                return InputError;
            }

            var exit = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            StageTimings.Mark("command done");
            return exit;
        }
        catch (Exception e) when (Unwrap(e) is InputException input)
        {
            foreach (var p in input.Problems)
            {
                error.Write($"error: {p}\n");
            }

            error.Write($"{input.Problems.Count} problem(s); nothing was written.\n");
            return InputError;
        }
        catch (Exception e) when (Unwrap(e) is SolverUnavailableException missing)
        {
            error.Write($"error: {missing.Message}\n");
            return InputError;
        }
        catch (Exception e) when (Unwrap(e) is BranchAndBoundException failed)
        {
            error.Write($"error: {failed.Message}\n");
            return InputError;
        }
        catch (Exception e) when (environment("PLACEMENT_DEBUG") != "1")
        {
            // The last resort: a defect, not bad input. One line; PLACEMENT_DEBUG=1 shows the stack trace.
            var inner = Unwrap(e);
            error.Write($"internal error: {inner.GetType().Name}: {inner.Message.Split('\n')[0].Trim()} (a bug in placement; set PLACEMENT_DEBUG=1 for details and report it)\n");
            return InternalError;
        }
    }

    /// <summary>
    /// Where the native solver libraries are loaded from: <c>PLACEMENT_CBC_LIBRARY</c> and <c>PLACEMENT_CLP_LIBRARY</c>
    /// (paths) when set, else the system's library search.
    /// </summary>
    public static Func<string, string?> SolverLibraries(Func<string, string?> environment) => name => name switch
    {
        Placement.Planning.Milp.NativeSolverLibraries.Cbc => environment("PLACEMENT_CBC_LIBRARY"),
        Placement.Planning.Milp.NativeSolverLibraries.Clp => environment("PLACEMENT_CLP_LIBRARY"),
        _ => null,
    };

    /// <summary>The exception that matters inside the wrappers async code and parallel loops put around it.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && e.InnerException is not null)
        {
            e = e.InnerException!;
        }

        return e;
    }
}
