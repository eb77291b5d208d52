using System.Text.RegularExpressions;

namespace Placement.Execution.Engine;

/// <summary>
/// Removes the values of known secret environment variables, and anything shaped like a signature or key
/// parameter, from text before it reaches a journal, trace or console.
/// </summary>
public static partial class SecretRedactor
{
    private static readonly string[] Variables = ["AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "OPENAI_API_KEY", "PLACEMENT_OPENAI_API_KEY", "AZURE_STORAGE_KEY"];

    /// <summary>The text with secrets replaced by <c>(redacted)</c>.</summary>
    public static string Redact(string text)
    {
        foreach (var name in Variables)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(value) && value.Length >= 4)
            {
                text = text.Replace(value, "(redacted)", StringComparison.Ordinal);
            }
        }

        if (Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING") is { Length: > 0 } cs)
        {
            text = text.Replace(cs, "(redacted)", StringComparison.Ordinal);
            if (Storage.AzureBlobOptions.Parse(cs).AccountKey is { Length: >= 4 } accountKey)
            {
                // The key alone, wherever it shows up outside the connection string.
                text = text.Replace(accountKey, "(redacted)", StringComparison.Ordinal);
            }
        }

        text = SharedKeyHeader().Replace(text, "$1:(redacted)");
        return KeyLike().Replace(text, "$1=(redacted)");
    }

    [GeneratedRegex("(AccountKey|Signature|sig|X-Amz-Signature|Credential|api[-_]?key)=[^;&\\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyLike();

    /// <summary>An Azure Shared Key Authorization header value: <c>SharedKey ACCOUNT:SIGNATURE</c>.</summary>
    [GeneratedRegex("(SharedKey(?:Lite)?\\s+[^:\\s]+):[A-Za-z0-9+/=]+", RegexOptions.IgnoreCase)]
    private static partial Regex SharedKeyHeader();
}
