using System.Text.Json;
using System.Text.Json.Serialization;
using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Storage;

/// <summary>One part of a stored output: its byte range in the output's one object at its home, and its SHA-256.</summary>
/// <param name="Name">Part name as the scenario declares it.</param>
/// <param name="Offset">First byte of the part in the object.</param>
/// <param name="Bytes">The part's length in bytes.</param>
/// <param name="Sha256">SHA-256 of the part's bytes (lower-case hex).</param>
public sealed record PartRange(string Name, long Offset, long Bytes, string Sha256);

/// <summary>
/// Where each part of an output with parts lies: the output is stored at its home as one object, the parts
/// concatenated in the scenario's declared order, and this index (written at <see cref="StorageKey.ForPartIndex"/>
/// before the output is committed) gives each part's byte range and hash, so any worker can read one part as a range
/// of the object and check it. <see cref="Sha256"/> is the whole object's hash (the commit's).
/// </summary>
/// <param name="Sha256">SHA-256 of the whole object.</param>
/// <param name="Bytes">Length of the whole object.</param>
/// <param name="Parts">The parts in declared order.</param>
public sealed record PartIndex(string Sha256, long Bytes, IReadOnlyList<PartRange> Parts)
{
    /// <summary>The part of that name; throws <see cref="InvalidOperationException"/> when the index has none.</summary>
    public PartRange Part(string name) =>
        Parts.FirstOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"the stored output has no part '{name}' (its index lists {string.Join(", ", Parts.Select(p => p.Name))})");

    /// <summary>The index as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PartIndexJson.Default.PartIndex);

    /// <summary>Writes the index beside the object at <paramref name="itemKey"/>.</summary>
    public async Task WriteAsync(IStorageBackend backend, Location bucket, string itemKey, CancellationToken cancel)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(ToJson());
        using var content = new MemoryStream(bytes, writable: false);
        await backend.PutAsync(bucket, StorageKey.ForPartIndex(itemKey), content, bytes.Length, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the index of the object at <paramref name="itemKey"/>; throws <see cref="IOException"/> when it is missing,
    /// unreadable or (when <paramref name="expectedSha256"/> is given) of another version of the object.
    /// </summary>
    public static async Task<PartIndex> ReadAsync(IStorageBackend backend, Location bucket, string itemKey, string? expectedSha256, CancellationToken cancel)
    {
        string text;
        try
        {
            using var stored = await backend.OpenReadAsync(bucket, StorageKey.ForPartIndex(itemKey), cancel).ConfigureAwait(false);
            using var reader = new StreamReader(stored.Content);
            text = await reader.ReadToEndAsync(cancel).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new IOException($"the part index of {backend.UriOf(bucket, itemKey)} is missing");
        }

        PartIndex? index;
        try
        {
            index = JsonSerializer.Deserialize(text, PartIndexJson.Default.PartIndex);
        }
        catch (JsonException e)
        {
            throw new IOException($"the part index of {backend.UriOf(bucket, itemKey)} is not valid: {e.Message}");
        }

        if (index?.Parts is null || index.Sha256 is null)
        {
            throw new IOException($"the part index of {backend.UriOf(bucket, itemKey)} is not valid");
        }

        if (expectedSha256 is { Length: > 0 } && index.Sha256 != expectedSha256)
        {
            throw new IOException($"the part index of {backend.UriOf(bucket, itemKey)} is of another version of the object (sha256 {index.Sha256}, committed {expectedSha256})");
        }

        return index;
    }
}

/// <summary>
/// Source-generated JSON for <see cref="PartIndex"/> (camelCase, compact: what the reflection-based options wrote), so
/// the native, trimmed CLI reads and writes part indexes without reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(PartIndex))]
internal sealed partial class PartIndexJson : JsonSerializerContext
{
}
