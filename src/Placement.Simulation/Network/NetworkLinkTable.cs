using Placement.Core.Model;
using Placement.Core.Timing;

namespace Placement.Simulation.Network;

/// <summary>
/// <see cref="ILinkTable"/> over the core's <see cref="NetworkModel"/> (measured links of pricing-data/network.csv):
/// latency = RTT ms / 1000, bandwidth = Gbit/s x 10^9 / 8 bytes per second. A single transfer alone on its link
/// therefore takes exactly <see cref="NetworkModel.TransferSeconds"/>.
/// </summary>
public sealed class NetworkLinkTable(NetworkModel network) : ILinkTable
{
    /// <inheritdoc />
    public double LatencySeconds(Location from, Location to) => network.RttMs(from, to) / 1000.0;

    /// <inheritdoc />
    public double BytesPerSecond(Location from, Location to) => network.BandwidthGbps(from, to) * 1e9 / 8.0;
}
