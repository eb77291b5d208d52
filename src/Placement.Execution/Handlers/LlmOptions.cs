namespace Placement.Execution.Handlers;

/// <summary>
/// Where the <c>llm</c> handler sends requests: any OpenAI-compatible server. The key is held here only;
/// <see cref="ToString"/> hides it.
/// </summary>
/// <param name="BaseUrl">Endpoint, e.g. <c>http://127.0.0.1:8080/v1</c>; null means the OpenAI service.</param>
/// <param name="ApiKey">API key; null when not configured.</param>
public sealed record LlmOptions(Uri? BaseUrl, string? ApiKey)
{
    /// <summary>Reads <c>PLACEMENT_OPENAI_BASE_URL</c> and <c>OPENAI_API_KEY</c> (or <c>PLACEMENT_OPENAI_API_KEY</c>).</summary>
    public static LlmOptions FromEnvironment(Func<string, string?> env)
    {
        var url = env("PLACEMENT_OPENAI_BASE_URL");
        var key = env("PLACEMENT_OPENAI_API_KEY") ?? env("OPENAI_API_KEY");
        return new LlmOptions(
            string.IsNullOrEmpty(url) ? null : Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : new Uri("invalid:" + Uri.EscapeDataString(url)),
            string.IsNullOrEmpty(key) ? null : key);
    }

    /// <summary>True when a key is configured (a local server still needs some non-empty key).</summary>
    public bool Configured => ApiKey is not null && (BaseUrl is null || BaseUrl.Scheme is "http" or "https");

    /// <inheritdoc />
    public override string ToString() => $"LlmOptions {{ BaseUrl = {BaseUrl?.ToString() ?? "(OpenAI)"}, key = {(ApiKey is null ? "(none)" : "(hidden)")} }}";
}
