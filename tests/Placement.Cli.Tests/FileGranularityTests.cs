using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Data;
using Placement.Data.Scenarios;
using Placement.Planning;
using Placement.Simulation.Engine;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using Placement.Traces.Formats;
using Placement.Traces.Import;

namespace Placement.Cli.Tests;

/// <summary>
/// The epigenomics example end to end: fastqSplit writes nine chunks, each read by one filterContams task;
/// with the nine filterContams in gcp/us-west1 and the rest in aws/us-east-1 the one transfer fastqSplit ->
/// gcp/us-west1 carries all nine chunks, each once: in the importer's scenario, the cost model, the planner's
/// model and the simulator alike.
/// </summary>
[Collection("cli")]
public sealed class FileGranularityTests
{
    private const string Split = "fastqSplit_fastqSplit_HEP2_MSP1_Digests_s_1_sequence_ID0000011";

    [Fact]
    public void Epigenomics16_FastqSplitToGcpWithNineReaders_MovesTheUnionOfTheirChunksEveryWhere()
    {
        var path = Path.Combine(CliRunner.Root, "tests", "data", "wfinstances", "v1.6", "epigenomics-chameleon-hep-1seq-100k-001.json");
        var trace = TraceReader.Read(File.ReadAllText(path), path).Value!;
        var pricing = Workspace.LoadPricing(Path.Combine(CliRunner.Root, "pricing-data"));
        var yaml = ScenarioImporter.Import(trace, path, TaskMapping.Parse(["*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1"]).Value!, null, Location.Parse("aws/us-east-1")).Value!;
        var loaded = ScenarioLoader.Load(yaml, "epigenomics.yaml", pricing);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Problems));
        var scenario = loaded.Value!;
        var graph = WorkflowGraph.Build(scenario);
        var model = new CostModel(graph, pricing);
        var assignment = scenario.Nodes.ToDictionary(
            n => n.Name,
            n => n.Name.StartsWith("filterContams", StringComparison.Ordinal) ? new Candidate(Location.Parse("gcp/us-west1"), "n2-standard-8") : new Candidate(Location.Parse("aws/us-east-1"), "m5.2xlarge"),
            StringComparer.Ordinal);

        // The importer kept fastqSplit's nine files as parts; each reader names its chunk.
        var split = scenario.Nodes.Single(n => n.Name == Split);
        var chunks = trace.Task(Split)!.OutputFiles;
        var fileBytes = trace.FileBytes();
        Assert.Equal(9, split.Parts.Count);
        Assert.Equal(chunks, split.Parts.Select(p => p.Name));
        Assert.All(graph.Readers(Split), e => Assert.Single(e.Parts!));
        var union = chunks.Sum(f => fileBytes[f]);
        Assert.Equal(109_431_824, union);

        // Cost model: one transfer of all nine chunks (the largest single chunk alone is 13,175,800 bytes), staged whole.
        var cost = model.Evaluate(assignment);
        var move = Assert.Single(cost.Transfers, t => t.Data == Split);
        Assert.Equal((Location.Parse("gcp/us-west1"), union, 9), (move.To, move.Bytes, move.Consumers.Count));
        Assert.Equal(13_175_800, chunks.Max(f => fileBytes[f]));
        Assert.Equal(union, cost.Storage.Single(s => s.Data == Split && s.Copy == StorageCopy.Staged).Bytes);

        // The planner's model prices the same placement the same, within rounding (one micro-dollar per line).
        var problem = PlanningProblem.Build(model, new NetworkModel(pricing));
        var choice = problem.Choice(assignment)!;
        var lines = cost.Nodes.Count + cost.Transfers.Count + cost.Storage.Count;
        Assert.True(Math.Abs((double)cost.Totals.TotalUsd - problem.CostUsd(choice)) <= 1e-6 * lines, $"{cost.Totals.TotalUsd} vs {problem.CostUsd(choice)}");

        // The simulator streams exactly those bytes.
        var sim = Simulator.Run(SimulationModel.Build(model, assignment, FixedLinkTable.Instant, SimulationOptions.Exact), new SeededRandomSource(1));
        Assert.Equal(union, Assert.Single(sim.Transfers, t => t.Data == Split).Bytes);
        Assert.Equal(cost.Totals, sim.Cost);
    }
}
