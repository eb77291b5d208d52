namespace Placement.Execution.Storage;

/// <summary>
/// Passes on exactly <see cref="Length"/> bytes of an inner stream: stops there even if the inner stream goes on,
/// and throws <see cref="EndOfStreamException"/> if it ends earlier, so an upload never stores a short object.
/// </summary>
public sealed class ExactLengthStream(Stream inner, long length) : Stream
{
    private long position;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => length;

    /// <inheritdoc />
    public override long Position { get => position; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var wanted = Allowed(buffer.Length);
        return wanted == 0 ? 0 : Account(inner.Read(buffer[..wanted]));
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Allowed(buffer.Length);
        return wanted == 0 ? 0 : Account(await inner.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false));
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

    private int Allowed(int requested) => (int)Math.Min(requested, length - position);

    private int Account(int n)
    {
        if (n == 0)
        {
            throw new EndOfStreamException($"The content ended after {position} of {length} bytes.");
        }

        position += n;
        return n;
    }
}
