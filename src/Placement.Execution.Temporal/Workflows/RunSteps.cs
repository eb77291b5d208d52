using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Execution.Handlers;
using Placement.Execution.Scheduling;

namespace Placement.Execution.Temporal.Workflows;

/// <summary>
/// Turns a plan into the workflow's ordered steps, pure, from the shared scheduling core (<see cref="RunSchedule"/>):
/// nodes in plan order; just before each node the staged moves it needs that no earlier node needed
/// (<see cref="RunSchedule.MovesBefore"/>), so every staged transfer is one step per (item, destination), on the
/// destination's queue, before its first consumer there. A move to consumers without storage is streamed by the
/// consumer's own activity (<c>stream-to-consumer</c>), and a route-back is written by the producing node.
/// </summary>
public static class RunSteps
{
    /// <summary>Defaults of the attempt policies (the embedded executor's: 3 attempts, 1 hour, 0.5 s to 30 s backoff).</summary>
    /// <param name="MaxAttempts">Attempts of a node whose handler does not say.</param>
    /// <param name="TimeoutSeconds">Timeout of a node whose handler does not say.</param>
    /// <param name="TransferAttempts">Attempts of a transfer.</param>
    /// <param name="HeartbeatSeconds">Heartbeat timeout of every activity (capped by its timeout).</param>
    /// <param name="BackoffSeconds">First retry delay.</param>
    /// <param name="BackoffMaxSeconds">Longest retry delay.</param>
    public sealed record Defaults(int MaxAttempts = 3, double TimeoutSeconds = 3600, int TransferAttempts = 6, double HeartbeatSeconds = 30, double BackoffSeconds = 0.5, double BackoffMaxSeconds = 30);

    /// <summary>The steps, or throws <see cref="ArgumentException"/> naming what the plan lacks (a node without placement, a missing transfer, a bad location).</summary>
    public static IReadOnlyList<RunStep> Build(WorkflowGraph graph, Plan plan, Defaults? defaults = null)
    {
        var problems = Problems(graph, plan);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        // The rules (plan order, parents, which staged move precedes which consumer) are the shared scheduling core's.
        var d = defaults ?? new Defaults();
        var schedule = new RunSchedule(graph, plan);
        var steps = new List<RunStep>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var transferPolicy = new ActivityPolicy("transfer", d.TransferAttempts, d.TimeoutSeconds, Math.Min(d.HeartbeatSeconds, d.TimeoutSeconds), d.BackoffSeconds, d.BackoffMaxSeconds);
        foreach (var name in schedule.Order)
        {
            var loc = schedule.LocationOf(name);
            var after = schedule.Parents(name).Select(p => index[p]).ToList();
            foreach (var move in schedule.MovesBefore(name))
            {
                var key = TransferKey(move.Data, move.To.ToString());
                if (!index.TryGetValue(key, out var at))
                {
                    at = steps.Count;
                    index[key] = at;
                    steps.Add(new RunStep(StepKind.Transfer, key, move.Data, move.To.ToString(), move.From.ToString(), TaskQueues.ForLocation(move.To),
                        graph.IsNode(move.Data) ? [index[move.Data]] : [], transferPolicy));
                }

                after.Add(at);
            }

            var handler = graph.Node(name).Handler;
            var primary = Policy(handler?.Kind ?? "noop", handler?.Settings, d.MaxAttempts, d);
            var fallback = handler?.Fallback is { } fb ? Policy(fb.Kind, fb.Settings, 1, d) : null;
            index[name] = steps.Count;
            steps.Add(new RunStep(StepKind.Node, name, name, loc.ToString(), "", TaskQueues.ForLocation(loc), [.. after.Distinct().Order()], primary, fallback));
        }

        return steps;
    }

    /// <summary>Every reason the plan cannot become steps; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(WorkflowGraph graph, Plan plan)
    {
        var problems = new List<string>();
        var placed = plan.Cost.Nodes.Select(n => n.Node).ToHashSet(StringComparer.Ordinal);
        foreach (var n in graph.TopologicalOrder.Where(n => !placed.Contains(n)))
        {
            problems.Add($"node {n} has no placement in the plan; re-plan the scenario");
        }

        problems.AddRange(TaskQueues.Problems(plan.Cost.Nodes.Select(l => l.Location.ToString())));
        if (problems.Count > 0)
        {
            return problems;
        }

        var schedule = new RunSchedule(graph, plan);
        foreach (var name in schedule.Order)
        {
            foreach (var input in schedule.Inputs(name).Where(i => !i.IsLocal && i.Move is null))
            {
                problems.Add($"the plan has no transfer of {input.Item} to {schedule.LocationOf(name)} (node {name} reads it there); re-plan the scenario");
            }
        }

        return problems;
    }

    /// <summary>The step key of a transfer: <c>transfer/ITEM/TO</c> (activity id <c>runId/transfer/ITEM/TO</c>).</summary>
    public static string TransferKey(string item, string to) => $"transfer/{item}/{to}";

    private static ActivityPolicy Policy(string kind, IReadOnlyDictionary<string, string>? settings, int attemptsDefault, Defaults d)
    {
        var s = settings ?? new Dictionary<string, string>();
        var timeout = HandlerSettings.Timeout(s, TimeSpan.FromSeconds(d.TimeoutSeconds)).TotalSeconds;
        return new ActivityPolicy(kind, HandlerSettings.MaxAttempts(s, attemptsDefault), timeout, Math.Min(d.HeartbeatSeconds, timeout), d.BackoffSeconds, d.BackoffMaxSeconds);
    }
}

/// <summary>Builds a workflow input from a loaded scenario and plan, pure.</summary>
public static class RunInputs
{
    /// <summary>The input of the run <paramref name="runId"/>; the plan hash is the embedded executor's (SHA-256 of the plan's JSON form).</summary>
    public static RunInput Create(WorkflowGraph graph, Plan plan, string runId, string scenarioPath, string planPath, DateTimeOffset startedAt, RunSteps.Defaults? defaults = null) =>
        new(runId, graph.Scenario.Name, graph.Scenario.ContentHash, plan.ScenarioHash, PlanHash(plan),
            Path.GetFullPath(scenarioPath), Path.GetFullPath(planPath), RunSteps.Build(graph, plan, defaults), startedAt);

    /// <summary>The plan's hash as runs record it.</summary>
    public static string PlanHash(Plan plan) => Storage.ContentHash.OfText(Data.Plans.PlanJson.Write(plan));
}
