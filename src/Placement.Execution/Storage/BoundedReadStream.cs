namespace Placement.Execution.Storage;

/// <summary>
/// A forward-only, read-only view of at most <see cref="Length"/> bytes of an inner stream; subclasses see
/// every chunk read through <see cref="OnRead"/> (to hash it, count it, or refuse a short stream).
/// </summary>
public abstract class BoundedReadStream(Stream inner, long limit) : Stream
{
    private long position;

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

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var wanted = Allowed(buffer.Length);
        return wanted == 0 ? 0 : Accept(buffer[..inner.Read(buffer[..wanted])]);
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Allowed(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        var n = await inner.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        return Accept(buffer.Span[..n]);
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

    /// <summary>
    /// Called with each chunk the inner stream returned, after <see cref="Position"/> counts it; an empty chunk
    /// means the inner stream ended before <see cref="Length"/> bytes.
    /// </summary>
    protected abstract void OnRead(ReadOnlySpan<byte> data);

    private int Allowed(int requested) => (int)Math.Min(requested, limit - position);

    private int Accept(ReadOnlySpan<byte> data)
    {
        position += data.Length;
        OnRead(data);
        return data.Length;
    }
}
