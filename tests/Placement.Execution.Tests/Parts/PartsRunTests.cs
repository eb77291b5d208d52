using Placement.Core.Model;
using Placement.Execution.Ports;
using Placement.Execution.Records;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Parts;

/// <summary>The embedded executor on an output with parts (docs/executors.md, "Outputs with parts"), on local folders.</summary>
public class PartsRunTests
{
    internal static async Task<(RunResult Result, Core.Plans.Plan Plan, WorkflowGraph Graph, Placement.Execution.Engine.EmbeddedExecutor Executor)> RunAsync(string folder, StorageMap storage, string? yaml = null)
    {
        var (_, graph) = TestKit.Scenario(folder, yaml ?? PartsScenario.Yaml());
        var plan = TestKit.PlanFor(graph, PartsScenario.Placement);
        var executor = TestKit.Executor(Path.Combine(folder, "state"), storage);
        Assert.Empty(executor.Check(new RunRequest(graph, plan, folder), "scenario.yaml"));
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder), null, CancellationToken.None);
        Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
        return (result, plan, graph, executor);
    }

    internal static async Task AssertPartsRun(RunResult result, Core.Plans.Plan plan, WorkflowGraph graph, StorageMap storage, Placement.Execution.Engine.EmbeddedExecutor executor)
    {
        // The plan and the run agree per (item, destination), and both are the union of the parts read there, each once.
        Assert.Equal(PartsScenario.Expected(graph, plan), PartsScenario.Measured(result));
        Assert.Equal(6000, plan.Cost.Transfers.Single(t => t.Data == "split" && t.To.ToString() == "aws/us-east-1").Bytes);
        Assert.Equal(5000, plan.Cost.Transfers.Single(t => t.Data == "split" && t.To.ToString() == "azure/eastus").Bytes);

        // Per part: c1 and c2 staged at aws (what the storing readers read), c3 streamed to s1; c1 and c4 streamed to azure.
        var parts = executor.Journal.PartTransfers(result.RunId).Select(p => (p.Part, p.To, p.Bytes, p.Mode)).ToList();
        Assert.Equal(
            [("c1", "aws/us-east-1", 1000L, "stream"), ("c2", "aws/us-east-1", 2000L, "stream"), ("c3", "aws/us-east-1", 3000L, "stream-to-consumer"),
             ("c1", "azure/eastus", 1000L, "stream-to-consumer"), ("c4", "azure/eastus", 4000L, "stream-to-consumer")],
            parts.OrderBy(p => p.To, StringComparer.Ordinal).ThenBy(p => p.Part, StringComparer.Ordinal).ToList());

        // The staged copy at aws holds exactly the storing readers' parts, one object each.
        var aws = Location.Parse("aws/us-east-1");
        var home = StorageKey.ForRunOutput("parts-run", result.RunId, "split");
        foreach (var (part, bytes) in new[] { ("c1", 1000L), ("c2", 2000L), ("c3", -1L), ("c4", -1L) })
        {
            Assert.Equal(bytes < 0 ? null : bytes, await storage.For(aws).SizeAsync(aws, StorageKey.ForPart(home, part), default));
        }

        // Each reader got exactly its parts.
        string Output(string node) => Read(storage, result, node).Replace("\n", " ", StringComparison.Ordinal).Trim();
        Assert.Equal("3000 c1 c2", Output("r1"));
        Assert.Equal("2000 c2", Output("r2"));
        Assert.Equal("5000 c2 c3", Output("s1"));
        Assert.Equal("5000 c1 c4", Output("z1"));
        Assert.Equal("4000 c4", Output("h1"));

        // reconcile: the manifest beside the trace carries each part; planned = moved, part by part.
        var manifest = File.ReadAllText(Path.Combine(result.RunFolder, "manifest.json"));
        var lines = Reconciliation.Lines(Data.Plans.PlanJson.Write(plan), "plan.json", File.ReadAllText(result.TracePath), "trace.json", manifest);
        var partLines = lines.Where(l => l.Kind == "part").ToList();
        Assert.Equal(["split/c1", "split/c2", "split/c3", "split/c1", "split/c4"], partLines.Select(l => l.Name).ToList());
        Assert.All(partLines, l => Assert.Equal(l.PredictedBytes, l.MeasuredBytes));
    }

    private static string Read(StorageMap storage, RunResult result, string node)
    {
        var n = result.Nodes.Single(x => x.Node == node);
        var home = Location.Parse(n.StorageHome);
        using var stored = storage.For(home).OpenReadAsync(home, StorageKey.ForRunOutput("parts-run", result.RunId, node), default).GetAwaiter().GetResult();
        using var reader = new StreamReader(stored.Content);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task StartAsync_OutputWithParts_MovesTheUnionOfPartsEachReaderReadsThereOncePerDestination()
    {
        var folder = TestKit.TempFolder("parts");
        var storage = TestKit.Local(folder);
        var (result, plan, graph, executor) = await RunAsync(folder, storage);
        using (executor)
        {
            await AssertPartsRun(result, plan, graph, storage, executor);
        }
    }

    [Fact]
    public async Task StartAsync_CommandWritesPartFiles_ReadersGetThoseBytesWhateverTheDeclaredSizes()
    {
        var folder = TestKit.TempFolder("parts-cmd");
        var yaml = PartsScenario.Yaml("handler: { kind: command, run: \"for p in c1 c2 c3 c4; do printf \\\"$p-data\\\" > $PLACEMENT_OUTPUT_PARTS/$p; done\" }")
            .Replace("cat in/split/* | wc -c | tr -d ' '", "cat in/split/*", StringComparison.Ordinal);
        var storage = TestKit.Local(folder);
        var (result, _, _, executor) = await RunAsync(folder, storage, yaml);
        using (executor)
        {
            Assert.Equal("c1-datac2-datac3-datac4-data", File.ReadAllText(TestKit.OutputFile(folder, "gcp/us-west1", "parts-run", result.RunId, "split")));
            Assert.StartsWith("c1-datac2-datac1\n", File.ReadAllText(TestKit.OutputFile(folder, "aws/us-east-1", "parts-run", result.RunId, "r1")), StringComparison.Ordinal);
            Assert.StartsWith("c2-datac3-datac2\n", File.ReadAllText(TestKit.OutputFile(folder, "gcp/us-west1", "parts-run", result.RunId, "s1")), StringComparison.Ordinal);
            Assert.Equal(14, result.Transfers.Single(t => t.Data == "split" && t.To == "azure/eastus").Bytes);
        }
    }
}
