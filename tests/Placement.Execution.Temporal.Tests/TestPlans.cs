using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Data;
using Placement.Execution.Temporal.Tests.Replay;

namespace Placement.Execution.Temporal.Tests;

/// <summary>Scenarios of the replay and activity tests, and plans placing their nodes by hand.</summary>
internal static class TestPlans
{
    /// <summary>
    /// A fan-out: prep at aws feeds a, b and c at gcp (one transfer of prep to gcp, shared), d at aws; join at gcp
    /// reads a, b, c and d (one transfer of d to gcp). a has a fallback.
    /// </summary>
    public const string FanOut = """
        name: temporal-fanout
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        datasets:
          - { name: raw, home: aws/us-east-1, bytes: 5000, uri: raw.bin }
        nodes:
          - { name: prep, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 3000, handler: { kind: noop } }
          - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1000, handler: { kind: command, run: "exit 1", maxAttempts: "2", fallback: { kind: noop } } }
          - { name: b, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1000, handler: { kind: noop } }
          - { name: c, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1000, handler: { kind: noop } }
          - { name: d, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1000, handler: { kind: noop } }
          - { name: join, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 500, handler: { kind: noop } }
        edges:
          - { from: raw, to: prep }
          - { from: prep, to: a }
          - { from: prep, to: b }
          - { from: prep, to: c }
          - { from: prep, to: d }
          - { from: a, to: join }
          - { from: b, to: join }
          - { from: c, to: join }
          - { from: d, to: join }
        """;

    public static readonly (string, string)[] FanOutPlacement =
        [("prep", "aws/us-east-1"), ("a", "gcp/us-west1"), ("b", "gcp/us-west1"), ("c", "gcp/us-west1"), ("d", "aws/us-east-1"), ("join", "gcp/us-west1")];

    /// <summary>Writes a scenario into a folder and loads it.</summary>
    public static (string Path, WorkflowGraph Graph) Scenario(string folder, string yaml, string file = "scenario.yaml")
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, file);
        File.WriteAllText(path, yaml);
        return (path, WorkflowGraph.Build(Workspace.LoadScenario(path, Replays.Pricing)));
    }

    /// <summary>The fan-out scenario and its plan, loaded from a fresh folder.</summary>
    public static (WorkflowGraph Graph, Plan Plan) FanOutPlan()
    {
        var (_, graph) = Scenario(Temp("fanout"), FanOut);
        return (graph, PlanFor(graph, FanOutPlacement));
    }

    /// <summary>A plan putting each node at a location, on its cheapest offering there.</summary>
    public static Plan PlanFor(WorkflowGraph graph, params (string Node, string Location)[] placement) =>
        HandPlans.Cheapest(graph, Replays.Pricing, placement);

    public static string Temp(string name)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "placement-temporal-tests", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
