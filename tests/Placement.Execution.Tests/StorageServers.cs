using Placement.Execution.Storage;

namespace Placement.Execution.Tests;

/// <summary>
/// Starts s3rver and Azurite through scripts/servers.sh (real servers on 127.0.0.1) for the tests of the
/// collection, and stops them at the end. Each test uses fresh bucket prefixes, so runs never see each other's data.
/// </summary>
public sealed class StorageServers : IDisposable
{
    /// <summary>The s3rver port: PLACEMENT_S3_PORT (as scripts/servers.sh reads it), default 14568.</summary>
    public static readonly int S3Port = PortFromEnvironment("PLACEMENT_S3_PORT", 14568);

    /// <summary>The Azurite port: PLACEMENT_AZURE_PORT (as scripts/servers.sh reads it), default 14000.</summary>
    public static readonly int AzurePort = PortFromEnvironment("PLACEMENT_AZURE_PORT", 14000);

    public StorageServers()
    {
        // Fresh data: objects of earlier test runs would only pile up.
        TestKit.Script("scripts/servers.sh", "reset", "all");
        var (code, _, err) = TestKit.Script("scripts/servers.sh", "start", "all");
        if (code != 0)
        {
            throw new InvalidOperationException("scripts/servers.sh start failed: " + err);
        }
    }

    public static string S3AccessKey => "S3RVER";

    public static string S3Secret => "S3RVER-secret-do-not-log-7f3a";

    public static S3Options S3(string prefix) => new($"http://127.0.0.1:{S3Port}", "us-east-1", S3AccessKey, S3Secret, prefix, true);

    public static AzureBlobOptions Azure(string prefix) => AzureBlobOptions.Parse(AzureBlobOptions.AzuriteConnectionString(AzurePort), prefix);

    public static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// Storage for a test run on the servers, by <paramref name="kind"/>: "s3" or "azure" (every location there), or
    /// "mixed" (aws on s3rver, azure on Azurite, the rest in local folders under <paramref name="folder"/>/buckets).
    /// </summary>
    public static StorageMap Map(string kind, string folder)
    {
        var s3 = new S3Backend(S3(Prefix()));
        var azure = new AzureBlobBackend(Azure(Prefix()));
        return kind switch
        {
            "s3" => new StorageMap(s3),
            "azure" => new StorageMap(azure),
            _ => new StorageMap(new LocalFolderBackend(Path.Combine(folder, "buckets")), new Dictionary<string, Ports.IStorageBackend> { ["aws"] = s3, ["azure"] = azure }),
        };
    }

    public static void Stop(string which) => TestKit.Script("scripts/servers.sh", "stop", which);

    public static void Start(string which)
    {
        var (code, _, err) = TestKit.Script("scripts/servers.sh", "start", which);
        if (code != 0)
        {
            throw new InvalidOperationException("scripts/servers.sh start failed: " + err);
        }
    }

    // Two checkouts testing at once on one machine set other ports (and PLACEMENT_SERVERS_DIR) so they never reset each other's servers.
    private static int PortFromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var port) && port is > 0 and < 65536 ? port : fallback;

    public void Dispose() => TestKit.Script("scripts/servers.sh", "reset", "all");
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<StorageServers>
{
    public const string Name = "storage servers";
}
