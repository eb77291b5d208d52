using System.Security.Cryptography;
using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Storage;

/// <summary>SHA-256 content hashes (lower-case hex) of files and stored objects.</summary>
public static class ContentHash
{
    /// <summary>Hash of a local file.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancel)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancel).ConfigureAwait(false));
    }

    /// <summary>Hash and size of a stored object, or null when it does not exist.</summary>
    public static async Task<(string Sha256, long Bytes)?> OfObjectAsync(IStorageBackend backend, Location bucket, string key, CancellationToken cancel)
    {
        if (await backend.SizeAsync(bucket, key, cancel).ConfigureAwait(false) is null)
        {
            return null;
        }

        try
        {
            using var stored = await backend.OpenReadAsync(bucket, key, cancel).ConfigureAwait(false);
            await using var hashing = new HashingStream(stored.Content, long.MaxValue);
            await hashing.CopyToAsync(Stream.Null, 1 << 16, cancel).ConfigureAwait(false);
            return (hashing.Sha256Hex(), hashing.BytesRead);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Hash of a text (UTF-8).</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
