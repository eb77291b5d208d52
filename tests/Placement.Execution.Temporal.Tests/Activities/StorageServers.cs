using System.Diagnostics;
using Placement.Execution.Storage;

namespace Placement.Execution.Temporal.Tests.Activities;

/// <summary>
/// s3rver and Azurite through scripts/servers.sh, as the executor tests start them, on ports 5 above theirs
/// (PLACEMENT_S3_PORT / PLACEMENT_AZURE_PORT + 5) with their own data folder, so the two test assemblies, which
/// <c>dotnet test</c> runs at the same time, never reset each other's servers.
/// </summary>
public sealed class StorageServers : IDisposable
{
    public static readonly int S3Port = Port("PLACEMENT_S3_PORT", 14568) + 5;

    public static readonly int AzurePort = Port("PLACEMENT_AZURE_PORT", 14000) + 5;

    private static readonly string Dir = (Environment.GetEnvironmentVariable("PLACEMENT_SERVERS_DIR") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "placement-servers")) + "-temporal";

    public StorageServers()
    {
        Script("reset");
        var (code, err) = Script("start");
        if (code != 0)
        {
            throw new InvalidOperationException("scripts/servers.sh start failed: " + err);
        }
    }

    public static S3Options S3(string prefix) => new($"http://127.0.0.1:{S3Port}", "us-east-1", "S3RVER", "S3RVER-secret-do-not-log-7f3a", prefix, true);

    public static AzureBlobOptions Azure(string prefix) => AzureBlobOptions.Parse(AzureBlobOptions.AzuriteConnectionString(AzurePort), prefix);

    public static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Script("reset");

    private static (int Code, string Err) Script(string action)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "servers.sh"));
        info.ArgumentList.Add(action);
        info.ArgumentList.Add("all");
        info.Environment["PLACEMENT_S3_PORT"] = S3Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PLACEMENT_AZURE_PORT"] = AzurePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PLACEMENT_SERVERS_DIR"] = Dir;
        using var p = Process.Start(info)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        _ = o.Result;
        return (p.ExitCode, e.Result);
    }

    private static int Port(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var port) && port is > 0 and < 65530 ? port : fallback;
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<StorageServers>
{
    public const string Name = "temporal storage servers";
}
