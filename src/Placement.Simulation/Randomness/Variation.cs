namespace Placement.Simulation.Randomness;

/// <summary>
/// Multiplicative noise around an estimate: a log-normal factor with mean 1 and the given coefficient of
/// variation (standard deviation / mean), so estimates stay unbiased and never go negative. A CV of 0 gives
/// exactly 1 and draws nothing (replays are exact and consume no random numbers).
/// </summary>
public readonly record struct Variation
{
    private readonly double sigma;
    private readonly double halfSigma2;

    /// <summary>Creates the variation; sigma^2 = ln(1 + cv^2) is computed once here, not per draw.</summary>
    public Variation(double coefficientOfVariation)
    {
        CoefficientOfVariation = coefficientOfVariation;
        var sigma2 = coefficientOfVariation > 0 ? Math.Log(1 + (coefficientOfVariation * coefficientOfVariation)) : 0;
        sigma = Math.Sqrt(sigma2);
        halfSigma2 = sigma2 / 2;
    }

    /// <summary>No variation.</summary>
    public static Variation None => new(0);

    /// <summary>Standard deviation / mean of the factor; 0 means none.</summary>
    public double CoefficientOfVariation { get; }

    /// <summary>A factor with mean 1: exp(sigma * z - sigma^2 / 2) with sigma^2 = ln(1 + cv^2).</summary>
    public double Factor(IRandomSource random) =>
        CoefficientOfVariation > 0 ? Math.Exp((sigma * random.NextStandardNormal()) - halfSigma2) : 1.0;
}
