using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Storage;

/// <summary>
/// Buckets as local folders, one per location: <c>ROOT/PROVIDER/REGION/</c> (the embedded default root is
/// <c>./.placement/buckets</c>). Writes go to a temporary file in the bucket and are renamed into place, so a
/// crash never leaves a half-written object. Keys are confined to their bucket: besides
/// <see cref="StorageKey.Check"/>, every existing path component below the bucket must be a plain folder or
/// file, never a symbolic link (a link could point anywhere).
/// </summary>
public sealed class LocalFolderBackend : IStorageBackend
{
    private readonly string root;

    /// <summary>Creates the backend over a root folder (created on first write).</summary>
    public LocalFolderBackend(string rootFolder)
    {
        root = Path.GetFullPath(rootFolder);
    }

    /// <inheritdoc />
    public string Kind => "local";

    /// <summary>The bucket folder of a location.</summary>
    public string BucketFolder(Location bucket) => Path.Combine(root, bucket.Provider, bucket.Region);

    /// <inheritdoc />
    public string UriOf(Location bucket, string key) => new Uri(PathOf(bucket, key)).AbsoluteUri;

    /// <inheritdoc />
    public async Task PutAsync(Location bucket, string key, Stream content, long lengthBytes, CancellationToken cancel)
    {
        var path = PathOf(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        EnsureNoLinks(bucket, key);
        var temp = Path.Combine(BucketFolder(bucket), $".put-{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await content.CopyToAsync(file, 1 << 16, cancel).ConfigureAwait(false);
                // No fsync: the journal records each object's SHA-256 and every reader checks it, so an object
                // lost in a power cut is found and recomputed; a process crash loses nothing written.
                await file.FlushAsync(cancel).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <inheritdoc />
    public Task<StoredStream> OpenReadAsync(Location bucket, string key, CancellationToken cancel)
    {
        var path = PathOf(bucket, key);
        EnsureNoLinks(bucket, key);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No object {key} in bucket {bucket}.");
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        return Task.FromResult(new StoredStream(file, file.Length));
    }

    /// <inheritdoc />
    public async Task<StoredStream> OpenReadAsync(Location bucket, string key, long offset, CancellationToken cancel)
    {
        var whole = await OpenReadAsync(bucket, key, cancel).ConfigureAwait(false);
        var from = Math.Min(offset, whole.LengthBytes);
        whole.Content.Seek(from, SeekOrigin.Begin);
        return new StoredStream(whole.Content, whole.LengthBytes - from);
    }

    /// <inheritdoc />
    public Task<long?> SizeAsync(Location bucket, string key, CancellationToken cancel)
    {
        var path = PathOf(bucket, key);
        EnsureNoLinks(bucket, key);
        var info = new FileInfo(path);
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    /// <inheritdoc />
    public Task DeleteAsync(Location bucket, string key, CancellationToken cancel)
    {
        var path = PathOf(bucket, key);
        EnsureNoLinks(bucket, key);
        File.Delete(path);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> TryServerSideCopyAsync(Location from, Location to, string key, CancellationToken cancel)
    {
        // Two folders on one disk: a file copy is this service's server-side copy.
        var source = PathOf(from, key);
        var target = PathOf(to, key);
        EnsureNoLinks(from, key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        EnsureNoLinks(to, key);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"No object {key} in bucket {from}.");
        }

        var temp = Path.Combine(BucketFolder(to), $".copy-{Guid.NewGuid():N}.tmp");
        File.Copy(source, temp);
        File.Move(temp, target, overwrite: true);
        return Task.FromResult(true);
    }

    private string PathOf(Location bucket, string key)
    {
        StorageKey.Check(key);
        var folder = BucketFolder(bucket);
        var full = Path.GetFullPath(Path.Combine(folder, key));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Refused object key: '{key}' leaves bucket {bucket}.", nameof(key));
        }

        return full;
    }

    private void EnsureNoLinks(Location bucket, string key)
    {
        // The bucket folder itself and every component below it must not be a symbolic link.
        var current = BucketFolder(bucket);
        var parts = new List<string> { current };
        foreach (var segment in key.Split('/'))
        {
            current = Path.Combine(current, segment);
            parts.Add(current);
        }

        foreach (var p in parts)
        {
            FileSystemInfo info = Directory.Exists(p) ? new DirectoryInfo(p) : new FileInfo(p);
            if (info.Exists && info.LinkTarget is not null)
            {
                throw new ArgumentException($"Refused object key: '{key}' goes through the symbolic link {p}.", nameof(key));
            }
        }
    }
}
