namespace Placement.Simulation.Randomness;

/// <summary>
/// Derives one seed per Monte Carlo replica from the master seed with SplitMix64, so replicas are independent
/// streams, and replica <c>i</c> gets the same seed however many replicas run or in which order.
/// </summary>
public static class ReplicaSeeds
{
    /// <summary>The seed of replica <paramref name="replica"/> (0-based) under <paramref name="masterSeed"/>.</summary>
    public static int For(int masterSeed, int replica)
    {
        unchecked
        {
            var z = ((ulong)(uint)masterSeed << 32) + (ulong)(uint)replica + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
