using Placement.Execution.Handlers;
using Placement.Execution.Ports;
using Placement.Execution.Tests.Engine;

namespace Placement.Execution.Tests.Handlers;

public class LlmHandlerTests
{
    private const string Yaml = """
        name: exec-llm
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        nodes:
          - { name: notes, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 20, handler: { kind: command, run: "echo lecture about buckets > $PLACEMENT_OUTPUT" } }
          - name: summary
            endpoint: { kind: llm, model: gpt-4o-mini }
            work: { inputTokens: 100, outputTokens: 20 }
            outputBytes: 30
            handler: { kind: llm, prompt: "Summarise in one line.", maxAttempts: "3" }
        edges:
          - { from: notes, to: summary }
        """;

    [Fact]
    public async Task StartAsync_LocalOpenAiCompatibleServer_ReplyStoredInPrimaryParentsBucket()
    {
        using var server = new TinyOpenAiServer("A lecture about buckets.", failFirst: 1);
        var folder = TestKit.TempFolder("llm");
        var (_, graph) = TestKit.Scenario(folder, Yaml);
        var plan = TestKit.PlanFor(graph, ("notes", "aws/us-east-1"), ("summary", "openai/global"));
        const string key = "sk-test-secret-never-logged-123";
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder), llm: new LlmOptions(server.BaseUrl, key));
        var events = new List<RunEvent>();
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder, Pricing: TestKit.Pricing), new SyncProgress(events.Add), default);

        Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
        var stored = File.ReadAllText(TestKit.OutputFile(folder, "aws/us-east-1", "exec-llm", result.RunId, "summary"));
        Assert.Equal("A lecture about buckets.", stored);
        var summary = result.Nodes.Single(n => n.Node == "summary");
        Assert.Equal("aws/us-east-1", summary.StorageHome);
        Assert.Equal((120L, 30L), (summary.InputTokens, summary.OutputTokens));
        Assert.Equal(2, server.Requests.Count); // the 503 was retried once
        Assert.All(server.Requests, r => Assert.Equal("/v1/chat/completions", r.Path));
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + key, r.Authorization));
        Assert.Contains("lecture about buckets", server.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Contains("Summarise in one line.", server.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Contains(result.Transfers, t => t.Data == "summary" && t.Mode == "route-back" && t.Bytes == stored.Length);

        Assert.DoesNotContain(key, executor.Journal.DumpText(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, File.ReadAllText(result.TracePath), StringComparison.Ordinal);
        Assert.DoesNotContain(key, File.ReadAllText(Path.Combine(result.RunFolder, "manifest.json")), StringComparison.Ordinal);
        Assert.DoesNotContain(key, string.Join("\n", events.Select(e => e.ToString())), StringComparison.Ordinal);

        // Measured LLM cost comes from the reported tokens at the pricing data's gpt-4o-mini rates (0.15 / 0.6 per million).
        var trace = Placement.Traces.Formats.TraceReader.Read(File.ReadAllText(result.TracePath), result.TracePath).Value!;
        var task = trace.Task("summary")!.Placement!;
        Assert.Equal((120 * 0.15m + 30 * 0.6m) / 1_000_000m, task.Cost.LlmUsd);
        Assert.Equal((120 * 0.15m + 30 * 0.6m) / 1_000_000m, task.Cost.TotalUsd);
        Assert.Equal(120, task.InputTokens);
        Assert.Equal(30, task.OutputTokens);
    }

    [Fact]
    public void Check_NoEndpointAndNoFallback_OneClearProblem()
    {
        var folder = TestKit.TempFolder("llmcheck");
        var (_, graph) = TestKit.Scenario(folder, Yaml);
        var problems = new LlmHandler(new LlmOptions(null, null)).Check(graph.Node("summary"));
        Assert.Contains(problems, p => p.Contains("OPENAI_API_KEY", StringComparison.Ordinal));
        Assert.Empty(new LlmHandler(new LlmOptions(new Uri("http://127.0.0.1:1/v1"), "k")).Check(graph.Node("summary")));
    }

    [Fact]
    public void ToString_Options_HideTheKey()
    {
        Assert.DoesNotContain("sk-abc", new LlmOptions(null, "sk-abc").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", new Placement.Execution.Storage.S3Options(null, "us-east-1", "id", "secret", "p", true).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Placement.Execution.Storage.AzureBlobOptions.AzuriteAccountKey, Placement.Execution.Storage.AzureBlobOptions.Parse(Placement.Execution.Storage.AzureBlobOptions.AzuriteConnectionString(1)).ToString(), StringComparison.Ordinal);
    }
}
