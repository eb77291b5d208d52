using Temporalio.Client;

namespace Placement.Execution.Temporal.Client;

/// <summary>Connects a client, turning "no server there" into one clear <see cref="TemporalUnavailableException"/>.</summary>
public static class TemporalConnector
{
    /// <summary>Connects, or throws <see cref="TemporalUnavailableException"/> saying where nothing answered and what to do.</summary>
    public static async Task<TemporalClient> ConnectAsync(TemporalSettings settings)
    {
        try
        {
            return await TemporalClient.ConnectAsync(settings.ConnectOptions()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TemporalUnavailableException(
                $"no Temporal server reachable at {settings} ({Reason(e)}); start one (temporal server start-dev) or set TEMPORAL_ADDRESS / --address", e);
        }
    }

    /// <summary>The short cause of a connection failure (the transport's own wording, without the Rust debug dump).</summary>
    public static string Reason(Exception e)
    {
        var text = e.Message;
        foreach (var word in new[] { "ConnectionRefused", "TimedOut", "dns error", "InvalidCertificate", "Unauthenticated", "PermissionDenied" })
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return word switch
                {
                    "ConnectionRefused" => "connection refused",
                    "TimedOut" => "timed out",
                    "dns error" => "host not found",
                    _ => word,
                };
            }
        }

        var line = text.Split('\n')[0];
        return line.Length > 160 ? line[..160] + "..." : line;
    }
}
