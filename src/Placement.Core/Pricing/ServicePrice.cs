using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>Unit price of a managed service at a location, in USD per <see cref="Unit"/>.</summary>
public sealed record ServicePrice(Location Location, string Service, ServiceUnit Unit, decimal UsdPerUnit, PriceSource Source);
