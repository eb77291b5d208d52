using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Storage;

/// <summary>
/// Buckets as Azure Blob containers (Azurite in tests), one per location named <c>PREFIX-PROVIDER-REGION</c>,
/// spoken to through the Blob REST API with Shared Key authorisation.
/// </summary>
/// <remarks>
/// Azure.Storage.Blobs would be the natural client, but this machine's NuGet feed lacks the Azure.Storage.Common
/// and System.IO.Hashing versions every Blobs release needs, so the five calls used are made directly
/// (Put Blob / Put Block / Put Block List, Get Blob, Get Blob Properties, Delete Blob, Copy Blob).
/// </remarks>
public sealed class AzureBlobBackend : IStorageBackend, IDisposable
{
    private const string ApiVersion = "2021-08-06";
    private const int BlockBytes = 8 * 1024 * 1024;
    private readonly AzureBlobOptions options;
    private readonly HttpClient http;
    private readonly byte[] key;
    private readonly ConcurrentDictionary<string, Lazy<Task>> ensured = new(StringComparer.Ordinal);

    /// <summary>Creates the backend from validated options.</summary>
    public AzureBlobBackend(AzureBlobOptions options)
    {
        this.options = options;
        key = Convert.FromBase64String(options.AccountKey);
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromMinutes(30) };
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
        await EnsureContainerAsync(bucket, cancel).ConfigureAwait(false);
        var url = BlobUrl(bucket, key);
        if (lengthBytes <= BlockBytes)
        {
            var body = new byte[lengthBytes];
            await content.ReadExactlyAsync(body, cancel).ConfigureAwait(false);
            using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            await SendAsync(put, cancel).ConfigureAwait(false);
            return;
        }

        // Large objects go up in 8 MiB blocks: memory stays bounded whatever the size.
        var ids = new List<string>();
        var buffer = new byte[BlockBytes];
        long left = lengthBytes;
        while (left > 0)
        {
            var n = (int)Math.Min(BlockBytes, left);
            await content.ReadExactlyAsync(buffer.AsMemory(0, n), cancel).ConfigureAwait(false);
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(ids.Count.ToString("D8", CultureInfo.InvariantCulture)));
            using var block = new HttpRequestMessage(HttpMethod.Put, $"{url}?comp=block&blockid={Uri.EscapeDataString(id)}") { Content = new ByteArrayContent(buffer, 0, n) };
            await SendAsync(block, cancel).ConfigureAwait(false);
            ids.Add(id);
            left -= n;
        }

        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in ids)
        {
            xml.Append("<Latest>").Append(id).Append("</Latest>");
        }

        xml.Append("</BlockList>");
        using var commit = new HttpRequestMessage(HttpMethod.Put, $"{url}?comp=blocklist") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml.ToString())) };
        await SendAsync(commit, cancel).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenReadAsync(Location bucket, string key, CancellationToken cancel)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BlobUrl(bucket, key));
        var response = await SendAsync(request, cancel, HttpCompletionOption.ResponseHeadersRead, allowNotFound: true).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            request.Dispose();
            throw new FileNotFoundException($"No object {key} in container {ContainerName(bucket)}.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        return new StoredStream(stream, response.Content.Headers.ContentLength ?? 0, new Owner(response, request));
    }

    /// <inheritdoc />
    public async Task<long?> SizeAsync(Location bucket, string key, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, BlobUrl(bucket, key));
        using var response = await SendAsync(request, cancel, allowNotFound: true).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : response.Content.Headers.ContentLength ?? 0;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Location bucket, string key, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, BlobUrl(bucket, key));
        using var response = await SendAsync(request, cancel, allowNotFound: true).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryServerSideCopyAsync(Location from, Location to, string key, CancellationToken cancel)
    {
        await EnsureContainerAsync(to, cancel).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Put, BlobUrl(to, key));
        request.Headers.Add("x-ms-copy-source", BlobUrl(from, key));
        request.Content = new ByteArrayContent([]);
        using var response = await SendAsync(request, cancel).ConfigureAwait(false);
        var status = response.Headers.TryGetValues("x-ms-copy-status", out var v) ? v.FirstOrDefault() : "success";
        for (var i = 0; status == "pending" && i < 600; i++)
        {
            await Task.Delay(100, cancel).ConfigureAwait(false);
            using var head = new HttpRequestMessage(HttpMethod.Head, BlobUrl(to, key));
            using var r = await SendAsync(head, cancel).ConfigureAwait(false);
            status = r.Headers.TryGetValues("x-ms-copy-status", out var s) ? s.FirstOrDefault() : "success";
        }

        if (status != "success")
        {
            throw new IOException($"Server-side copy of {key} to {ContainerName(to)} ended as {status}.");
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private string BlobUrl(Location bucket, string key)
    {
        var escaped = string.Join('/', StorageKey.Check(key).Split('/').Select(Uri.EscapeDataString));
        return $"{options.BlobEndpoint!.AbsoluteUri.TrimEnd('/')}/{ContainerName(bucket)}/{escaped}";
    }

    private Task EnsureContainerAsync(Location bucket, CancellationToken cancel)
    {
        var name = ContainerName(bucket);
        var lazy = ensured.GetOrAdd(name, n => new Lazy<Task>(() => CreateContainerAsync(n, cancel)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(name, lazy));
        }

        return task;
    }

    private async Task CreateContainerAsync(string name, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{options.BlobEndpoint!.AbsoluteUri.TrimEnd('/')}/{name}?restype=container") { Content = new ByteArrayContent([]) };
        using var response = await SendAsync(request, cancel, allowConflict: true).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, bool allowNotFound = false, bool allowConflict = false)
    {
        Sign(request);
        var response = await http.SendAsync(request, completion, cancel).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound) || (allowConflict && response.StatusCode == HttpStatusCode.Conflict))
        {
            return response;
        }

        var body = completion == HttpCompletionOption.ResponseContentRead ? await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false) : "";
        var code = response.Headers.TryGetValues("x-ms-error-code", out var c) ? c.FirstOrDefault() : null;
        response.Dispose();
        throw new IOException($"Azure Blob {request.Method} {request.RequestUri?.AbsolutePath} failed: {(int)response.StatusCode} {code} {Truncate(body)}".TrimEnd());
    }

    private static string Truncate(string s) => s.Length > 300 ? s[..300] : s;

    private void Sign(HttpRequestMessage request)
    {
        request.Headers.Add("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("x-ms-version", ApiVersion);
        var content = request.Content;
        var length = content?.Headers.ContentLength is { } l and > 0 ? l.ToString(CultureInfo.InvariantCulture) : "";
        if (content is not null && content.Headers.ContentType is null && request.Method == HttpMethod.Put)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        var contentType = content?.Headers.ContentType?.ToString() ?? "";
        var headers = request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value).Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => $"{h.Name}:{h.Value}\n");
        var uri = request.RequestUri!;
        var resource = new StringBuilder("/").Append(options.AccountName).Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Uri.UnescapeDataString(p[0]).ToLowerInvariant(), Value: p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            resource.Append('\n').Append(name).Append(':').Append(value);
        }

        var toSign = $"{request.Method.Method}\n\n\n{length}\n\n{contentType}\n\n\n\n\n\n\n{string.Concat(headers)}{resource}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {options.AccountName}:{signature}");
    }

    private sealed class Owner(HttpResponseMessage response, HttpRequestMessage request) : IDisposable
    {
        public void Dispose()
        {
            response.Dispose();
            request.Dispose();
        }
    }
}
