namespace Placement.Simulation.Randomness;

/// <summary>
/// The simulator's only source of randomness, injected so that the same seed always gives the same run.
/// Implementations are not thread-safe: each replica owns one.
/// </summary>
public interface IRandomSource
{
    /// <summary>A uniform draw in [0, 1).</summary>
    double NextDouble();

    /// <summary>A draw from the standard normal distribution (mean 0, standard deviation 1).</summary>
    double NextStandardNormal();
}
