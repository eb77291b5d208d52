using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Tests.Engine;

public class ConcurrencyTests
{
    /// <summary>A handler that records how many of its nodes run at once, per location, and waits for a gate.</summary>
    private sealed class GateHandler : INodeHandler
    {
        private readonly Dictionary<string, int> now = new(StringComparer.Ordinal);

        public Dictionary<string, int> Peak { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Started;

        public string Kind => "noop";

        public bool ReadsInputFiles => false;

        public IReadOnlyList<string> Check(WorkflowNode node) => [];

        public async Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel)
        {
            var loc = work.Location.ToString();
            lock (now)
            {
                now[loc] = now.GetValueOrDefault(loc) + 1;
                Peak[loc] = Math.Max(Peak.GetValueOrDefault(loc), now[loc]);
            }

            Interlocked.Increment(ref Started);
            try
            {
                await Gate.Task.WaitAsync(cancel);
            }
            finally
            {
                lock (now)
                {
                    now[loc]--;
                }
            }

            await File.WriteAllBytesAsync(work.OutputPath, [], cancel);
            return NodeOutcome.Done;
        }
    }

    private static string Wide(int perLocation) =>
        "name: exec-wide\nstorage: { default: aws/us-east-1, retentionMonths: 1 }\nnodes:\n"
        + string.Concat(Enumerable.Range(0, perLocation * 2).Select(i => $"  - {{ name: w{i}, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.1 }}, outputBytes: 0, handler: {{ kind: noop }} }}\n"))
        + "edges: []\n";

    [Fact]
    public async Task StartAsync_PerLocationLimit_NeverExceededAndBothLocationsRunTogether()
    {
        var folder = TestKit.TempFolder("conc");
        var (_, graph) = TestKit.Scenario(folder, Wide(6));
        var plan = TestKit.PlanFor(graph, Enumerable.Range(0, 12).Select(i => ($"w{i}", i % 2 == 0 ? "aws/us-east-1" : "gcp/us-west1")).ToArray());
        var gate = new GateHandler();
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder), o =>
        {
            o.MaxParallelism = 10;
            o.PerLocationConcurrency = 3;
            o.LocationConcurrency["gcp/us-west1"] = 2;
        }, extra: [gate]);
        var run = executor.StartAsync(new RunRequest(graph, plan, folder), null, default);
        while (Volatile.Read(ref gate.Started) < 5)
        {
            await Task.Delay(10);
        }

        // Five slots (3 + 2) are full; give any extra start a moment to show up before opening the gate.
        await Task.Delay(200);
        Assert.Equal(5, Volatile.Read(ref gate.Started));
        gate.Gate.SetResult();
        var result = await run;
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(3, gate.Peak["aws/us-east-1"]);
        Assert.Equal(2, gate.Peak["gcp/us-west1"]);
    }

    [Fact]
    public async Task Cancel_RunningRun_StopsWithStatusCancelledAndCommitsNothingMore()
    {
        var folder = TestKit.TempFolder("cancel");
        var (_, graph) = TestKit.Scenario(folder, Wide(2));
        var plan = TestKit.PlanFor(graph, Enumerable.Range(0, 4).Select(i => ($"w{i}", "aws/us-east-1")).ToArray());
        var gate = new GateHandler();
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder), o => o.PerLocationConcurrency = 2, extra: [gate]);
        var run = executor.StartAsync(new RunRequest(graph, plan, folder, RunId: "run-cancel-1"), null, default);
        while (Volatile.Read(ref gate.Started) < 2)
        {
            await Task.Delay(10);
        }

        executor.Cancel("run-cancel-1");
        var result = await run;
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Empty(result.Nodes);
        Assert.Equal(RunStatus.Cancelled, executor.Journal.Run("run-cancel-1")!.Status);
        Assert.Contains(executor.Journal.Attempts("run-cancel-1"), a => a.Status == "cancelled");
    }
}
