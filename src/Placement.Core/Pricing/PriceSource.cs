namespace Placement.Core.Pricing;

/// <summary>Provenance of a price row: where it was read, as of when, and whether it was checked.</summary>
public sealed record PriceSource(string Source, DateOnly AsOf, bool Verified);
