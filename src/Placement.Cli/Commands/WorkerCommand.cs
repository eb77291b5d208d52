using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Placement.Data;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Temporal;
using Placement.Execution.Temporal.Activities;
using Placement.Execution.Temporal.Client;
using Placement.Execution.Temporal.Hosting;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement worker --location L [--location L2 ...]</c>: a Temporal worker process serving the task queue of
/// each location given (<c>placement-PROVIDER-REGION</c>) and the workflow queue (unless <c>--no-workflows</c>), with
/// the storage, handlers and state folder of this machine. Stops gracefully on SIGINT/SIGTERM.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var location = new Option<string[]>("--location") { Description = "Location to serve, PROVIDER/REGION (repeatable)", AllowMultipleArgumentsPerToken = true };
        var noWorkflows = new Option<bool>("--no-workflows") { Description = "Do not serve the workflow queue (placement-workflows)" };
        var concurrency = new Option<int>("--concurrency") { Description = "Activities at once per location (MaxConcurrentActivities)", DefaultValueFactory = _ => 4 };
        var concurrencyAt = new Option<string[]>("--concurrency-at") { Description = "LOCATION=N for one location (repeatable)", AllowMultipleArgumentsPerToken = true };
        var storage = new Option<string[]>("--storage") { Description = "local, s3 or azure for every location, or PROVIDER=KIND (repeatable); default local", AllowMultipleArgumentsPerToken = true };
        var state = new Option<string>("--state") { Description = "Folder of this worker's journal, buckets and run folders", DefaultValueFactory = _ => ".placement" };
        var graceful = new Option<double>("--graceful-seconds") { Description = "On SIGINT/SIGTERM, how long running activities may take to finish", DefaultValueFactory = _ => 30 };
        var temporal = new TemporalCli();
        var command = new Command("worker", "Serve locations' task queues on a Temporal server (plan-then-execute with Temporal).");
        foreach (var o in new Option[] { location, noWorkflows, concurrency, concurrencyAt, storage, state, graceful })
        {
            command.Options.Add(o);
        }

        temporal.AddTo(command);
        command.SetAction((parse, cancel) => TemporalCli.Guard(console, async () =>
        {
            var byLocation = new Dictionary<string, int>(StringComparer.Ordinal);
            var problems = new List<Problem>();
            foreach (var word in parse.GetValue(concurrencyAt) ?? [])
            {
                var eq = word.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !int.TryParse(word[(eq + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    problems.Add(new Problem("command line", 0, 0, "--concurrency-at", $"'{word}': write LOCATION=N, e.g. aws/us-east-1=2"));
                    continue;
                }

                byLocation[word[..eq].Trim()] = n;
            }

            var plan = new WorkerPlan(parse.GetValue(location) ?? [], !parse.GetValue(noWorkflows), parse.GetValue(concurrency), byLocation, TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(graceful))));
            problems.AddRange(plan.Problems().Select(p => new Problem("command line", 0, 0, "--location", p)));
            if (problems.Count > 0)
            {
                throw new InputException(problems);
            }

            var settings = temporal.Settings(parse);
            var stateFolder = parse.GetValue(state)!;
            var map = StorageFactory.Create(parse.GetValue(storage) ?? [], stateFolder, Environment.GetEnvironmentVariable);
            var client = await TemporalConnector.ConnectAsync(settings).ConfigureAwait(false);
            var llm = LlmOptions.FromEnvironment(Environment.GetEnvironmentVariable);
            using var services = new WorkerServices(stateFolder, map, EmbeddedExecutor.StandardHandlers(llm), TimeProvider.System, parse.GetValue(pricing));
            using var host = PlacementWorkerHost.Build(client, services, plan);
            console.Line($"Worker on Temporal at {settings}, storage {map}, state {services.StateFolder}:");
            foreach (var (queue, n) in plan.Queues)
            {
                console.Line($"  polling {queue} ({n} activit{(n == 1 ? "y" : "ies")} at once)");
            }

            console.Line("Stop with Ctrl-C (SIGINT) or SIGTERM: running activities get to finish.");
            console.Out.Flush();
            await host.RunAsync(cancel).ConfigureAwait(false);
            console.Line("Worker stopped.");
            return 0;
        }));
        return command;
    }
}
