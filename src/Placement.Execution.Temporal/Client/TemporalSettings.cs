using Temporalio.Client;

namespace Placement.Execution.Temporal.Client;

/// <summary>
/// Where the Temporal server is and how to reach it, as the Temporal CLI reads it: <c>TEMPORAL_ADDRESS</c>
/// (default <c>127.0.0.1:7233</c>), <c>TEMPORAL_NAMESPACE</c> (default <c>default</c>), <c>TEMPORAL_API_KEY</c>
/// (implies TLS), <c>TEMPORAL_TLS_CERT</c> / <c>TEMPORAL_TLS_KEY</c> (client certificate and key files, PEM),
/// <c>TEMPORAL_TLS_CA</c> (server CA file) and <c>TEMPORAL_TLS_SERVER_NAME</c>; command-line flags override each.
/// Validated once with <see cref="Problems"/>.
/// </summary>
/// <param name="Address">host:port of the frontend.</param>
/// <param name="Namespace">Temporal namespace.</param>
/// <param name="ApiKey">API key (Temporal Cloud), or null.</param>
/// <param name="TlsCert">Client certificate file, or null.</param>
/// <param name="TlsKey">Client private key file, or null.</param>
/// <param name="TlsCa">Server root CA file, or null.</param>
/// <param name="TlsServerName">TLS server name override, or null.</param>
public sealed record TemporalSettings(string Address, string Namespace, string? ApiKey = null, string? TlsCert = null, string? TlsKey = null, string? TlsCa = null, string? TlsServerName = null)
{
    /// <summary>The default address, the one <c>temporal server start-dev</c> listens on.</summary>
    public const string DefaultAddress = "127.0.0.1:7233";

    /// <summary>Settings from the environment, each overridden by a non-null value in <paramref name="flags"/>.</summary>
    public static TemporalSettings From(Func<string, string?> env, TemporalSettings? flags = null)
    {
        static string? Env(Func<string, string?> env, string name) => env(name) is { Length: > 0 } v ? v : null;
        return new TemporalSettings(
            Pick(flags?.Address, Env(env, "TEMPORAL_ADDRESS")) ?? DefaultAddress,
            Pick(flags?.Namespace, Env(env, "TEMPORAL_NAMESPACE")) ?? "default",
            Pick(flags?.ApiKey, Env(env, "TEMPORAL_API_KEY")),
            Pick(flags?.TlsCert, Env(env, "TEMPORAL_TLS_CERT")),
            Pick(flags?.TlsKey, Env(env, "TEMPORAL_TLS_KEY")),
            Pick(flags?.TlsCa, Env(env, "TEMPORAL_TLS_CA")),
            Pick(flags?.TlsServerName, Env(env, "TEMPORAL_TLS_SERVER_NAME")));
    }

    /// <summary>True when the connection uses TLS (a certificate, a CA or an API key).</summary>
    public bool UsesTls => TlsCert is not null || TlsCa is not null || ApiKey is not null || TlsServerName is not null;

    /// <summary>Every problem with these settings (bad address, a certificate without its key, missing files).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var colon = Address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(Address[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problems.Add($"--address '{Address}' (TEMPORAL_ADDRESS): write host:port, e.g. 127.0.0.1:7233");
        }

        if (Namespace.Trim().Length == 0)
        {
            problems.Add("--namespace (TEMPORAL_NAMESPACE): give a namespace, e.g. default");
        }

        if ((TlsCert is null) != (TlsKey is null))
        {
            problems.Add("--tls-cert and --tls-key (TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY): give both or neither");
        }

        foreach (var (flag, file) in new[] { ("--tls-cert", TlsCert), ("--tls-key", TlsKey), ("--tls-ca", TlsCa) })
        {
            if (file is not null && !File.Exists(file))
            {
                problems.Add($"{flag} '{file}': no such file");
            }
        }

        return problems;
    }

    /// <summary>The SDK's connection options (reads the TLS files).</summary>
    public TemporalClientConnectOptions ConnectOptions() => new(Address)
    {
        Namespace = Namespace,
        ApiKey = ApiKey,
        Tls = UsesTls
            ? new TlsOptions
            {
                ClientCert = TlsCert is null ? null : File.ReadAllBytes(TlsCert),
                ClientPrivateKey = TlsKey is null ? null : File.ReadAllBytes(TlsKey),
                ServerRootCACert = TlsCa is null ? null : File.ReadAllBytes(TlsCa),
                Domain = TlsServerName,
            }
            : null,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Address} (namespace {Namespace}{(UsesTls ? ", TLS" : "")}{(ApiKey is null ? "" : ", API key")})";

    private static string? Pick(string? flag, string? env) => flag is { Length: > 0 } ? flag : env;
}
