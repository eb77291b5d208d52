using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Pricing;
using Placement.Data;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Ports;
using Placement.Execution.Scheduling;
using Placement.Execution.Temporal;
using Placement.Execution.Temporal.Activities;
using Placement.Execution.Temporal.Client;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Exceptions;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement run ... --executor temporal</c>: checks everything the embedded executor checks, connects (no
/// server: one line, exit 2, nothing written), starts the run's workflow or attaches to the one with that run id,
/// follows its progress query until it ends (or returns at once with <c>--detach</c>), then writes the trace and
/// manifest into <c>STATE/runs/RUN_ID</c> as the embedded executor does and prints the same summary and exit code.
/// </summary>
internal static class TemporalRun
{
    public sealed record Request(string ScenarioPath, string PlanPath, WorkflowGraph Graph, Plan Plan, PricingCatalog Pricing, string StateFolder, IReadOnlyList<string> Storage, string? RunId, bool Detach);

    public static async Task<int> RunAsync(CliConsole console, TemporalSettings settings, Request r, CancellationToken cancel)
    {
        var problems = RunSteps.Problems(r.Graph, r.Plan).Select(p => new Problem(r.PlanPath, 0, 0, "plan", p)).ToList();
        var s = r.Graph.Scenario;
        if (r.Plan.ScenarioName != s.Name || (r.Plan.ScenarioHash.Length > 0 && r.Plan.ScenarioHash != s.ContentHash))
        {
            problems.Add(new Problem(r.ScenarioPath, 0, 0, "plan", $"the plan is for scenario {r.Plan.ScenarioName}, not this version of {s.Name}", "re-plan this scenario"));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        var map = StorageFactory.Create(r.Storage, r.StateFolder, Environment.GetEnvironmentVariable);
        var client = await TemporalConnector.ConnectAsync(settings).ConfigureAwait(false);
        var llm = LlmOptions.FromEnvironment(Environment.GetEnvironmentVariable);
        var options = new ExecutorOptions { StateFolder = r.StateFolder };
        using var executor = new EmbeddedExecutor(options, map, EmbeddedExecutor.StandardHandlers(llm), TimeProvider.System, new Random());
        var request = new RunRequest(r.Graph, r.Plan, Path.GetDirectoryName(Path.GetFullPath(r.ScenarioPath))!, r.RunId, null, r.Pricing);
        var handlerProblems = executor.Check(request, r.ScenarioPath);
        if (handlerProblems.Count > 0)
        {
            throw new InputException(handlerProblems);
        }

        var runId = r.RunId ?? $"run-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(1 << 24):x6}";
        var input = RunInputs.Create(r.Graph, r.Plan, runId, r.ScenarioPath, r.PlanPath, DateTimeOffset.UtcNow);
        var runs = new TemporalRunClient(client);
        var (handle, started) = await runs.StartOrAttachAsync(input).ConfigureAwait(false);
        console.Line(started
            ? $"Run {runId} started on Temporal at {settings}: workflow {PlacementRunWorkflow.Name}, queue {TaskQueues.Workflows}, nodes on placement-PROVIDER-REGION queues."
            : $"Run {runId} exists on Temporal at {settings}: attached to it (nothing started twice).");
        if (r.Detach)
        {
            console.Line($"Detached. Follow it with: placement status {runId}   cancel it with: placement cancel {runId}");
            return 0;
        }

        RunOutcome outcome;
        var last = "";
        try
        {
            outcome = await TemporalRunClient.FollowAsync(handle, new Reporter(p =>
            {
                var line = Describe(p);
                if (line != last)
                {
                    console.Line(line);
                    console.Out.Flush();
                    last = line;
                }
            }), TimeSpan.FromSeconds(1), cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            console.Line($"Stopped following; the run goes on. Cancel it with: placement cancel {runId}");
            return 1;
        }
        catch (WorkflowFailedException e)
        {
            console.Error.Write($"error: run {runId} failed: {(e.InnerException ?? e).Message}\n");
            return 1;
        }

        var files = new LoadedRun(r.Graph, r.Plan, new RunSchedule(r.Graph, r.Plan), request.ScenarioFolder, r.Pricing);
        var folder = Path.Combine(Path.GetFullPath(r.StateFolder), "runs", runId);
        var result = TemporalRecords.Write(executor.Journal, map.ToString(), files, input.Ref, outcome.Status, outcome.Nodes, outcome.Transfers, outcome.Errors, folder, DateTimeOffset.UtcNow);
        RunCommand.Summary(console, result, map, r.StateFolder);
        return result.Status == RunStatus.Succeeded ? 0 : 1;
    }

    /// <summary>One progress line: nodes done of all, running activities, failures, bytes moved.</summary>
    public static string Describe(RunProgress p) =>
        $"progress {p.Done}/{p.Nodes} node(s) done, {p.Running} running{(p.RunningSteps.Count > 0 ? " (" + string.Join(", ", p.RunningSteps) + ")" : "")}, {p.Failed} failed, {p.Stopped} stopped, {p.BytesMoved} bytes moved";

    private sealed class Reporter(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
