using Placement.Execution.Engine;
using Placement.Execution.Ports;

namespace Placement.Execution.Tests.Engine;

public class RetryTimeoutFallbackTests
{
    private static async Task<(RunResult Result, List<RunEvent> Events, EmbeddedExecutor Executor, string Folder)> RunOne(string name, string handlerYaml, Action<ExecutorOptions>? configure = null)
    {
        var folder = TestKit.TempFolder(name);
        var yaml = $$"""
            name: exec-{{name}}
            storage: { default: aws/us-east-1, retentionMonths: 1 }
            nodes:
              - name: only
                endpoint: { kind: vm, minVcpus: 2 }
                work: { runtimeHours: 0.1 }
                outputBytes: 10
                handler: {{handlerYaml}}
            edges: []
            """;
        var (_, graph) = TestKit.Scenario(folder, yaml);
        var plan = TestKit.PlanFor(graph, ("only", "aws/us-east-1"));
        var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder), configure);
        var events = new List<RunEvent>();
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder), new SyncProgress(e => { lock (events) { events.Add(e); } }), CancellationToken.None);
        return (result, events, executor, folder);
    }

    [Fact]
    public async Task StartAsync_CommandFailsTwiceThenSucceeds_ThirdAttemptCommitsOnce()
    {
        // The command counts its attempts in a file beside the scenario and fails the first two.
        var (result, events, executor, _) = await RunOne("retry", """{ kind: command, run: "n=$(cat $PLACEMENT_SCENARIO_DIR/count 2>/dev/null || echo 0); n=$((n+1)); echo $n > $PLACEMENT_SCENARIO_DIR/count; [ $n -ge 3 ] && echo ok > $PLACEMENT_OUTPUT", maxAttempts: "4" }""");
        using (executor)
        {
            Assert.Equal(RunStatus.Succeeded, result.Status);
            Assert.Equal(2, events.OfType<RunEvent.NodeAttemptFailed>().Count());
            Assert.All(events.OfType<RunEvent.NodeAttemptFailed>(), e => Assert.NotNull(e.RetryInSeconds));
            Assert.Equal(3, result.Nodes.Single().Attempts);
            Assert.Equal(1, executor.Journal.CommitCount($"{result.RunId}/only"));
            Assert.Equal(3, executor.Journal.Attempts(result.RunId).Count);
        }
    }

    [Fact]
    public async Task StartAsync_CommandAlwaysFails_RunFailsWithTheCommandsError()
    {
        var (result, _, executor, _) = await RunOne("fail", """{ kind: command, run: "echo broken-pipe-here >&2; exit 7", maxAttempts: "2" }""");
        using (executor)
        {
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.Contains("broken-pipe-here", Assert.Single(result.Errors), StringComparison.Ordinal);
            Assert.Empty(result.Nodes);
        }
    }

    [Fact]
    public async Task StartAsync_CommandOverItsTimeout_KilledAndFallbackCommits()
    {
        var (result, events, executor, _) = await RunOne("timeout", """{ kind: command, run: "sleep 30", timeoutSeconds: "0.3", maxAttempts: "2", fallback: "echo fallback > $PLACEMENT_OUTPUT" }""");
        using (executor)
        {
            Assert.Equal(RunStatus.Succeeded, result.Status);
            Assert.Equal(NodeCommitKind.Fallback, result.Nodes.Single().Kind);
            Assert.All(events.OfType<RunEvent.NodeAttemptFailed>(), e => Assert.Contains("timed out", e.Error, StringComparison.Ordinal));
            Assert.Equal(2, events.OfType<RunEvent.NodeAttemptFailed>().Count());
            Assert.Contains(executor.Journal.Attempts(result.RunId), a => a.Status == "timeout");
        }
    }

    [Fact]
    public async Task StartAsync_LlmWithoutEndpoint_GoesStraightToFallback()
    {
        var (result, events, executor, _) = await RunOne("llmfallback", """{ kind: llm, model: gpt-4o-mini, fallback: "echo stand-in > $PLACEMENT_OUTPUT" }""");
        using (executor)
        {
            Assert.Equal(RunStatus.Succeeded, result.Status);
            Assert.Equal(NodeCommitKind.Fallback, result.Nodes.Single().Kind);
            Assert.Null(Assert.Single(events.OfType<RunEvent.NodeAttemptFailed>()).RetryInSeconds);
        }
    }

    [Fact]
    public async Task StartAsync_ReuseStorageNodeRunAgain_AppendsToExistingOutput()
    {
        var folder = TestKit.TempFolder("reuse");
        var yaml = """
            name: exec-reuse
            storage: { default: aws/us-east-1, retentionMonths: 1 }
            nodes:
              - { name: log, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, reuseStorage: true, handler: { kind: command, run: "echo line >> $PLACEMENT_OUTPUT" } }
            edges: []
            """;
        var (_, graph) = TestKit.Scenario(folder, yaml);
        var plan = TestKit.PlanFor(graph, ("log", "aws/us-east-1"));
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder));
        var first = await executor.StartAsync(new RunRequest(graph, plan, folder), null, default);
        var second = await executor.StartAsync(new RunRequest(graph, plan, folder, FromNode: "log"), null, default);

        // The second run appends to a copy under its own key: the first run's committed output is left as it was.
        Assert.Equal("line\nline\n", File.ReadAllText(TestKit.OutputFile(folder, "aws/us-east-1", "exec-reuse", second.RunId, "log")));
        Assert.Equal("line\n", File.ReadAllText(TestKit.OutputFile(folder, "aws/us-east-1", "exec-reuse", first.RunId, "log")));
    }

    [Fact]
    public void Backoff_SameSeed_SameDelaysAndExponentialGrowth()
    {
        var a = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2, new Random(5));
        var b = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2, new Random(5));
        var da = Enumerable.Range(1, 6).Select(a.After).ToList();
        var db = Enumerable.Range(1, 6).Select(b.After).ToList();
        Assert.Equal(da, db);
        for (var i = 0; i < 6; i++)
        {
            var raw = Math.Min(Math.Pow(2, i), 10);
            Assert.InRange(da[i].TotalSeconds, raw, raw * 1.2);
        }
    }

    [Fact]
    public void Validate_BadOptions_EveryProblemListed()
    {
        var o = new ExecutorOptions { MaxParallelism = 0, PerLocationConcurrency = 0, MaxAttempts = 0, JitterFraction = 2, NodeTimeout = TimeSpan.Zero, StateFolder = " " };
        var problems = o.Validate();
        Assert.Equal(6, problems.Count);
        Assert.Empty(new ExecutorOptions().Validate());
        Assert.Throws<ArgumentException>(() => new EmbeddedExecutor(o, TestKit.Local(TestKit.TempFolder("opts")), [], TimeProvider.System, new Random(1)));
    }
}

internal sealed class SyncProgress(Action<RunEvent> report) : IProgress<RunEvent>
{
    public void Report(RunEvent value) => report(value);
}
