using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Storage;

/// <summary>
/// Buckets through the S3 API (AWS S3; Google Cloud Storage through its S3-compatible XML endpoint; Cloudflare
/// R2; s3rver in tests), one bucket per location named <c>PREFIX-PROVIDER-REGION</c>. Buckets are created on
/// first use. Copies between two buckets of one endpoint are server-side (CopyObject).
/// </summary>
public sealed class S3Backend : IStorageBackend, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly S3Options options;
    private readonly ConcurrentDictionary<string, Lazy<Task>> ensured = new(StringComparer.Ordinal);

    /// <summary>Creates the backend from validated options.</summary>
    public S3Backend(S3Options options)
    {
        this.options = options;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.SigningRegion,
            MaxErrorRetry = 0, // the executor retries with its own seeded backoff
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.SigningRegion);
        }

        client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);

        // The SDK escapes the '/' of x-amz-copy-source as %2F; S3 accepts both forms, s3rver only the plain one.
        // The event fires before signing, so the signature covers the rewritten header.
        client.BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs w && w.Headers.TryGetValue("x-amz-copy-source", out var source))
            {
                w.Headers["x-amz-copy-source"] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
            }
        };
    }

    /// <inheritdoc />
    public string Kind => "s3";

    /// <summary>The bucket name of a location.</summary>
    public string BucketName(Location bucket) => $"{options.BucketPrefix}-{bucket.Provider}-{bucket.Region}".ToLowerInvariant().Replace('_', '-').Replace('.', '-');

    /// <inheritdoc />
    public string UriOf(Location bucket, string key) => $"s3://{BucketName(bucket)}/{StorageKey.Check(key)}";

    /// <inheritdoc />
    public async Task PutAsync(Location bucket, string key, Stream content, long lengthBytes, CancellationToken cancel)
    {
        await EnsureBucketAsync(bucket, cancel).ConfigureAwait(false);
        var https = options.ServiceUrl is null || options.ServiceUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        if (https)
        {
            // Over HTTPS the payload is left unsigned (TLS protects it): the source streams straight through.
            await PutStreamAsync(bucket, key, content, lengthBytes, unsignedPayload: true, cancel).ConfigureAwait(false);
            return;
        }

        // Plain HTTP (s3rver) needs a signed payload, whose hash the SDK computes from a seekable stream, and s3rver
        // does not decode aws-chunked uploads: spool to a temporary file first.
        var temp = Path.Combine(Path.GetTempPath(), $"placement-s3-{Guid.NewGuid():N}.tmp");
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await content.CopyToAsync(file, 1 << 16, cancel).ConfigureAwait(false);
            file.Position = 0;
            await PutStreamAsync(bucket, key, file, file.Length, unsignedPayload: false, cancel).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task PutStreamAsync(Location bucket, string key, Stream content, long lengthBytes, bool unsignedPayload, CancellationToken cancel)
    {
        var request = new PutObjectRequest
        {
            BucketName = BucketName(bucket),
            Key = StorageKey.Check(key),
            InputStream = content,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            DisablePayloadSigning = unsignedPayload,
        };
        request.Headers.ContentLength = lengthBytes;
        await client.PutObjectAsync(request, cancel).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenReadAsync(Location bucket, string key, CancellationToken cancel)
    {
        try
        {
            var response = await client.GetObjectAsync(BucketName(bucket), StorageKey.Check(key), cancel).ConfigureAwait(false);
            return new StoredStream(response.ResponseStream, response.ContentLength, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No object {key} in bucket {BucketName(bucket)}.", e);
        }
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenReadAsync(Location bucket, string key, long offset, CancellationToken cancel)
    {
        if (offset <= 0)
        {
            return await OpenReadAsync(bucket, key, cancel).ConfigureAwait(false);
        }

        var size = await SizeAsync(bucket, key, cancel).ConfigureAwait(false) ?? throw new FileNotFoundException($"No object {key} in bucket {BucketName(bucket)}.");
        if (offset >= size)
        {
            return new StoredStream(Stream.Null, 0);
        }

        try
        {
            var request = new GetObjectRequest { BucketName = BucketName(bucket), Key = StorageKey.Check(key), ByteRange = new ByteRange(offset, size - 1) };
            var response = await client.GetObjectAsync(request, cancel).ConfigureAwait(false);
            return new StoredStream(response.ResponseStream, response.ContentLength, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No object {key} in bucket {BucketName(bucket)}.", e);
        }
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenRangeAsync(Location bucket, string key, long offset, long length, CancellationToken cancel)
    {
        if (length <= 0)
        {
            return new StoredStream(Stream.Null, 0);
        }

        try
        {
            // Exactly the range (a part of an output with parts): the service sends no byte beyond it.
            var request = new GetObjectRequest { BucketName = BucketName(bucket), Key = StorageKey.Check(key), ByteRange = new ByteRange(offset, offset + length - 1) };
            var response = await client.GetObjectAsync(request, cancel).ConfigureAwait(false);
            return new StoredStream(response.ResponseStream, response.ContentLength, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No object {key} in bucket {BucketName(bucket)}.", e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return new StoredStream(Stream.Null, 0);
        }
    }

    /// <inheritdoc />
    public async Task<long?> SizeAsync(Location bucket, string key, CancellationToken cancel)
    {
        try
        {
            var meta = await client.GetObjectMetadataAsync(BucketName(bucket), StorageKey.Check(key), cancel).ConfigureAwait(false);
            return meta.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Location bucket, string key, CancellationToken cancel)
    {
        try
        {
            await client.DeleteObjectAsync(BucketName(bucket), StorageKey.Check(key), cancel).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryServerSideCopyAsync(Location from, Location to, string key, CancellationToken cancel)
    {
        await EnsureBucketAsync(to, cancel).ConfigureAwait(false);
        var request = new CopyObjectRequest
        {
            SourceBucket = BucketName(from),
            SourceKey = StorageKey.Check(key),
            DestinationBucket = BucketName(to),
            DestinationKey = key,
        };
        await client.CopyObjectAsync(request, cancel).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => client.Dispose();

    private Task EnsureBucketAsync(Location bucket, CancellationToken cancel)
    {
        var name = BucketName(bucket);
        var lazy = ensured.GetOrAdd(name, n => new Lazy<Task>(() => CreateBucketAsync(n, cancel)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed creation (server down) is tried again on the next call.
            ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(name, lazy));
        }

        return task;
    }

    private async Task CreateBucketAsync(string name, CancellationToken cancel)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = name }, cancel).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Exists from an earlier run.
        }
    }
}
