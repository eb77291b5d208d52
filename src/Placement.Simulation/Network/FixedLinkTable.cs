using Placement.Core.Model;

namespace Placement.Simulation.Network;

/// <summary>
/// The same latency and bandwidth between every pair of locations: for what-if runs and tests (an infinite
/// bandwidth and zero latency make every transfer instantaneous).
/// </summary>
/// <param name="Latency">Seconds per move.</param>
/// <param name="Bandwidth">Bytes per second per link; +infinity for instant moves.</param>
public sealed record FixedLinkTable(double Latency, double Bandwidth) : ILinkTable
{
    /// <summary>Transfers take no time at all.</summary>
    public static FixedLinkTable Instant { get; } = new(0, double.PositiveInfinity);

    /// <inheritdoc />
    public double LatencySeconds(Location from, Location to) => Latency;

    /// <inheritdoc />
    public double BytesPerSecond(Location from, Location to) => Bandwidth;
}
