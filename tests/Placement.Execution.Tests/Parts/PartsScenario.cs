using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Execution.Ports;

namespace Placement.Execution.Tests.Parts;

/// <summary>
/// A split writing four parts at gcp/us-west1, read part by part at aws/us-east-1 (two storing readers and one
/// without storage), at azure/eastus (one reader without storage: streamed) and at home.
/// </summary>
internal static class PartsScenario
{
    /// <summary>Reads every part file of the input and writes their total size, then the part files' names.</summary>
    private const string Count = "handler: { kind: command, run: \"cat in/split/* | wc -c | tr -d ' ' > $PLACEMENT_OUTPUT; ls in/split >> $PLACEMENT_OUTPUT\" }";

    public static string Yaml(string splitHandler = "handler: { kind: noop }") => $$"""
        name: parts-run
        storage: { default: gcp/us-west1, retentionMonths: 1 }
        nodes:
          - { name: split, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, parts: [{ name: c1, bytes: 1000 }, { name: c2, bytes: 2000 }, { name: c3, bytes: 3000 }, { name: c4, bytes: 4000 }], {{splitHandler}} }
          - { name: r1, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, {{Count}} }
          - { name: r2, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, {{Count}} }
          - { name: s1, endpoint: { kind: vm, minVcpus: 2 }, persistence: none, work: { runtimeHours: 0.1 }, outputBytes: 10, {{Count}} }
          - { name: z1, endpoint: { kind: vm, minVcpus: 2 }, persistence: none, work: { runtimeHours: 0.1 }, outputBytes: 10, {{Count}} }
          - { name: h1, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, {{Count}} }
        edges:
          - { from: split, to: r1, parts: [c1, c2] }
          - { from: split, to: r2, parts: [c2] }
          - { from: split, to: s1, parts: [c2, c3] }
          - { from: split, to: z1, parts: [c1, c4] }
          - { from: split, to: h1, parts: [c4] }
        """;

    public static readonly (string, string)[] Placement =
        [("split", "gcp/us-west1"), ("r1", "aws/us-east-1"), ("r2", "aws/us-east-1"), ("s1", "aws/us-east-1"), ("z1", "azure/eastus"), ("h1", "gcp/us-west1")];

    /// <summary>Bytes moved per (item, destination) as the cost model's own rule says (<see cref="TransferVolume"/>).</summary>
    public static Dictionary<(string, string), long> Expected(WorkflowGraph graph, Plan plan)
    {
        var at = plan.Cost.Nodes.ToDictionary(n => n.Node, n => n.Location);
        return graph.Scenario.Nodes.Where(n => n.Parts.Count > 0)
            .SelectMany(n => graph.Readers(n.Name).Where(e => at[e.To] != at[n.Name]).GroupBy(e => at[e.To])
                .Select(g => ((n.Name, g.Key.ToString()), TransferVolume.Of(graph, n.Name, g, r => graph.Node(r).Persistence == Persistence.Native).Bytes)))
            .ToDictionary(x => x.Item1, x => x.Item2);
    }

    public static Dictionary<(string, string), long> Measured(RunResult result) =>
        result.Transfers.Where(t => t.Mode != "route-back").ToDictionary(t => (t.Data, t.To), t => t.Bytes);
}
