using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>
/// One egress price row: from <see cref="Provider"/>'s <see cref="SourceRegion"/> (or <c>*</c> for the
/// provider default), of <see cref="Kind"/>, to <see cref="Destination"/> (pair rows only), charging
/// <see cref="UsdPerUnit"/> for each unit past <see cref="TierStartUnits"/> (marginal volume tiers).
/// </summary>
public sealed record EgressRate(
    string Provider,
    string SourceRegion,
    EgressKind Kind,
    Location? Destination,
    decimal TierStartUnits,
    decimal UsdPerUnit,
    DataUnit Unit,
    PriceSource Source);
