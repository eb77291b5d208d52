using Placement.Simulation.Setup;

namespace Placement.Simulation.Engine;

/// <summary>
/// A data size scaled by a replica's variation factor. Log-normal factors have no upper bound, so a scaled size is
/// capped at an equal share of 10^18 bytes among the model's items and moves: every size and every sum of them stays
/// inside a long, whatever the coefficient of variation.
/// </summary>
internal static class ScaledBytes
{
    /// <summary>Bytes all scaled items and moves of one replica may add up to: 10^18.</summary>
    public const double Budget = 1e18;

    public static long Of(long baseBytes, double factor, SimulationModel model)
    {
        if (factor == 1.0)
        {
            return baseBytes;
        }

        var cap = Budget / Math.Max(1, model.ItemCount + model.MoveCount);
        return (long)Math.Min(Math.Round(baseBytes * factor), Math.Max(cap, baseBytes));
    }
}
