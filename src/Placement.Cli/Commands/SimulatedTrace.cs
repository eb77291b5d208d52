using Placement.Core.Model;
using Placement.Simulation.Results;
using Placement.Traces.Model;

namespace Placement.Cli.Commands;

/// <summary>
/// Turns one simulated replica into a placement-trace/1 trace (docs/trace-format.md), the format the executors
/// write: one task per node with its simulated runtime, placement, attempts and cost, one file per data item with
/// its simulated size, and every transfer with its bytes, times and egress cost. Lets simulated and executed
/// runs be read, compared and replayed by the same tools.
/// </summary>
internal static class SimulatedTrace
{
    public static Trace From(WorkflowGraph graph, SimulationResult result)
    {
        var scenario = graph.Scenario;
        var lines = result.CostLines ?? throw new InvalidOperationException("Run the replica with cost lines.");
        var nodeLines = lines.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        var tasks = new List<TraceTask>();
        for (var i = 0; i < scenario.Nodes.Count; i++)
        {
            var node = scenario.Nodes[i];
            var outcome = result.Nodes[i];
            var inputs = graph.Inputs(node.Name).Select(e => e.From).ToList();
            var ran = outcome.Attempts > 0 && nodeLines.ContainsKey(node.Name);
            TaskPlacement? placement = null;
            if (ran)
            {
                var line = nodeLines[node.Name];
                placement = new TaskPlacement(line.Location, line.Offering, line.StorageHome, outcome.Attempts, outcome.StartSeconds, outcome.EndSeconds,
                    new TaskCost(line.ComputeUsd, line.ServicesUsd, line.LlmUsd));
            }

            tasks.Add(new TraceTask(node.Name, node.Name, node.Endpoint.KindWord, ran ? outcome.EndSeconds - outcome.StartSeconds : 0,
                inputs.Where(graph.IsNode).ToList(), inputs, [node.Name], [], null, placement));
        }

        var files = scenario.Datasets.Select(d => new TraceFile(d.Name, result.DatasetBytes[d.Name]))
            .Concat(result.Nodes.Select(n => new TraceFile(n.Node, n.OutputBytes))).ToList();
        var transfers = result.Transfers.Zip(lines.Transfers, (t, l) => new TraceTransfer(t.Data, t.From, t.To, t.Bytes, t.StartSeconds, t.EndSeconds, l.Usd)).ToList();
        return new Trace(scenario.Name, "1.5", null, result.MakespanSeconds, tasks, files, [],
            new TraceRun(scenario.Name, scenario.ContentHash, "simulator", transfers, lines.Totals));
    }
}
