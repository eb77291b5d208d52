using Placement.Core.Model;
using Placement.Execution.Journal;
using Placement.Execution.Ports;

namespace Placement.Execution.Activities;

/// <summary>A node about to run, to be checked for an output it need not recompute. Serialisable.</summary>
/// <param name="RunId">Run identifier.</param>
/// <param name="Node">Node name.</param>
/// <param name="Location">Where the node runs.</param>
/// <param name="Home">Where its output is stored.</param>
/// <param name="ObjectKey">The key this run would write the output to (unused by a hit, which points at the cached object's own key).</param>
/// <param name="Uri">The URI of <paramref name="ObjectKey"/>.</param>
/// <param name="CacheKey">The node's cache key, or null to skip the cache (<c>--from</c>).</param>
/// <param name="StartedAt">Recorded as the start of a cache hit.</param>
public sealed record ReuseRequest(string RunId, string Node, Location Location, Location Home, string ObjectKey, string Uri, string? CacheKey, DateTimeOffset StartedAt);

/// <summary>
/// Finds an output a node need not recompute: first the run's own commit (resume) when its object still has the
/// recorded hash (else the commit is invalidated and the node runs again), then, with a cache key, the latest valid
/// commit of the node with that key in any run whose object at this node's home still has its hash (committed
/// under this run as <see cref="NodeCommitKind.Cached"/>, pointing at that object: its key and URI, never a copy).
/// Returns the commit that stands, or null to run.
/// </summary>
public sealed class ReuseActivity(ActivityServices services)
{
    /// <summary>The run's kept commit of the node, when intact; invalidates it when not. Null when there is none to keep.</summary>
    public async Task<CommitRow?> KeptAsync(string runId, string node, CancellationToken cancel)
    {
        if (services.Journal.Commit(runId, node) is not { } committed)
        {
            return null;
        }

        if (Location.TryParse(committed.StorageHome, out var home) && await services.IntactAsync(home, committed.ObjectKey, committed.Sha256, cancel).ConfigureAwait(false))
        {
            services.Progress?.Report(new RunEvent.NodeCommitted(runId, node, committed.Uri, committed.Bytes, 0, NodeCommitKind.AlreadyCommitted));
            return committed;
        }

        services.Journal.Invalidate(runId, node, "output missing or hash mismatch on resume");
        return null;
    }

    /// <summary>A cache hit committed under this run, or null.</summary>
    public async Task<CommitRow?> CachedAsync(ReuseRequest request, CancellationToken cancel)
    {
        if (request.CacheKey is not { } cacheKey || services.Journal.FindCached(request.Node, cacheKey) is not { } cached
            || cached.StorageHome != request.Home.ToString()
            || !await services.IntactAsync(request.Home, cached.ObjectKey, cached.Sha256, cancel).ConfigureAwait(false))
        {
            return null;
        }

        var row = new CommitRow(request.RunId, request.Node, IdempotencyKeys.Node(request.RunId, request.Node), request.Location.ToString(), request.Home.ToString(),
            cached.ObjectKey, cached.Uri, cached.Bytes, cached.Sha256, cacheKey, NodeCommitKind.Cached, 0, request.StartedAt, 0, 0, 0);
        return services.Commit(row);
    }
}
