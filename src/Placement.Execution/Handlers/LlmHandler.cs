using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Handlers;

/// <summary>
/// <c>llm</c>: one chat completion through the OpenAI .NET SDK against any OpenAI-compatible endpoint. The user
/// message is the <c>prompt</c> setting followed by each input as text (<c>## ITEM</c> then its content, at most
/// <see cref="MaxInputChars"/> characters per input). The reply text is the node's output; the executor stores
/// it in the primary parent's bucket (the node has no storage). Token usage is reported for measured cost.
/// </summary>
public sealed class LlmHandler(LlmOptions options) : INodeHandler
{
    /// <summary>Characters of each input put into the prompt.</summary>
    public const int MaxInputChars = 100_000;

    /// <inheritdoc />
    public string Kind => "llm";

    /// <summary>The endpoint settings used.</summary>
    public LlmOptions Options => options;

    /// <inheritdoc />
    public IReadOnlyList<string> Check(WorkflowNode node)
    {
        var settings = node.Handler?.Settings ?? new Dictionary<string, string>();
        var problems = HandlerSettings.Check(settings).ToList();
        if (Model(node, settings) is null)
        {
            problems.Add("handler.model: name the model (or give the node an llm endpoint with a model)");
        }

        if (!options.Configured && node.Handler?.Fallback is null)
        {
            problems.Add("no LLM endpoint configured: set OPENAI_API_KEY (and PLACEMENT_OPENAI_BASE_URL for a local server), or give the node a handler.fallback of another kind");
        }

        return problems;
    }

    /// <inheritdoc />
    public async Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel)
    {
        if (!options.Configured)
        {
            throw new PermanentNodeException("no LLM endpoint configured");
        }

        var model = Model(work.Node, work.Settings)!;
        var clientOptions = new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromMinutes(10), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) };
        if (options.BaseUrl is { } url)
        {
            clientOptions.Endpoint = url;
        }

        var client = new ChatClient(model, new ApiKeyCredential(options.ApiKey!), clientOptions);
        var text = new StringBuilder(work.Settings.GetValueOrDefault("prompt") ?? "Summarise the following inputs.");
        foreach (var input in work.Inputs)
        {
            // An input with parts: one section per part read (## ITEM/PART).
            var sections = input.Parts is { } parts ? parts.Select(p => ($"{input.Item}/{p.Part}", p.Path)).ToList() : [(input.Item, input.Path)];
            foreach (var (title, path) in sections)
            {
                text.Append("\n\n## ").Append(title).Append('\n');
                using var reader = new StreamReader(path, Encoding.UTF8);
                var buffer = new char[MaxInputChars];
                var n = await reader.ReadBlockAsync(buffer, cancel).ConfigureAwait(false);
                text.Append(buffer, 0, n);
            }
        }

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(text.ToString())], new ChatCompletionOptions(), cancel).ConfigureAwait(false);
        var reply = string.Concat(completion.Content.Select(p => p.Text));
        await File.WriteAllTextAsync(work.OutputPath, reply, new UTF8Encoding(false), cancel).ConfigureAwait(false);
        return new NodeOutcome(completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0, model);
    }

    private static string? Model(WorkflowNode node, IReadOnlyDictionary<string, string> settings) =>
        settings.GetValueOrDefault("model") ?? (node.Endpoint is LlmRequirement llm && llm.Models.Count > 0 ? llm.Models[0] : null);
}
