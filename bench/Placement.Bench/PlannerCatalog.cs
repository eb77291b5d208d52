using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Bench;

/// <summary>
/// A synthetic pricing catalogue for the planner benchmark: up to 20 regions over three providers and three
/// geos, 1 to 3 VM SKUs per region (faster SKUs cost more per hour, so none dominates another), provider
/// egress rates shaped like the real ones, storage everywhere. Seeded: same seed, same prices.
/// </summary>
internal static class PlannerCatalog
{
    private static readonly (string Loc, Geo Geo)[] AllRegions =
    [
        ("aws/us-east-1", Geo.Na), ("gcp/us-central1", Geo.Na), ("azure/eastus", Geo.Na), ("aws/eu-west-1", Geo.Eu),
        ("gcp/europe-west1", Geo.Eu), ("azure/westeurope", Geo.Eu), ("aws/us-west-2", Geo.Na), ("gcp/us-west1", Geo.Na),
        ("azure/westus2", Geo.Na), ("aws/ap-southeast-1", Geo.Apac), ("gcp/asia-east1", Geo.Apac), ("azure/southeastasia", Geo.Apac),
        ("aws/us-east-2", Geo.Na), ("gcp/us-east1", Geo.Na), ("azure/northeurope", Geo.Eu), ("aws/eu-central-1", Geo.Eu),
        ("gcp/europe-west4", Geo.Eu), ("azure/japaneast", Geo.Apac), ("aws/ap-northeast-1", Geo.Apac), ("gcp/asia-southeast1", Geo.Apac),
    ];

    /// <summary>SKU names and their (runtime factor, price factor).</summary>
    public static readonly (string Sku, decimal Speed, decimal Price)[] Skus = [("s-std", 1m, 1m), ("s-fast", 0.6m, 1.75m), ("s-max", 0.4m, 2.75m)];

    /// <summary>
    /// A catalogue with about <paramref name="candidates"/> (location, SKU) pairs. With <paramref name="tiered"/>, internet
    /// egress has the published volume tiers (<see cref="InternetTiers"/>), which the benchmark's plans can cross.
    /// </summary>
    public static PricingCatalog Build(int candidates, int seed, bool tiered = false)
    {
        var rng = new Random(seed);
        var src = new PriceSource("synthetic benchmark", new DateOnly(2026, 11, 1), true);
        var skusPerRegion = Math.Clamp((candidates + 19) / 20, 1, 3);
        var regionCount = Math.Clamp((candidates + skusPerRegion - 1) / skusPerRegion, 1, AllRegions.Length);
        var regions = AllRegions.Take(regionCount).ToList();
        var skus = new List<VmSku>();
        var storage = new List<StoragePrice>();
        foreach (var (loc, _) in regions)
        {
            var l = Location.Parse(loc);
            var basePrice = 0.40m * (0.85m + (decimal)rng.NextDouble() * 0.3m);
            foreach (var (sku, _, price) in Skus.Take(skusPerRegion))
            {
                skus.Add(new VmSku(l, sku, null, 0, 8, 32, Math.Round(basePrice * price, 4), src));
            }

            storage.Add(new StoragePrice(l, 0.020m + rng.Next(0, 4) / 1000m, DataUnit.GB, src));
        }

        EgressRate E(string provider, EgressKind kind, decimal rate) => new(provider, "*", kind, null, 0, rate, DataUnit.GB, src);
        var egress = new List<EgressRate>
        {
            E("aws", EgressKind.InterRegion, 0.02m), E("aws", EgressKind.InterContinental, 0.05m), E("aws", EgressKind.Internet, 0.09m),
            E("gcp", EgressKind.InterRegion, 0.01m), E("gcp", EgressKind.InterContinental, 0.08m), E("gcp", EgressKind.Internet, 0.12m),
            E("azure", EgressKind.InterRegion, 0.02m), E("azure", EgressKind.InterContinental, 0.05m), E("azure", EgressKind.Internet, 0.087m),
        };
        if (tiered)
        {
            egress.AddRange(InternetTiers.Select(t => new EgressRate(t.Provider, "*", EgressKind.Internet, null, t.StartGb, t.Rate, DataUnit.GB, src)));
        }

        var regionInfos = regions.Select(r => new RegionInfo(Location.Parse(r.Loc), r.Geo, r.Loc, true, src)).ToList();
        return new PricingCatalog(regionInfos, skus, [], [], storage, egress, []);
    }

    /// <summary>Internet tiers after the first (start GB, marginal USD/GB), shaped like AWS's, GCP's (per GB here) and Azure's price lists.</summary>
    public static readonly (string Provider, decimal StartGb, decimal Rate)[] InternetTiers =
    [
        ("aws", 10_240, 0.085m), ("aws", 51_200, 0.07m), ("aws", 153_600, 0.05m),
        ("gcp", 1_024, 0.11m), ("gcp", 10_240, 0.08m),
        ("azure", 10_240, 0.083m), ("azure", 51_200, 0.07m), ("azure", 153_600, 0.05m),
    ];

    /// <summary>The home of generated datasets: the first region.</summary>
    public static Location DataHome => Location.Parse(AllRegions[0].Loc);
}
