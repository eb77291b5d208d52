using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>Object storage price at a location, in USD per <see cref="Unit"/> per month.</summary>
public sealed record StoragePrice(Location Location, decimal UsdPerUnitMonth, DataUnit Unit, PriceSource Source);
