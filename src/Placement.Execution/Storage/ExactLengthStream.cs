namespace Placement.Execution.Storage;

/// <summary>
/// Passes on exactly <see cref="Stream.Length"/> bytes of an inner stream: stops there even if the inner stream
/// goes on, and throws <see cref="EndOfStreamException"/> if it ends earlier, so an upload never stores a short
/// object.
/// </summary>
public sealed class ExactLengthStream(Stream inner, long length) : BoundedReadStream(inner, length)
{
    /// <inheritdoc />
    protected override void OnRead(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new EndOfStreamException($"The content ended after {Position} of {Length} bytes.");
        }
    }
}
