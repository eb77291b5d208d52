using System.CommandLine;
using Placement.Data;
using Placement.Execution.Temporal.Client;

namespace Placement.Cli.Commands;

/// <summary>
/// The Temporal connection flags every Temporal command takes (<c>--address</c>, <c>--namespace</c>, <c>--api-key</c>,
/// <c>--tls-cert</c>, <c>--tls-key</c>, <c>--tls-ca</c>, <c>--tls-server-name</c>), over Temporal's own environment
/// variables, and the one-line "no server" error (exit 2, nothing written).
/// </summary>
internal sealed class TemporalCli
{
    private readonly Option<string?> address = new("--address") { Description = "Temporal frontend host:port (default: TEMPORAL_ADDRESS, else 127.0.0.1:7233)" };
    private readonly Option<string?> ns = new("--namespace") { Description = "Temporal namespace (default: TEMPORAL_NAMESPACE, else default)" };
    private readonly Option<string?> apiKey = new("--api-key") { Description = "API key (default: TEMPORAL_API_KEY); implies TLS" };
    private readonly Option<string?> tlsCert = new("--tls-cert") { Description = "Client certificate PEM file (default: TEMPORAL_TLS_CERT)" };
    private readonly Option<string?> tlsKey = new("--tls-key") { Description = "Client private key PEM file (default: TEMPORAL_TLS_KEY)" };
    private readonly Option<string?> tlsCa = new("--tls-ca") { Description = "Server CA PEM file (default: TEMPORAL_TLS_CA)" };
    private readonly Option<string?> tlsServerName = new("--tls-server-name") { Description = "TLS server name (default: TEMPORAL_TLS_SERVER_NAME)" };

    /// <summary>Adds the connection flags to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new[] { address, ns, apiKey, tlsCert, tlsKey, tlsCa, tlsServerName })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>The settings: flags over environment; throws <see cref="InputException"/> listing every problem.</summary>
    public TemporalSettings Settings(ParseResult parse)
    {
        var flags = new TemporalSettings(parse.GetValue(address) ?? "", parse.GetValue(ns) ?? "", parse.GetValue(apiKey), parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(tlsCa), parse.GetValue(tlsServerName));
        var settings = TemporalSettings.From(Environment.GetEnvironmentVariable, flags);
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new InputException(problems.Select(p => new Problem("command line", 0, 0, "temporal", p)).ToList());
        }

        return settings;
    }

    /// <summary>Runs a command body, turning "no Temporal server" into one line on standard error and exit 2.</summary>
    public static async Task<int> Guard(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (TemporalUnavailableException e)
        {
            console.Error.Write($"error: {e.Message}\n");
            return CliApp.InputError;
        }
    }
}
