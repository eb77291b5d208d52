using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>Measured (or assumed) throughput in Gbit/s (10^9 bits) and round-trip time in ms between two locations.</summary>
public sealed record NetworkLink(Location From, Location To, double BandwidthGbps, double RttMs, PriceSource Source);
