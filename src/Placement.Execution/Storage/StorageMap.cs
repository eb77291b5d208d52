using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Storage;

/// <summary>
/// Which storage service holds the bucket of each location: a backend per provider (e.g. aws -> s3,
/// azure -> azure) and a default for the rest. Two locations served by the same backend instance can copy
/// server-side; others stream from source to destination.
/// </summary>
public sealed class StorageMap
{
    private readonly IReadOnlyDictionary<string, IStorageBackend> byProvider;

    /// <summary>Creates the map.</summary>
    public StorageMap(IStorageBackend fallback, IReadOnlyDictionary<string, IStorageBackend>? byProvider = null)
    {
        Default = fallback;
        this.byProvider = byProvider ?? new Dictionary<string, IStorageBackend>(StringComparer.Ordinal);
    }

    /// <summary>The backend of providers not named explicitly.</summary>
    public IStorageBackend Default { get; }

    /// <summary>Every distinct backend, default first.</summary>
    public IReadOnlyList<IStorageBackend> Backends => new[] { Default }.Concat(byProvider.Values).Distinct().ToList();

    /// <summary>The backend holding a location's bucket.</summary>
    public IStorageBackend For(Location location) => byProvider.GetValueOrDefault(location.Provider) ?? Default;

    /// <summary>True when both buckets belong to one backend instance (a server-side copy may be possible).</summary>
    public bool SameService(Location a, Location b) => ReferenceEquals(For(a), For(b));

    /// <summary>A short description such as <c>aws=s3, azure=azure, *=local</c>.</summary>
    public override string ToString() =>
        string.Join(", ", byProvider.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.Kind}").Append($"*={Default.Kind}"));
}
