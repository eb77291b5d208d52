namespace Placement.Simulation.MonteCarlo;

/// <summary>An estimate with a two-sided 95 % confidence interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High);

/// <summary>
/// Summary of one quantity over replicas: mean with a normal-approximation 95 % confidence interval
/// (mean +- 1.96 s / sqrt(n)), and the 50th, 95th and 99th percentiles with distribution-free 95 % intervals
/// from order statistics (ranks n p +- 1.96 sqrt(n p (1 - p))). Percentiles use the nearest-rank rule, so each
/// is a value some replica produced. With one replica (or identical replicas) every interval collapses.
/// </summary>
public sealed record Distribution(int Count, Estimate Mean, Estimate P50, Estimate P95, Estimate P99, double Min, double Max, double StandardDeviation)
{
    /// <summary>Summarises the values (order does not matter; at least one).</summary>
    public static Distribution Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is needed.", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        var mean = MathNet.Numerics.Statistics.ArrayStatistics.Mean(sorted);
        var sd = n > 1 ? MathNet.Numerics.Statistics.ArrayStatistics.StandardDeviation(sorted) : 0;
        var half = n > 1 ? 1.96 * sd / Math.Sqrt(n) : 0;
        return new Distribution(n, new Estimate(mean, mean - half, mean + half), Quantile(sorted, 0.50), Quantile(sorted, 0.95), Quantile(sorted, 0.99),
            sorted[0], sorted[^1], sd);
    }

    private static Estimate Quantile(double[] sorted, double p)
    {
        var n = sorted.Length;
        var spread = 1.96 * Math.Sqrt(n * p * (1 - p));
        return new Estimate(sorted[Rank(n * p)], sorted[Rank((n * p) - spread)], sorted[Rank((n * p) + spread)]);

        int Rank(double r) => Math.Clamp((int)Math.Ceiling(r) - 1, 0, n - 1);
    }
}
