using System.Diagnostics;
using Placement.Core.Model;
using Placement.Data;
using Placement.Execution.Engine;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Tests.Crash;

namespace Placement.Execution.Tests.Engine;

/// <summary>One owner per run, append-only attempts, run ids, process groups.</summary>
public class OwnershipTests
{
    /// <summary>A noop handler that waits for a gate.</summary>
    private sealed class Gate : INodeHandler
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => "noop";

        public bool ReadsInputFiles => false;

        public IReadOnlyList<string> Check(WorkflowNode node) => [];

        public async Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel)
        {
            Entered.TrySetResult();
            await Open.Task.WaitAsync(cancel);
            await File.WriteAllBytesAsync(work.OutputPath, [1], cancel);
            return NodeOutcome.Done;
        }
    }

    private const string One = """
        name: own
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        nodes:
          - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1, handler: { kind: noop } }
        edges: []
        """;

    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public async Task ResumeAsync_RunDrivenByALiveOwner_RefusedNamingItsPidAndHost()
    {
        var folder = TestKit.TempFolder("own-live");
        var (_, graph) = TestKit.Scenario(folder, One);
        var plan = TestKit.PlanFor(graph, ("a", "aws/us-east-1"));
        var gate = new Gate();
        var state = Path.Combine(folder, "state");
        using var owner = TestKit.Executor(state, TestKit.Local(folder), extra: [gate]);
        var run = owner.StartAsync(new RunRequest(graph, plan, folder, RunId: "run-live"), null, default);
        await gate.Entered.Task;

        using var second = TestKit.Executor(state, TestKit.Local(folder), extra: [gate]);
        var refused = await Assert.ThrowsAsync<InputException>(() => second.ResumeAsync("run-live", new RunRequest(graph, plan, folder), null, null, default));
        Assert.Contains($"run run-live is being driven by another process: pid {Environment.ProcessId} on {Environment.MachineName}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"placement runs --state {state}", refused.Message, StringComparison.Ordinal);

        gate.Open.SetResult();
        Assert.Equal(RunStatus.Succeeded, (await run).Status);
        Assert.Null(owner.Journal.Lease("run-live"));
    }

    [Fact]
    public async Task ResumeAsync_DeadOwnersLease_TakenOverAndItsRunningAttemptShownInterrupted()
    {
        var folder = TestKit.TempFolder("own-dead");
        var (_, graph) = TestKit.Scenario(folder, One);
        var plan = TestKit.PlanFor(graph, ("a", "aws/us-east-1"));
        var gate = new Gate();
        gate.Open.SetResult();
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder), extra: [gate]);
        var request = new RunRequest(graph, plan, folder, RunId: "run-dead");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await executor.StartAsync(request, null, cancel.Token);

        // As a killed owner leaves it: its lease, and attempt 1 still running.
        var now = DateTimeOffset.UtcNow;
        executor.Journal.StartAttempt("run-dead", "a", 1, now);
        Assert.True(executor.Journal.TryAcquireLease(new LeaseRow("run-dead", "dead0000", Environment.MachineName, DeadPid(), "1", now, now), _ => true, out _));

        var resumed = await executor.ResumeAsync("run-dead", request, null, null, default);
        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        var attempts = executor.Journal.Attempts("run-dead").OrderBy(a => a.Attempt).ToList();
        Assert.Equal([(1, "interrupted"), (2, "ok")], attempts.Select(a => (a.Attempt, a.Status)));
        Assert.Equal(2, executor.Journal.Commit("run-dead", "a")!.Attempts);
        Assert.Null(executor.Journal.Lease("run-dead"));
    }

    [Fact]
    public async Task ResumeAsync_AfterFailedAttempts_AttemptNumbersGoOnAndTheCommandSeesThem()
    {
        var folder = TestKit.TempFolder("own-attempts");
        var yaml = """
            name: own-attempts
            storage: { default: aws/us-east-1, retentionMonths: 1 }
            nodes:
              - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1, handler: { kind: command, maxAttempts: "2", run: "echo $PLACEMENT_ATTEMPT >> $PLACEMENT_SCENARIO_DIR/seen; [ -f $PLACEMENT_SCENARIO_DIR/ok ] || exit 1; echo x > $PLACEMENT_OUTPUT" } }
            edges: []
            """;
        var (_, graph) = TestKit.Scenario(folder, yaml);
        var plan = TestKit.PlanFor(graph, ("a", "aws/us-east-1"));
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder));
        var request = new RunRequest(graph, plan, folder);
        var first = await executor.StartAsync(request, null, default);
        Assert.Equal(RunStatus.Failed, first.Status);
        File.WriteAllText(Path.Combine(folder, "ok"), "");
        var resumed = await executor.ResumeAsync(first.RunId, request, null, null, default);
        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Equal(["1", "2", "3"], File.ReadAllLines(Path.Combine(folder, "seen")));
        Assert.Equal([(1, "failed"), (2, "failed"), (3, "ok")], executor.Journal.Attempts(first.RunId).OrderBy(a => a.Attempt).Select(a => (a.Attempt, a.Status)));
        Assert.Throws<InvalidOperationException>(() => executor.Journal.StartAttempt(first.RunId, "a", 2, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task StartAsync_SameSeedSameMillisecond_DistinctTimeOrderedIds()
    {
        var folder = TestKit.TempFolder("own-ids");
        var (_, graph) = TestKit.Scenario(folder, One);
        var plan = TestKit.PlanFor(graph, ("a", "aws/us-east-1"));
        var clock = new FrozenClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, 123, TimeSpan.Zero));
        var state = Path.Combine(folder, "state");
        using var a = TestKit.Executor(state, TestKit.Local(folder), time: clock);
        using var b = TestKit.Executor(state, TestKit.Local(folder), time: clock);
        var ra = await a.StartAsync(new RunRequest(graph, plan, folder), null, default);
        var rb = await b.StartAsync(new RunRequest(graph, plan, folder), null, default);
        Assert.NotEqual(ra.RunId, rb.RunId);
        Assert.Matches("^run-20261201-100000-123-[0-9a-f]{8}$", ra.RunId);
        Assert.Matches("^run-20261201-100000-123-[0-9a-f]{8}$", rb.RunId);
        Assert.True(string.CompareOrdinal(RunIds.New(clock.GetUtcNow(), new Random(1)), RunIds.New(clock.GetUtcNow().AddMilliseconds(1), new Random(2))) < 0);
    }

    [Fact]
    public async Task Cancel_CommandWithBackgroundChildren_WholeProcessGroupEnds()
    {
        var folder = TestKit.TempFolder("own-group");
        var yaml = """
            name: own-group
            storage: { default: aws/us-east-1, retentionMonths: 1 }
            nodes:
              - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1, handler: { kind: command, timeoutSeconds: "1", maxAttempts: "1", run: "sleep 30 & sleep 31 & touch $PLACEMENT_SCENARIO_DIR/up; wait" } }
            edges: []
            """;
        var (_, graph) = TestKit.Scenario(folder, yaml);
        var plan = TestKit.PlanFor(graph, ("a", "aws/us-east-1"));
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder));
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder, RunId: "run-group-1"), null, default);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.True(File.Exists(Path.Combine(folder, "up")));
        Assert.Equal("timeout", Assert.Single(executor.Journal.Attempts("run-group-1")).Status);
        Assert.Equal(0, await CrashHarness.OrphansAfterAsync("run-group-1", TimeSpan.FromSeconds(2)));
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
