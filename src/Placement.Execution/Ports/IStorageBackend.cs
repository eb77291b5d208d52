using Placement.Core.Model;

namespace Placement.Execution.Ports;

/// <summary>
/// One storage service (local folders, the S3 API, Azure Blob) holding exactly one bucket per location, as
/// cost-model.md says. Keys are relative, '/'-separated and confined to the bucket (see <see cref="Storage.StorageKey"/>).
/// Implementations must be safe to call from several tasks at once.
/// </summary>
public interface IStorageBackend
{
    /// <summary>Short kind word: <c>local</c>, <c>s3</c> or <c>azure</c>.</summary>
    string Kind { get; }

    /// <summary>The URI naming an object, e.g. <c>s3://placement-aws-us-east-1/video/split</c>. Never carries credentials.</summary>
    string UriOf(Location bucket, string key);

    /// <summary>Writes an object from a stream of <paramref name="lengthBytes"/> bytes, replacing any existing one.</summary>
    Task PutAsync(Location bucket, string key, Stream content, long lengthBytes, CancellationToken cancel);

    /// <summary>Opens an object for reading; throws <see cref="FileNotFoundException"/> when it does not exist.</summary>
    Task<StoredStream> OpenReadAsync(Location bucket, string key, CancellationToken cancel);

    /// <summary>
    /// Opens an object for reading from byte <paramref name="offset"/> on (a range read: the bytes before it are not
    /// sent); <see cref="StoredStream.LengthBytes"/> is the length of the rest. The default reads and drops the
    /// bytes before the offset, for backends without ranges.
    /// </summary>
    async Task<StoredStream> OpenReadAsync(Location bucket, string key, long offset, CancellationToken cancel)
    {
        var whole = await OpenReadAsync(bucket, key, cancel).ConfigureAwait(false);
        var skip = Math.Min(offset, whole.LengthBytes);
        var buffer = new byte[1 << 16];
        for (var left = skip; left > 0;)
        {
            var n = await whole.Content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancel).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            left -= n;
        }

        return new StoredStream(whole.Content, whole.LengthBytes - skip, whole);
    }

    /// <summary>
    /// Opens <paramref name="length"/> bytes of an object from byte <paramref name="offset"/> on (fewer at its end): the
    /// one range of a part of an output with parts, so only those bytes are sent. The default opens the rest from the
    /// offset and reads no further than the range; S3 and Azure ask the service for the exact range.
    /// </summary>
    async Task<StoredStream> OpenRangeAsync(Location bucket, string key, long offset, long length, CancellationToken cancel)
    {
        var rest = await OpenReadAsync(bucket, key, offset, cancel).ConfigureAwait(false);
        var take = Math.Min(length, rest.LengthBytes);
        return new StoredStream(new Storage.ExactLengthStream(rest.Content, take), take, rest);
    }

    /// <summary>Size in bytes of an object, or null when it does not exist.</summary>
    Task<long?> SizeAsync(Location bucket, string key, CancellationToken cancel);

    /// <summary>Deletes an object; no error when it does not exist.</summary>
    Task DeleteAsync(Location bucket, string key, CancellationToken cancel);

    /// <summary>
    /// Copies an object between two buckets of this service without the bytes passing through the executor,
    /// where the service allows it. Returns false when it cannot (the caller then streams source to destination).
    /// </summary>
    Task<bool> TryServerSideCopyAsync(Location from, Location to, string key, CancellationToken cancel);
}

/// <summary>An open object: its content and its length in bytes. Dispose it to release the connection.</summary>
public sealed class StoredStream(Stream content, long lengthBytes, IDisposable? owner = null) : IDisposable
{
    /// <summary>The object's bytes.</summary>
    public Stream Content { get; } = content;

    /// <summary>The object's length in bytes.</summary>
    public long LengthBytes { get; } = lengthBytes;

    /// <inheritdoc />
    public void Dispose()
    {
        Content.Dispose();
        owner?.Dispose();
    }
}
