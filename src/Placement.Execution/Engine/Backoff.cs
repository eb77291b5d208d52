namespace Placement.Execution.Engine;

/// <summary>
/// Exponential backoff with jitter: attempt n (1-based, the one that just failed) waits
/// min(base x 2^(n-1), max) x (1 + jitter x u), u uniform in [0, 1) from a seeded source. Pure given the source.
/// </summary>
public sealed class Backoff(TimeSpan baseDelay, TimeSpan maxDelay, double jitterFraction, Random random)
{
    private readonly object gate = new();

    /// <summary>The delay after failed attempt <paramref name="attempt"/>.</summary>
    public TimeSpan After(int attempt)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var raw = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        double u;
        lock (gate)
        {
            u = random.NextDouble();
        }

        return TimeSpan.FromMilliseconds(raw * (1 + (jitterFraction * u)));
    }
}
