using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>An on-demand VM SKU at a location with its hourly list price in USD per hour.</summary>
public sealed record VmSku(
    Location Location,
    string Sku,
    string? GpuType,
    int GpuCount,
    int Vcpus,
    decimal MemoryGib,
    decimal UsdPerHour,
    PriceSource Source);
