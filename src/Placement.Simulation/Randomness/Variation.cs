namespace Placement.Simulation.Randomness;

/// <summary>
/// Multiplicative noise around an estimate: a log-normal factor with mean 1 and the given coefficient of
/// variation (standard deviation / mean), so estimates stay unbiased and never go negative. A CV of 0 gives
/// exactly 1 and draws nothing (replays are exact and consume no random numbers).
/// </summary>
public readonly record struct Variation(double CoefficientOfVariation)
{
    /// <summary>No variation.</summary>
    public static Variation None => new(0);

    /// <summary>A factor with mean 1: exp(sigma * z - sigma^2 / 2) with sigma^2 = ln(1 + cv^2).</summary>
    public double Factor(IRandomSource random)
    {
        if (CoefficientOfVariation <= 0)
        {
            return 1.0;
        }

        var sigma2 = Math.Log(1 + (CoefficientOfVariation * CoefficientOfVariation));
        var sigma = Math.Sqrt(sigma2);
        return Math.Exp((sigma * random.NextStandardNormal()) - (sigma2 / 2));
    }
}
