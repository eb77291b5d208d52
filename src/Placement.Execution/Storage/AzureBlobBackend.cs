using System.Collections.Concurrent;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Storage;

/// <summary>
/// Buckets as Azure Blob containers (Azurite in tests), one per location named <c>PREFIX-PROVIDER-REGION</c>,
/// through Azure.Storage.Blobs with Shared Key authorisation. Containers are created on first use. Copies between
/// two containers of the account are server-side (Copy Blob).
/// </summary>
/// <remarks>
/// The SDK makes one try per call (<c>MaxRetries = 0</c>): the executor retries transfers with its own seeded
/// backoff, and two retry layers would multiply the waits. Its logging, distributed tracing and telemetry are off,
/// so no request (nor its Authorization header) is written anywhere. Service errors come out as
/// <see cref="IOException"/> (a missing object as <see cref="FileNotFoundException"/>) with the status, the error
/// code and the container path, never the account key.
/// </remarks>
public sealed class AzureBlobBackend : IStorageBackend, IDisposable
{
    /// <summary>Objects up to this size go up in one request; larger ones in blocks of this size (bounded memory).</summary>
    public const int BlockBytes = 8 * 1024 * 1024;

    /// <summary>
    /// How long one request (or one read of a download) may stay silent before it fails and the executor tries again:
    /// an 8 MiB block needs less at 1 Mbit/s.
    /// </summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);

    private const int CopyPolls = 600;
    private static readonly TimeSpan CopyPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly AzureBlobOptions options;
    private readonly HttpClient http;
    private readonly BlobServiceClient service;
    private readonly ConcurrentDictionary<string, Lazy<Task>> ensured = new(StringComparer.Ordinal);

    /// <summary>Creates the backend from validated options (see <see cref="AzureBlobOptions.Validate"/>).</summary>
    public AzureBlobBackend(AzureBlobOptions options)
    {
        this.options = options;

        // A restarted server leaves dead pooled connections: recycle them often. The SDK's NetworkTimeout bounds each try.
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };
        var clientOptions = new BlobClientOptions
        {
            Transport = new HttpClientTransport(http),
            Retry = { MaxRetries = 0, NetworkTimeout = NetworkTimeout },
            Diagnostics =
            {
                IsLoggingEnabled = false,
                IsLoggingContentEnabled = false,
                IsDistributedTracingEnabled = false,
                IsTelemetryEnabled = false,
            },
            TransferValidation =
            {
                // Each block carries its MD5, checked by the service; downloads are hashed (SHA-256) by the executor.
                Upload = { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
                Download = { ChecksumAlgorithm = StorageChecksumAlgorithm.None },
            },
        };
        service = new BlobServiceClient(
            options.BlobEndpoint ?? throw new ArgumentException("The Azure Blob options have no endpoint.", nameof(options)),
            new StorageSharedKeyCredential(options.AccountName, options.AccountKey),
            clientOptions);
    }

    /// <inheritdoc />
    public string Kind => "azure";

    /// <summary>The container name of a location.</summary>
    public string ContainerName(Location bucket) => $"{options.ContainerPrefix}-{bucket.Provider}-{bucket.Region}".ToLowerInvariant().Replace('_', '-').Replace('.', '-');

    /// <inheritdoc />
    public string UriOf(Location bucket, string key) => $"azure://{options.AccountName}/{ContainerName(bucket)}/{StorageKey.Check(key)}";

    /// <inheritdoc />
    public async Task PutAsync(Location bucket, string key, Stream content, long lengthBytes, CancellationToken cancel)
    {
        var blob = Blob(bucket, key);
        await EnsureContainerAsync(bucket, cancel).ConfigureAwait(false);
        var upload = new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = BlockBytes,
                MaximumTransferSize = BlockBytes,
                MaximumConcurrency = 1,
            },
        };
        Stream body;
        if (lengthBytes <= BlockBytes)
        {
            // A small object is read whole: with a known length the SDK sends one Put Blob instead of a block and a list.
            var buffer = new byte[lengthBytes];
            await content.ReadExactlyAsync(buffer, cancel).ConfigureAwait(false);
            body = new MemoryStream(buffer, writable: false);
        }
        else
        {
            body = new ExactLengthStream(content, lengthBytes);
        }

        if (await CallAsync("upload", blob, () => blob.UploadAsync(body, upload, cancel), cancel).ConfigureAwait(false) is null)
        {
            // The container went away since it was made: make it again on the next try.
            ensured.TryRemove(ContainerName(bucket), out _);
            throw new IOException($"Azure Blob upload of {blob.BlobContainerName}/{blob.Name} failed: the container does not exist.");
        }
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenReadAsync(Location bucket, string key, CancellationToken cancel)
    {
        var blob = Blob(bucket, key);
        var download = await CallAsync("download", blob, () => blob.DownloadStreamingAsync(new BlobDownloadOptions(), cancel), cancel).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"No object {key} in container {ContainerName(bucket)}.");
        var result = download.Value;
        return new StoredStream(result.Content, result.Details.ContentLength, result);
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenReadAsync(Location bucket, string key, long offset, CancellationToken cancel)
    {
        if (offset <= 0)
        {
            return await OpenReadAsync(bucket, key, cancel).ConfigureAwait(false);
        }

        var size = await SizeAsync(bucket, key, cancel).ConfigureAwait(false) ?? throw new FileNotFoundException($"No object {key} in container {ContainerName(bucket)}.");
        if (offset >= size)
        {
            return new StoredStream(Stream.Null, 0);
        }

        var blob = Blob(bucket, key);
        var options = new BlobDownloadOptions { Range = new Azure.HttpRange(offset) };
        var download = await CallAsync("download", blob, () => blob.DownloadStreamingAsync(options, cancel), cancel).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"No object {key} in container {ContainerName(bucket)}.");
        var result = download.Value;
        return new StoredStream(result.Content, result.Details.ContentLength, result);
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenRangeAsync(Location bucket, string key, long offset, long length, CancellationToken cancel)
    {
        var size = await SizeAsync(bucket, key, cancel).ConfigureAwait(false) ?? throw new FileNotFoundException($"No object {key} in container {ContainerName(bucket)}.");
        if (length <= 0 || offset >= size)
        {
            return new StoredStream(Stream.Null, 0);
        }

        // Exactly the range (a part of an output with parts): the service sends no byte beyond it.
        var blob = Blob(bucket, key);
        var options = new BlobDownloadOptions { Range = new Azure.HttpRange(offset, Math.Min(length, size - offset)) };
        var download = await CallAsync("download", blob, () => blob.DownloadStreamingAsync(options, cancel), cancel).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"No object {key} in container {ContainerName(bucket)}.");
        var result = download.Value;
        return new StoredStream(result.Content, result.Details.ContentLength, result);
    }

    /// <inheritdoc />
    public async Task<long?> SizeAsync(Location bucket, string key, CancellationToken cancel)
    {
        var blob = Blob(bucket, key);
        var properties = await CallAsync("properties", blob, () => blob.GetPropertiesAsync(cancellationToken: cancel), cancel).ConfigureAwait(false);
        return properties?.Value.ContentLength;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Location bucket, string key, CancellationToken cancel)
    {
        var blob = Blob(bucket, key);
        await CallAsync("delete", blob, () => blob.DeleteIfExistsAsync(cancellationToken: cancel), cancel).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryServerSideCopyAsync(Location from, Location to, string key, CancellationToken cancel)
    {
        var source = Blob(from, key);
        var target = Blob(to, key);
        await EnsureContainerAsync(to, cancel).ConfigureAwait(false);

        // Copy Blob within the account: the Shared Key of the request authorises reading the source.
        _ = await CallAsync("copy", target, () => target.StartCopyFromUriAsync(source.Uri, cancellationToken: cancel), cancel).ConfigureAwait(false)
            ?? throw new IOException($"Server-side copy of {key} to {ContainerName(to)}: no source object in {ContainerName(from)}.");
        var status = CopyStatus.Pending;
        for (var i = 0; i < CopyPolls; i++)
        {
            if (i > 0)
            {
                await Task.Delay(CopyPollInterval, cancel).ConfigureAwait(false);
            }

            var properties = await CallAsync("copy status", target, () => target.GetPropertiesAsync(cancellationToken: cancel), cancel).ConfigureAwait(false);
            status = properties?.Value.CopyStatus ?? CopyStatus.Pending;
            if (status != CopyStatus.Pending)
            {
                break;
            }
        }

        if (status != CopyStatus.Success)
        {
            throw new IOException($"Server-side copy of {key} to {ContainerName(to)} ended as {status.ToString().ToLowerInvariant()}.");
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    /// <summary>The client of an object; the key is checked first, so no request names anything outside the container.</summary>
    private BlobClient Blob(Location bucket, string key) => service.GetBlobContainerClient(ContainerName(bucket)).GetBlobClient(StorageKey.Check(key));

    private Task EnsureContainerAsync(Location bucket, CancellationToken cancel)
    {
        var name = ContainerName(bucket);
        var lazy = ensured.GetOrAdd(name, n => new Lazy<Task>(() => CreateContainerAsync(n, cancel)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed creation (server down) is tried again on the next call.
            ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(name, lazy));
        }

        return task;
    }

    private async Task CreateContainerAsync(string name, CancellationToken cancel)
    {
        var container = service.GetBlobContainerClient(name);
        await CallAsync($"create container {name}", missingIsNull: false, () => container.CreateIfNotExistsAsync(cancellationToken: cancel), cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one SDK call on an object: null when the object (or its container) does not exist, <see cref="IOException"/>
    /// for any other service or network failure, including the SDK's own timeout (which it raises as a cancellation).
    /// </summary>
    private static Task<T?> CallAsync<T>(string what, BlobClient blob, Func<Task<T>> call, CancellationToken cancel)
        where T : class =>
        CallAsync($"{what} of {blob.BlobContainerName}/{blob.Name}", missingIsNull: true, call, cancel);

    /// <summary>Runs one SDK call (<paramref name="description"/> names it in errors); see the overload on an object.</summary>
    private static async Task<T?> CallAsync<T>(string description, bool missingIsNull, Func<Task<T>> call, CancellationToken cancel)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (missingIsNull && e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw new IOException($"Azure Blob {description} failed: {Describe(e)}", e);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new IOException($"Azure Blob {description} timed out after {NetworkTimeout.TotalSeconds:0} s.", e);
        }
    }

    /// <summary>Status, error code and the first line of the message (the rest lists headers and the request id).</summary>
    private static string Describe(RequestFailedException e)
    {
        var first = e.Message.Split('\n', 2)[0].Trim();
        var status = e.Status == 0 ? "no response" : e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join(' ', new[] { status, e.ErrorCode, first }.Where(s => !string.IsNullOrEmpty(s)));
    }
}
