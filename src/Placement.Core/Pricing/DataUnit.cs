namespace Placement.Core.Pricing;

/// <summary>The unit a per-volume price is quoted in.</summary>
public enum DataUnit
{
    /// <summary>Gigabyte, 10^9 bytes (AWS, Azure).</summary>
    GB,

    /// <summary>Gibibyte, 2^30 bytes (GCP).</summary>
    GiB,
}

/// <summary>Byte conversions for <see cref="DataUnit"/>, exact in decimal.</summary>
public static class DataUnits
{
    /// <summary>Bytes in one unit.</summary>
    public static decimal BytesPerUnit(this DataUnit unit) => unit == DataUnit.GB ? 1_000_000_000m : 1_073_741_824m;

    /// <summary>Converts bytes to the unit.</summary>
    public static decimal FromBytes(this DataUnit unit, long bytes) => bytes / unit.BytesPerUnit();

    /// <summary>Bytes to decimal gigabytes (10^9), the unit reports use.</summary>
    public static decimal Gigabytes(long bytes) => bytes / 1_000_000_000m;
}
