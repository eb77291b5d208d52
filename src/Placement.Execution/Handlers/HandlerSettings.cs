using System.Globalization;

namespace Placement.Execution.Handlers;

/// <summary>Reads the typed handler settings every kind shares (<c>timeoutSeconds</c>, <c>maxAttempts</c>); the fallback is a handler of its own (<see cref="Placement.Core.Model.HandlerSpec.Fallback"/>).</summary>
public static class HandlerSettings
{
    /// <summary>Problems with the shared settings.</summary>
    public static IEnumerable<string> Check(IReadOnlyDictionary<string, string> settings)
    {
        if (settings.TryGetValue("timeoutSeconds", out var t) && !(double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0))
        {
            yield return $"handler.timeoutSeconds '{t}' must be a positive number of seconds";
        }

        if (settings.TryGetValue("maxAttempts", out var a) && !(int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1))
        {
            yield return $"handler.maxAttempts '{a}' must be a whole number of at least 1";
        }
    }

    /// <summary>The node timeout, or the default.</summary>
    public static TimeSpan Timeout(IReadOnlyDictionary<string, string> settings, TimeSpan fallback) =>
        settings.TryGetValue("timeoutSeconds", out var t) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : fallback;

    /// <summary>The attempts allowed, or the default.</summary>
    public static int MaxAttempts(IReadOnlyDictionary<string, string> settings, int fallback) =>
        settings.TryGetValue("maxAttempts", out var a) && int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : fallback;
}
