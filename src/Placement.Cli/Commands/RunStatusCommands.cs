using System.CommandLine;
using Placement.Execution.Temporal.Client;

namespace Placement.Cli.Commands;

/// <summary><c>placement status RUN_ID</c> and <c>placement cancel RUN_ID</c> for runs on Temporal.</summary>
internal static class RunStatusCommands
{
    public static Command Status(CliConsole console) =>
        OnRun(console, "status", "Show a Temporal run's state and progress.", async (client, id) =>
        {
            var (status, progress) = await client.StatusAsync(id).ConfigureAwait(false);
            console.Line($"Run {id}: {status.ToString().ToLowerInvariant()}");
            if (progress is not null)
            {
                console.Line(TemporalRun.Describe(progress));
            }
        });

    public static Command Cancel(CliConsole console) =>
        OnRun(console, "cancel", "Cancel a Temporal run: activities in flight are cancelled, the trace is still written.", async (client, id) =>
        {
            await client.CancelAsync(id).ConfigureAwait(false);
            console.Line($"Cancel requested for run {id}.");
        });

    /// <summary>
    /// A command taking one run id and the Temporal connection options: it connects, runs <paramref name="body"/>
    /// and exits 0, or exits 2 with one line when the server is unreachable or has no such run.
    /// </summary>
    private static Command OnRun(CliConsole console, string name, string description, Func<TemporalRunClient, string, Task> body)
    {
        var runId = new Argument<string>("run-id") { Description = "Run id (the workflow id)" };
        var temporal = new TemporalCli();
        var command = new Command(name, description);
        command.Arguments.Add(runId);
        temporal.AddTo(command);
        command.SetAction((parse, _) => TemporalCli.Guard(console, async () =>
        {
            var client = await TemporalConnector.ConnectAsync(temporal.Settings(parse)).ConfigureAwait(false);
            var id = parse.GetRequiredValue(runId);
            try
            {
                await body(new TemporalRunClient(client), id).ConfigureAwait(false);
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
