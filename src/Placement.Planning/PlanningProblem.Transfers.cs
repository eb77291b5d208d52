namespace Placement.Planning;

/// <summary>Transfer times of a <see cref="PlanningProblem"/>, from a per-location-pair table of the network model.</summary>
public sealed partial class PlanningProblem
{
    private (double[] RttSeconds, double[] Gbps)? links;

    /// <summary>
    /// Seconds to move bytes between two location indices: the network model's
    /// <see cref="Placement.Core.Timing.NetworkModel.TransferSeconds"/>, computed the same way (same result to the bit)
    /// from RTTs and bandwidths looked up once per location pair, since the makespan asks for it per read per plan.
    /// </summary>
    public double TransferSeconds(int from, int to, long bytes)
    {
        if (from == to && bytes == 0)
        {
            return 0;
        }

        var (rtt, gbps) = links ??= LinkTable();
        var k = (from * Locations.Count) + to;
        return rtt[k] + (bytes * 8.0 / (gbps[k] * 1e9));
    }

    private (double[] RttSeconds, double[] Gbps) LinkTable()
    {
        var count = Locations.Count;
        var rtt = new double[count * count];
        var gbps = new double[count * count];
        for (var a = 0; a < count; a++)
        {
            for (var b = 0; b < count; b++)
            {
                rtt[(a * count) + b] = network.RttMs(Locations[a], Locations[b]) / 1000.0;
                gbps[(a * count) + b] = network.BandwidthGbps(Locations[a], Locations[b]);
            }
        }

        return (rtt, gbps);
    }
}
