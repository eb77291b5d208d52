using System.Security.Cryptography;

namespace Placement.Execution.Storage;

/// <summary>
/// Reads at most <see cref="Limit"/> bytes from an inner stream while counting them and computing their
/// SHA-256, so a move measures exactly the bytes it sent and their hash in one pass.
/// </summary>
public sealed class HashingStream(Stream inner, long limit, Action<long>? onProgress = null) : BoundedReadStream(inner, limit)
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes to read at most.</summary>
    public long Limit => Length;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => Position;

    /// <summary>SHA-256 (lower-case hex) of the bytes read; call once, at the end.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <inheritdoc />
    protected override void OnRead(ReadOnlySpan<byte> data)
    {
        hash.AppendData(data);
        onProgress?.Invoke(Position);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
