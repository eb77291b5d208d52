using System.Security.Cryptography;

namespace Placement.Execution.Storage;

/// <summary>
/// Reads at most <see cref="Limit"/> bytes from an inner stream while counting them and computing their
/// SHA-256, so a move measures exactly the bytes it sent and their hash in one pass.
/// </summary>
public sealed class HashingStream(Stream inner, long limit, Action<long>? onProgress = null) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long position;

    /// <summary>Bytes to read at most.</summary>
    public long Limit => limit;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => position;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => limit;

    /// <inheritdoc />
    public override long Position { get => position; set => throw new NotSupportedException(); }

    /// <summary>SHA-256 (lower-case hex) of the bytes read; call once, at the end.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer[..Allowed(buffer.Length)]);
        Account(buffer[..n]);
        return n;
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..n]);
        return n;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Allowed(int requested) => (int)Math.Min(requested, limit - position);

    private void Account(ReadOnlySpan<byte> data)
    {
        hash.AppendData(data);
        position += data.Length;
        onProgress?.Invoke(position);
    }
}
