using Placement.Core.Model;

namespace Placement.Simulation.Network;

/// <summary>Latency and bandwidth between two locations, in SI units, as the simulator consumes them.</summary>
public interface ILinkTable
{
    /// <summary>Seconds before the first byte of a move arrives (one RTT in <see cref="NetworkLinkTable"/>).</summary>
    double LatencySeconds(Location from, Location to);

    /// <summary>Bytes per second of the whole link (shared by every concurrent move on it); may be +infinity.</summary>
    double BytesPerSecond(Location from, Location to);
}
