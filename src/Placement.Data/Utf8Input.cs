using System.Text;
using System.Text.Unicode;

namespace Placement.Data;

/// <summary>
/// Input files read as bytes and parsed as UTF-8 in place (JSON readers), giving what parsing the text
/// <see cref="File.ReadAllText(string)"/> decodes would give: without the UTF-16 copy, twice the file's size, and the
/// transcoding back to UTF-8 the JSON reader then does.
/// </summary>
public static class Utf8Input
{
    /// <summary>
    /// The UTF-8 to parse, after an optional UTF-8 byte-order mark; null when the bytes need the text decoder: a UTF-16
    /// or UTF-32 byte-order mark, or invalid UTF-8 (which the decoder replaces with U+FFFD, as ReadAllText does).
    /// </summary>
    public static ReadOnlyMemory<byte>? Direct(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return null;
        }

        // Not "valid ? bytes : null": null would convert to an empty ReadOnlyMemory through byte[], not to no value.
        if (!Utf8.IsValid(bytes.Span))
        {
            return null;
        }

        return bytes;
    }

    /// <summary>The text <see cref="File.ReadAllText(string)"/> gives for these bytes (UTF-8 unless a byte-order mark says otherwise).</summary>
    public static string Decode(ReadOnlyMemory<byte> bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes.ToArray()), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
