using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Core.Timing;

/// <summary>
/// Transfer times per cost-model.md: <c>latency(a, b) + bytes / bandwidth(a, b)</c>. Bandwidth and RTT come
/// from the measured links of the pricing catalogue (pricing-data/network.csv); a pair without a
/// measurement uses the reverse direction, else <see cref="DefaultBandwidthGbps"/> and <see cref="DefaultRttMs"/>.
/// Latency is one RTT (a request and its first byte); bandwidth is in Gbit/s, 10^9 bits.
/// </summary>
public sealed class NetworkModel
{
    private readonly PricingCatalog pricing;

    /// <summary>Creates the model.</summary>
    /// <param name="pricing">Catalogue holding the measured links.</param>
    /// <param name="defaultBandwidthGbps">Bandwidth for unmeasured pairs, Gbit/s.</param>
    /// <param name="defaultRttMs">RTT for unmeasured pairs, ms.</param>
    /// <param name="sameLocationBandwidthGbps">Bandwidth inside one location (bucket to VM), Gbit/s.</param>
    public NetworkModel(PricingCatalog pricing, double defaultBandwidthGbps = 1.0, double defaultRttMs = 100.0, double sameLocationBandwidthGbps = 10.0)
    {
        if (defaultBandwidthGbps <= 0 || sameLocationBandwidthGbps <= 0 || defaultRttMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultBandwidthGbps), "Bandwidths must be positive and RTT non-negative.");
        }

        this.pricing = pricing;
        DefaultBandwidthGbps = defaultBandwidthGbps;
        DefaultRttMs = defaultRttMs;
        SameLocationBandwidthGbps = sameLocationBandwidthGbps;
    }

    /// <summary>Bandwidth assumed for an unmeasured pair, Gbit/s.</summary>
    public double DefaultBandwidthGbps { get; }

    /// <summary>RTT assumed for an unmeasured pair, ms.</summary>
    public double DefaultRttMs { get; }

    /// <summary>Bandwidth inside one location, Gbit/s.</summary>
    public double SameLocationBandwidthGbps { get; }

    /// <summary>Bandwidth from one location to another in Gbit/s.</summary>
    public double BandwidthGbps(Location from, Location to) =>
        from == to ? SameLocationBandwidthGbps : Measured(from, to)?.BandwidthGbps ?? DefaultBandwidthGbps;

    /// <summary>Round-trip time in ms; 0 inside one location.</summary>
    public double RttMs(Location from, Location to) =>
        from == to ? 0 : Measured(from, to)?.RttMs ?? DefaultRttMs;

    /// <summary>Seconds to move <paramref name="bytes"/>: RTT + bytes x 8 / bandwidth. Zero bytes in one location take no time.</summary>
    public double TransferSeconds(Location from, Location to, long bytes)
    {
        if (from == to && bytes == 0)
        {
            return 0;
        }

        return RttMs(from, to) / 1000.0 + bytes * 8.0 / (BandwidthGbps(from, to) * 1e9);
    }

    private NetworkLink? Measured(Location from, Location to) => pricing.Link(from, to) ?? pricing.Link(to, from);
}
