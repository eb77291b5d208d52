using System.Diagnostics;
using System.Globalization;
using System.Text;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Data;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Bench;

/// <summary>
/// Executor overhead per node: a seeded random 1,000-node DAG of <c>noop</c> nodes (0-byte outputs) over two
/// locations, run by the embedded executor on local buckets; and the journal's write cost per node (attempt
/// start + end + commit) measured alone as the baseline. Prints ms per node and the ratio.
/// </summary>
public static class ExecutorBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var root = Path.Combine(Path.GetTempPath(), $"placement-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var pricing = Workspace.LoadPricing(Workspace.FindPricingFolder(null, null));
            var scenarioPath = Path.Combine(root, "dag.yaml");
            File.WriteAllText(scenarioPath, Dag(nodes, seed: 11));
            var graph = WorkflowGraph.Build(Workspace.LoadScenario(scenarioPath, pricing));
            var model = new CostModel(graph, pricing);
            var assignment = graph.Scenario.Nodes.ToDictionary(n => n.Name, n =>
            {
                var at = Location.Parse(int.Parse(n.Name[1..], CultureInfo.InvariantCulture) % 3 == 0 ? "aws/us-east-2" : "aws/us-east-1");
                return CandidateFinder.For(n, graph.Scenario.Constraints, pricing).Where(c => c.Location == at).Min()!;
            }, StringComparer.Ordinal);
            var plan = Plan.Create(model, assignment, SolverReport.Empty);

            // Baseline: the journal writes one node costs, alone.
            var journalMs = JournalPerNode(Path.Combine(root, "journal-only.db"), nodes);

            // Warm-up run on a tiny DAG so JIT time is not billed to the measured run.
            await RunOnce(root, "warm", graph, plan, pricing);
            var clock = Stopwatch.StartNew();
            var result = await RunOnce(root, "measured", graph, plan, pricing);
            clock.Stop();
            if (result.Status != RunStatus.Succeeded)
            {
                Console.Error.WriteLine("run failed: " + string.Join("; ", result.Errors));
                return 1;
            }

            var perNode = clock.Elapsed.TotalMilliseconds / nodes;
            Console.WriteLine($"executor: {nodes} noop nodes, {graph.Scenario.Edges.Count} edges, {plan.Cost.Transfers.Count} transfers, {clock.Elapsed.TotalSeconds:0.000} s total");
            Console.WriteLine($"executor overhead per node: {perNode:0.000} ms (target < 2 ms)");
            Console.WriteLine($"journal write cost per node (baseline: attempt start + end + commit): {journalMs:0.000} ms");
            Console.WriteLine($"ratio executor / journal: {perNode / journalMs:0.00}");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<RunResult> RunOnce(string root, string name, WorkflowGraph graph, Plan plan, Core.Pricing.PricingCatalog pricing)
    {
        var state = Path.Combine(root, name);
        var options = new ExecutorOptions { StateFolder = state, MaxParallelism = 4, PerLocationConcurrency = 4 };
        using var executor = new EmbeddedExecutor(options, new StorageMap(new LocalFolderBackend(Path.Combine(state, "buckets"))), EmbeddedExecutor.StandardHandlers(new LlmOptions(null, null)), TimeProvider.System, new Random(1));
        return await executor.StartAsync(new RunRequest(graph, plan, root, Pricing: pricing), null, CancellationToken.None);
    }

    private static double JournalPerNode(string path, int nodes)
    {
        using var journal = new SqliteJournal(path);
        var now = DateTimeOffset.UnixEpoch;
        journal.CreateRun(new RunRow("bench", "s", "h", "p", "local", RunStatus.Running, now, null));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < nodes; i++)
        {
            var node = "n" + i.ToString(CultureInfo.InvariantCulture);
            journal.StartAttempt("bench", node, 1, now);
            journal.EndAttempt("bench", node, 1, now, "ok", null);
            journal.TryCommit(new CommitRow("bench", node, "bench/" + node, "aws/us-east-1", "aws/us-east-1", "s/" + node, "file:///x", 0, "e3b0", "ck", NodeCommitKind.Ran, 1, now, 0, 0, 0));
        }

        return clock.Elapsed.TotalMilliseconds / nodes;
    }

    /// <summary>A layered random DAG: node i reads up to three earlier nodes, chosen with a seeded source.</summary>
    private static string Dag(int n, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("name: bench-dag\nstorage: { default: aws/us-east-1, retentionMonths: 1 }\nnodes:\n");
        for (var i = 0; i < n; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ name: n{i}, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.01 }}, outputBytes: 0, handler: {{ kind: noop }} }}\n");
        }

        sb.Append("edges:\n");
        for (var i = 1; i < n; i++)
        {
            foreach (var p in Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(Math.Max(0, i - 50), i)).Distinct())
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - {{ from: n{p}, to: n{i} }}\n");
            }
        }

        return sb.ToString();
    }
}
