namespace Placement.Execution.Storage;

/// <summary>
/// Settings of the Azure Blob backend, parsed from a storage connection string
/// (<c>AccountName=...;AccountKey=...;BlobEndpoint=...</c>). <see cref="ToString"/> never shows the key.
/// </summary>
/// <param name="AccountName">Storage account name.</param>
/// <param name="AccountKey">Base64 account key (Shared Key authorisation).</param>
/// <param name="BlobEndpoint">Blob service URL, e.g. <c>http://127.0.0.1:10000/devstoreaccount1</c> for Azurite.</param>
/// <param name="ContainerPrefix">Containers are <c>PREFIX-PROVIDER-REGION</c>.</param>
public sealed record AzureBlobOptions(string AccountName, string AccountKey, Uri? BlobEndpoint, string ContainerPrefix)
{
    /// <summary>The well-known Azurite development account key (public, documented by Microsoft).</summary>
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The Azurite connection string for a blob port on 127.0.0.1.</summary>
    public static string AzuriteConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>Parses a connection string; unknown parts are ignored. Problems are reported by <see cref="Validate"/>.</summary>
    public static AzureBlobOptions Parse(string? connectionString, string containerPrefix = "placement")
    {
        var parts = (connectionString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var account = parts.GetValueOrDefault("AccountName") ?? "";
        var key = parts.GetValueOrDefault("AccountKey") ?? "";
        Uri? endpoint = null;
        if (parts.TryGetValue("BlobEndpoint", out var e) && Uri.TryCreate(e.TrimEnd('/'), UriKind.Absolute, out var u))
        {
            endpoint = u;
        }
        else if (account.Length > 0)
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https";
            var suffix = parts.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net";
            endpoint = new Uri($"{protocol}://{account}.blob.{suffix}");
        }

        return new AzureBlobOptions(account, key, endpoint, containerPrefix);
    }

    /// <summary>Every problem with these settings; the key itself is never quoted.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (AccountName.Length == 0 || AccountKey.Length == 0 || BlobEndpoint is null)
        {
            problems.Add("Azure storage needs credentials: set AZURE_STORAGE_CONNECTION_STRING (AccountName, AccountKey and BlobEndpoint or EndpointSuffix)");
        }
        else
        {
            Span<byte> buffer = stackalloc byte[256];
            if (!Convert.TryFromBase64String(AccountKey, buffer, out _))
            {
                problems.Add("the AccountKey of AZURE_STORAGE_CONNECTION_STRING is not base64");
            }
        }

        if (ContainerPrefix.Length is 0 or > 20 || !ContainerPrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add("the Azure container prefix must be 1-20 lower-case letters, digits or '-'");
        }

        return problems;
    }

    /// <inheritdoc />
    public override string ToString() => $"AzureBlobOptions {{ AccountName = {AccountName}, BlobEndpoint = {BlobEndpoint}, ContainerPrefix = {ContainerPrefix}, key = (hidden) }}";
}
