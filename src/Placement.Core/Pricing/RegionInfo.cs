using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>A known location with its geo and whether it has a storage service (one bucket).</summary>
public sealed record RegionInfo(Location Location, Geo Geo, string DisplayName, bool HasStorage, PriceSource Source);
