using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Data;
using Placement.Data.Scenarios;
using Placement.Simulation.Engine;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using Placement.Traces.Formats;
using Placement.Traces.Import;
using Placement.Traces.Model;

namespace Placement.Cli.Tests;

/// <summary>End to end over the real traces: import, plan, replay. Replaying a trace with unlimited slots and
/// instant transfers must give back the trace's own critical path, whichever schema version it was read from.</summary>
[Collection("cli")]
public sealed class TraceReplayTests
{
    [Theory]
    [InlineData("1.3", "montage-chameleon-2mass-01d-001")]
    [InlineData("1.4", "epigenomics-chameleon-hep-1seq-100k-001")]
    [InlineData("1.5", "srasearch-chameleon-10a-001")]
    [InlineData("1.5", "methylseq-dirt02-001")]
    [InlineData("1.6", "epigenomics-chameleon-hep-1seq-100k-001")]
    public void Replay_InstantNetworkUnlimitedSlots_MakespanEqualsTraceCriticalPath(string version, string run)
    {
        var path = Path.Combine(CliRunner.Root, "tests", "data", "wfinstances", "v" + version, run + ".json");
        var trace = TraceReader.Read(File.ReadAllText(path), path).Value!;
        var pricing = Workspace.LoadPricing(Path.Combine(CliRunner.Root, "pricing-data"));
        var yaml = ScenarioImporter.Import(trace, path, TaskMapping.Parse(["*=vm:m5.2xlarge@aws/us-east-1,aws/us-west-2"]).Value!, null, null).Value!;
        var scenario = ScenarioLoader.Load(yaml, "imported.yaml", pricing).Value!;
        var costModel = new CostModel(WorkflowGraph.Build(scenario), pricing);
        var assignment = scenario.Nodes.Select((n, i) => (n.Name, i)).ToDictionary(
            p => p.Name, p => new Candidate(Location.Parse(p.i % 3 == 0 ? "aws/us-west-2" : "aws/us-east-1"), "m5.2xlarge"), StringComparer.Ordinal);
        var replay = new WorkloadReplay(trace.Tasks.ToDictionary(t => t.Id, t => t.RuntimeSeconds), TraceDag.Of(trace).OutputBytes);

        var model = SimulationModel.Build(costModel, assignment, FixedLinkTable.Instant, SimulationOptions.Exact, replay);
        var result = Simulator.Run(model, new SeededRandomSource(1));

        Assert.True(result.Completed);
        Assert.Equal(CriticalPathSeconds(trace), result.MakespanSeconds, 6);
        Assert.True(result.EgressBytes > 0, "tasks on two regions move data");
    }

    private static double CriticalPathSeconds(Trace trace)
    {
        var finish = new Dictionary<string, double>(StringComparer.Ordinal);
        var pending = new Queue<TraceTask>(trace.Tasks);
        while (pending.TryDequeue(out var t))
        {
            if (t.Parents.All(finish.ContainsKey))
            {
                finish[t.Id] = t.RuntimeSeconds + t.Parents.Select(p => finish[p]).DefaultIfEmpty(0).Max();
            }
            else
            {
                pending.Enqueue(t);
            }
        }

        return finish.Values.Max();
    }
}
