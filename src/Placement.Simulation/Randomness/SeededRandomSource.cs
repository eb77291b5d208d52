using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Placement.Simulation.Randomness;

/// <summary>
/// <see cref="IRandomSource"/> over MathNet's xoshiro256** generator seeded explicitly: the sequence depends on
/// the seed only (not on the machine, the clock or the thread), so a replica is reproducible from its seed.
/// </summary>
public sealed class SeededRandomSource : IRandomSource
{
    private readonly Xoshiro256StarStar generator;

    /// <summary>Creates a source from a seed.</summary>
    public SeededRandomSource(int seed)
    {
        generator = new Xoshiro256StarStar(seed, threadSafe: false);
        Seed = seed;
    }

    /// <summary>The seed this source started from.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public double NextDouble() => generator.NextDouble();

    /// <inheritdoc />
    public double NextStandardNormal() => Normal.Sample(generator, 0, 1);
}
