using Placement.Core.Model;
using Placement.Execution.Storage;

namespace Placement.Execution.Activities;

/// <summary>What preparing the datasets found: each dataset's SHA-256 at its home, and the datasets that are nowhere.</summary>
/// <param name="Hashes">Dataset name to lower-case hex SHA-256 of its object at its home.</param>
/// <param name="Problems">One line per dataset neither in its home bucket nor a local file.</param>
public sealed record DatasetsPrepared(IReadOnlyDictionary<string, string> Hashes, IReadOnlyList<string> Problems);

/// <summary>
/// Makes sure every dataset of a scenario is in its home bucket (uploading the local file its <c>uri</c> names
/// when the stored object differs) and returns their hashes. Run once before the first node.
/// </summary>
public sealed class DatasetActivity(ActivityServices services)
{
    /// <summary>Prepares every dataset; <paramref name="keyOf"/> gives an item's object key.</summary>
    public async Task<DatasetsPrepared> RunAsync(Scenario scenario, string scenarioFolder, Func<string, string> keyOf, CancellationToken cancel)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var d in scenario.Datasets)
        {
            var backend = services.Storage.For(d.Home);
            var key = keyOf(d.Name);
            var local = LocalPath(d.Uri, scenarioFolder);
            if (local is not null && File.Exists(local))
            {
                var fileHash = await ContentHash.OfFileAsync(local, cancel).ConfigureAwait(false);
                var stored = await ContentHash.OfObjectAsync(backend, d.Home, key, cancel).ConfigureAwait(false);
                if (stored?.Sha256 != fileHash)
                {
                    await using var file = File.OpenRead(local);
                    await backend.PutAsync(d.Home, key, file, file.Length, cancel).ConfigureAwait(false);
                }

                hashes[d.Name] = fileHash;
                continue;
            }

            var existing = await ContentHash.OfObjectAsync(backend, d.Home, key, cancel).ConfigureAwait(false);
            if (existing is { } e)
            {
                hashes[d.Name] = e.Sha256;
            }
            else
            {
                problems.Add(Missing(d, backend.UriOf(d.Home, key)));
            }
        }

        return new DatasetsPrepared(hashes, problems);
    }

    /// <summary>
    /// The datasets that are neither a local file nor an object in their home bucket, found without writing anything
    /// (the check before a run is created).
    /// </summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(StorageMap storage, Scenario scenario, string scenarioFolder, Func<string, string> keyOf, CancellationToken cancel)
    {
        var problems = new List<string>();
        foreach (var d in scenario.Datasets)
        {
            var local = LocalPath(d.Uri, scenarioFolder);
            if (local is not null && File.Exists(local))
            {
                continue;
            }

            var backend = storage.For(d.Home);
            var key = keyOf(d.Name);
            if (await backend.SizeAsync(d.Home, key, cancel).ConfigureAwait(false) is null)
            {
                problems.Add(Missing(d, backend.UriOf(d.Home, key)));
            }
        }

        return problems;
    }

    private static string Missing(Dataset d, string uri) =>
        $"dataset {d.Name}: not in its home bucket ({uri}) and its uri '{d.Uri}' is not a local file; give uri: a path relative to the scenario";

    private static string? LocalPath(string? uri, string scenarioFolder)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }

        if (uri.StartsWith("file://", StringComparison.Ordinal))
        {
            return new Uri(uri).LocalPath;
        }

        return uri.Contains("://", StringComparison.Ordinal) ? null : Path.GetFullPath(Path.Combine(scenarioFolder, uri));
    }
}
