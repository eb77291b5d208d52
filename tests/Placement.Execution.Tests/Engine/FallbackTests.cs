using System.Text.Json;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Tests.Handlers;

namespace Placement.Execution.Tests.Engine;

/// <summary>A node's fallback as a full handler of any kind, and its string shorthand.</summary>
public class FallbackTests
{
    private const string Failing = "kind: command, run: \"echo primary-broke >&2; exit 3\", maxAttempts: \"2\"";

    private static string TwoNodes(string name, string handlerB) => $$"""
        name: exec-{{name}}
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        nodes:
          - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 100, handler: { kind: noop } }
          - name: b
            endpoint: { kind: vm, minVcpus: 2 }
            work: { runtimeHours: 0.1 }
            outputBytes: 40
            handler: {{handlerB}}
        edges:
          - { from: a, to: b }
        """;

    private static async Task<(RunResult Result, EmbeddedExecutor Executor, string Folder)> Run(string name, string handlerB, LlmOptions? llm = null)
    {
        var folder = TestKit.TempFolder(name);
        var (_, graph) = TestKit.Scenario(folder, TwoNodes(name, handlerB));
        var plan = TestKit.PlanFor(graph, ("a", "aws/us-east-1"), ("b", "aws/us-east-1"));
        var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder), llm: llm);
        var request = new RunRequest(graph, plan, folder, Pricing: TestKit.Pricing);
        Assert.Empty(executor.Check(request, "scenario.yaml"));
        var events = new List<RunEvent>();
        var result = await executor.StartAsync(request, new SyncProgress(e => { lock (events) { events.Add(e); } }), default);

        // Every run here gets to b's fallback: its start says so, with the fallback's kind, once per fallback attempt.
        var kind = graph.Node("b").Handler!.Fallback!.Kind;
        Assert.Contains(events.OfType<RunEvent.NodeStarted>(), e => e.Node == "b" && e.Attempt == 3 && e.Fallback == kind);
        Assert.All(events.OfType<RunEvent.NodeStarted>().Where(e => e.Attempt <= 2), e => Assert.Null(e.Fallback));
        return (result, executor, folder);
    }

    private static string Stored(string folder, string scenario, string node, string runId) => TestKit.OutputFile(folder, "aws/us-east-1", scenario, runId, node);

    [Fact]
    public async Task StartAsync_PrimaryFailsWithCopyFallback_FallbackCommitsOnceWithItsInputs()
    {
        var (result, executor, folder) = await Run("fb-copy", $"{{ {Failing}, fallback: {{ kind: copy }} }}");
        using (executor)
        {
            Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
            var b = result.Nodes.Single(n => n.Node == "b");
            Assert.Equal(NodeCommitKind.Fallback, b.Kind);
            Assert.Equal(File.ReadAllBytes(Stored(folder, "exec-fb-copy", "a", result.RunId)), File.ReadAllBytes(Stored(folder, "exec-fb-copy", "b", result.RunId)));
            Assert.Equal(1, executor.Journal.CommitCount($"{result.RunId}/b"));
            Assert.Equal(0, executor.Journal.CommitCount($"{result.RunId}/b#fallback"));
            var attempts = executor.Journal.Attempts(result.RunId).Where(a => a.Node == "b").OrderBy(a => a.Attempt).ToList();
            Assert.Equal(["primary", "primary", "fallback"], attempts.Select(a => a.Kind));
            Assert.Equal(["failed", "failed", "ok"], attempts.Select(a => a.Status));
        }
    }

    [Fact]
    public async Task StartAsync_PrimaryFailsWithNoopFallback_ManifestAndTraceSayFallback()
    {
        var (result, executor, folder) = await Run("fb-noop", $"{{ {Failing}, fallback: {{ kind: noop }} }}");
        using (executor)
        {
            Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
            Assert.Equal(40, new FileInfo(Stored(folder, "exec-fb-noop", "b", result.RunId)).Length);
            Assert.Equal(1, executor.Journal.CommitCount($"{result.RunId}/b"));

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.RunFolder, "manifest.json")));
            var output = manifest.RootElement.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("node").GetString() == "b");
            Assert.Equal("fallback", output.GetProperty("kind").GetString());
            Assert.Equal("noop", output.GetProperty("fallbackHandler").GetString());
            Assert.Equal($"{result.RunId}/b#fallback", output.GetProperty("fallbackKey").GetString());
            Assert.Equal($"{result.RunId}/b", output.GetProperty("idempotencyKey").GetString());

            var trace = Placement.Traces.Formats.TraceReader.Read(File.ReadAllText(result.TracePath), result.TracePath);
            Assert.True(trace.Ok, string.Join("\n", trace.Problems));
            Assert.Equal("fallback", trace.Value!.Tasks.Single(t => t.Id == "b").Placement!.Commit);
            Assert.Equal(3, trace.Value.Tasks.Single(t => t.Id == "b").Placement!.Attempts);
        }
    }

    [Fact]
    public async Task StartAsync_StringShorthand_RunsAsCommandUnderTheFallbackKey()
    {
        var (result, executor, folder) = await Run("fb-short", $"{{ {Failing}, fallback: \"printf %s $PLACEMENT_IDEMPOTENCY_KEY > $PLACEMENT_OUTPUT\" }}");
        using (executor)
        {
            Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
            Assert.Equal(NodeCommitKind.Fallback, result.Nodes.Single(n => n.Node == "b").Kind);
            Assert.Equal($"{result.RunId}/b#fallback", File.ReadAllText(Stored(folder, "exec-fb-short", "b", result.RunId)));
            Assert.Equal(1, executor.Journal.CommitCount($"{result.RunId}/b"));
        }
    }

    [Fact]
    public async Task StartAsync_PrimaryFailsWithLlmFallback_LocalServerReplyCommittedWithTokens()
    {
        using var server = new TinyOpenAiServer("stand-in summary");
        var (result, executor, folder) = await Run("fb-llm", $"{{ {Failing}, fallback: {{ kind: llm, model: gpt-4o-mini, prompt: \"Summarise.\" }} }}", new LlmOptions(server.BaseUrl, "sk-test"));
        using (executor)
        {
            Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
            var b = result.Nodes.Single(n => n.Node == "b");
            Assert.Equal(NodeCommitKind.Fallback, b.Kind);
            Assert.Equal((120L, 30L), (b.InputTokens, b.OutputTokens));
            Assert.Equal("stand-in summary", File.ReadAllText(Stored(folder, "exec-fb-llm", "b", result.RunId)));
            Assert.Single(server.Requests);
            Assert.Equal(1, executor.Journal.CommitCount($"{result.RunId}/b"));
        }
    }

    [Fact]
    public async Task StartAsync_FallbackAlsoFails_NodeFailsNamingTheFallback()
    {
        var (result, executor, _) = await Run("fb-both", $"{{ {Failing}, fallback: {{ kind: command, run: \"exit 9\", maxAttempts: \"2\" }} }}");
        using (executor)
        {
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.Contains("fallback (command) failed", Assert.Single(result.Errors), StringComparison.Ordinal);
            Assert.Equal(["primary", "primary", "fallback", "fallback"], executor.Journal.Attempts(result.RunId).Where(a => a.Node == "b").OrderBy(a => a.Attempt).Select(a => a.Kind));
            Assert.Equal(0, executor.Journal.CommitCount($"{result.RunId}/b"));
        }
    }

    [Fact]
    public void Check_LlmFallbackWithoutEndpoint_ProblemNamesTheFallback()
    {
        var folder = TestKit.TempFolder("fb-check");
        var (_, graph) = TestKit.Scenario(folder, TwoNodes("fb-check", $"{{ {Failing}, fallback: {{ kind: llm, model: gpt-4o-mini }} }}"));
        var plan = TestKit.PlanFor(graph, ("a", "aws/us-east-1"), ("b", "aws/us-east-1"));
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder));
        var problem = Assert.Single(executor.Check(new RunRequest(graph, plan, folder), "scenario.yaml"));
        Assert.Equal("nodes.b.handler.fallback", problem.Field);
        Assert.Contains("no LLM endpoint configured", problem.Message, StringComparison.Ordinal);
    }
}
