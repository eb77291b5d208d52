using System.CommandLine;
using Placement.Execution.Temporal.Client;

namespace Placement.Cli.Commands;

/// <summary><c>placement status RUN_ID</c> and <c>placement cancel RUN_ID</c> for runs on Temporal.</summary>
internal static class RunStatusCommands
{
    public static Command Status(CliConsole console)
    {
        var runId = new Argument<string>("run-id") { Description = "Run id (the workflow id)" };
        var temporal = new TemporalCli();
        var command = new Command("status", "Show a Temporal run's state and progress.");
        command.Arguments.Add(runId);
        temporal.AddTo(command);
        command.SetAction((parse, _) => TemporalCli.Guard(console, async () =>
        {
            var client = await TemporalConnector.ConnectAsync(temporal.Settings(parse)).ConfigureAwait(false);
            var id = parse.GetRequiredValue(runId);
            try
            {
                var (status, progress) = await new TemporalRunClient(client).StatusAsync(id).ConfigureAwait(false);
                console.Line($"Run {id}: {status.ToString().ToLowerInvariant()}");
                if (progress is not null)
                {
                    console.Line(TemporalRun.Describe(progress));
                }

                return 0;
            }
            catch (Temporalio.Exceptions.RpcException e) when (e.Code == Temporalio.Exceptions.RpcException.StatusCode.NotFound)
            {
                console.Error.Write($"error: no run {id} on Temporal ({e.Message})\n");
                return CliApp.InputError;
            }
        }));
        return command;
    }

    public static Command Cancel(CliConsole console)
    {
        var runId = new Argument<string>("run-id") { Description = "Run id (the workflow id)" };
        var temporal = new TemporalCli();
        var command = new Command("cancel", "Cancel a Temporal run: activities in flight are cancelled, the trace is still written.");
        command.Arguments.Add(runId);
        temporal.AddTo(command);
        command.SetAction((parse, _) => TemporalCli.Guard(console, async () =>
        {
            var client = await TemporalConnector.ConnectAsync(temporal.Settings(parse)).ConfigureAwait(false);
            var id = parse.GetRequiredValue(runId);
            try
            {
                await new TemporalRunClient(client).CancelAsync(id).ConfigureAwait(false);
                console.Line($"Cancel requested for run {id}.");
                return 0;
            }
            catch (Temporalio.Exceptions.RpcException e) when (e.Code == Temporalio.Exceptions.RpcException.StatusCode.NotFound)
            {
                console.Error.Write($"error: no run {id} on Temporal ({e.Message})\n");
                return CliApp.InputError;
            }
        }));
        return command;
    }
}
