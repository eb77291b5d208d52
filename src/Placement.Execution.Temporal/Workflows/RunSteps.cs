using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Execution.Handlers;

namespace Placement.Execution.Temporal.Workflows;

/// <summary>
/// Turns a plan into the workflow's ordered steps, pure. Nodes come in the graph's topological order (the order
/// the embedded executor uses); just before each node come the plan's transfers into its location that no earlier
/// node needed, so every transfer is one step per (item, destination) and precedes its first consumer there.
/// Route-back transfers are part of the producing node (it writes to its home).
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

        var d = defaults ?? new Defaults();
        var lines = plan.Cost.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        var homes = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (var ds in graph.Scenario.Datasets)
        {
            homes[ds.Name] = ds.Home;
        }

        foreach (var line in plan.Cost.Nodes)
        {
            homes[line.Node] = line.StorageHome;
        }

        var transfers = plan.Cost.Transfers.Where(t => !t.IsRouteBack).ToDictionary(t => (t.Data, t.To));
        var steps = new List<RunStep>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var transferPolicy = new AttemptPolicy("transfer", d.TransferAttempts, d.TimeoutSeconds, Math.Min(d.HeartbeatSeconds, d.TimeoutSeconds), d.BackoffSeconds, d.BackoffMaxSeconds);
        foreach (var name in graph.TopologicalOrder)
        {
            var loc = lines[name].Location;
            var after = new List<int>();
            foreach (var item in graph.Inputs(name).Select(e => e.From).Distinct(StringComparer.Ordinal))
            {
                if (graph.IsNode(item))
                {
                    after.Add(index[item]);
                }

                if (homes[item] == loc)
                {
                    continue;
                }

                var key = TransferKey(item, loc.ToString());
                if (!index.TryGetValue(key, out var at))
                {
                    var line = transfers[(item, loc)];
                    at = steps.Count;
                    index[key] = at;
                    steps.Add(new RunStep(StepKind.Transfer, key, item, loc.ToString(), line.From.ToString(), TaskQueues.ForLocation(loc),
                        graph.IsNode(item) ? [index[item]] : [], transferPolicy));
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
        var lines = plan.Cost.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        foreach (var n in graph.TopologicalOrder.Where(n => !lines.ContainsKey(n)))
        {
            problems.Add($"node {n} has no placement in the plan; re-plan the scenario");
        }

        problems.AddRange(TaskQueues.Problems(plan.Cost.Nodes.Select(l => l.Location.ToString())));
        if (problems.Count > 0)
        {
            return problems;
        }

        var homes = graph.Scenario.Datasets.ToDictionary(x => x.Name, x => x.Home, StringComparer.Ordinal);
        foreach (var line in plan.Cost.Nodes)
        {
            homes[line.Node] = line.StorageHome;
        }

        var transfers = plan.Cost.Transfers.Where(t => !t.IsRouteBack).Select(t => (t.Data, t.To)).ToHashSet();
        foreach (var name in graph.TopologicalOrder)
        {
            var loc = lines[name].Location;
            foreach (var item in graph.Inputs(name).Select(e => e.From).Distinct(StringComparer.Ordinal).Where(i => homes[i] != loc && !transfers.Contains((i, loc))))
            {
                problems.Add($"the plan has no transfer of {item} to {loc} (node {name} reads it there); re-plan the scenario");
            }
        }

        return problems;
    }

    /// <summary>The step key of a transfer: <c>transfer/ITEM/TO</c> (activity id <c>runId/transfer/ITEM/TO</c>).</summary>
    public static string TransferKey(string item, string to) => $"transfer/{item}/{to}";

    private static AttemptPolicy Policy(string kind, IReadOnlyDictionary<string, string>? settings, int attemptsDefault, Defaults d)
    {
        var s = settings ?? new Dictionary<string, string>();
        var timeout = HandlerSettings.Timeout(s, TimeSpan.FromSeconds(d.TimeoutSeconds)).TotalSeconds;
        return new AttemptPolicy(kind, HandlerSettings.MaxAttempts(s, attemptsDefault), timeout, Math.Min(d.HeartbeatSeconds, timeout), d.BackoffSeconds, d.BackoffMaxSeconds);
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
