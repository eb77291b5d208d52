using Placement.Data;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Engine;

/// <summary>
/// Builds the <see cref="StorageMap"/> from <c>--storage</c> words: <c>local</c>, <c>s3</c> or <c>azure</c> for
/// every location, or <c>PROVIDER=KIND</c> for one provider (e.g. <c>aws=s3 azure=azure local</c>). Credentials
/// come from the environment; every problem (unknown word, missing credentials) is reported at once.
/// </summary>
public static class StorageFactory
{
    /// <summary>Creates the map or throws <see cref="InputException"/>.</summary>
    public static StorageMap Create(IReadOnlyList<string> words, string stateFolder, Func<string, string?> env)
    {
        var problems = new List<Problem>();
        var instances = new Dictionary<string, IStorageBackend>(StringComparer.Ordinal);
        IStorageBackend? fallback = null;
        var byProvider = new Dictionary<string, IStorageBackend>(StringComparer.Ordinal);
        foreach (var word in words.Count == 0 ? ["local"] : words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var provider = eq < 0 ? null : word[..eq].Trim().ToLowerInvariant();
            var kind = (eq < 0 ? word : word[(eq + 1)..]).Trim().ToLowerInvariant();
            if (!instances.TryGetValue(kind, out var backend))
            {
                backend = Make(kind, stateFolder, env, problems);
                if (backend is null)
                {
                    continue;
                }

                instances[kind] = backend;
            }

            if (provider is null)
            {
                fallback = backend;
            }
            else
            {
                byProvider[provider] = backend;
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        fallback ??= instances.GetValueOrDefault("local") ?? new LocalFolderBackend(Path.Combine(stateFolder, "buckets"));
        return new StorageMap(fallback, byProvider);
    }

    private static IStorageBackend? Make(string kind, string stateFolder, Func<string, string?> env, List<Problem> problems)
    {
        switch (kind)
        {
            case "local":
                return new LocalFolderBackend(env("PLACEMENT_BUCKETS") is { Length: > 0 } root ? root : Path.Combine(stateFolder, "buckets"));
            case "s3":
                var s3 = S3Options.FromEnvironment(env);
                var s3Problems = s3.Validate();
                problems.AddRange(s3Problems.Select(p => new Problem("environment", 0, 0, "--storage s3", p)));
                return s3Problems.Count == 0 ? new S3Backend(s3) : null;
            case "azure":
                var az = AzureBlobOptions.Parse(env("AZURE_STORAGE_CONNECTION_STRING"), env("PLACEMENT_AZURE_CONTAINER_PREFIX") is { Length: > 0 } p ? p : "placement");
                var azProblems = az.Validate();
                problems.AddRange(azProblems.Select(m => new Problem("environment", 0, 0, "--storage azure", m)));
                return azProblems.Count == 0 ? new AzureBlobBackend(az) : null;
            default:
                problems.Add(new Problem("command line", 0, 0, "--storage", $"unknown storage '{kind}'", "use local, s3 or azure, or PROVIDER=KIND such as aws=s3"));
                return null;
        }
    }
}
