using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Placement.Core.Text;

/// <summary>
/// A string as a JSON string literal, quotes included, escaping only what JSON requires (non-ASCII kept as is):
/// the same text as <c>JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = UnsafeRelaxedJsonEscaping })</c>,
/// written directly so it needs no reflection (the CLI is also published as a native, trimmed binary).
/// </summary>
public static class JsonString
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The literal for <paramref name="value"/>; <c>null</c> for null.</summary>
    public static string Quote(string? value)
    {
        var buffer = new ArrayBufferWriter<byte>(value is null ? 8 : value.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
