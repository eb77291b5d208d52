using Placement.Core.Model;
using Placement.Data.PricingFiles;

namespace Placement.Data.Tests;

public class PricingLoaderTests
{
    [Fact]
    public void Load_RepositoryPricingData_EgressTierRatesNeverRise()
    {
        // Published price lists only discount later volume (cost-model.md: 10 TiB never costs less than 9 TiB needs
        // non-negative rates; falling rates are what the planner's tier binaries are for).
        foreach (var tiers in Repo.Pricing.Egress.GroupBy(e => (e.Provider, e.SourceRegion, e.Kind, e.Destination, e.Unit)))
        {
            var ordered = tiers.OrderBy(e => e.TierStartUnits).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].UsdPerUnit <= ordered[i - 1].UsdPerUnit, $"{tiers.Key}: tier from {ordered[i].TierStartUnits} costs more than the one before");
            }
        }
    }

    [Fact]
    public void Load_RepositoryPricingData_CoversThreeProvidersAndGpuClasses()
    {
        var p = Repo.Pricing;

        foreach (var provider in new[] { "aws", "gcp", "azure" })
        {
            foreach (var geo in new[] { Geo.Na, Geo.Eu, Geo.Apac })
            {
                Assert.Contains(p.Regions, r => r.Location.Provider == provider && r.Geo == geo);
            }

            foreach (var gpus in new[] { new[] { "A100", "A100-80GB" }, new[] { "H100" }, new[] { "L4", "A10G", "A10" } })
            {
                var regions = p.Skus.Where(s => s.Location.Provider == provider && gpus.Contains(s.GpuType)).Select(s => s.Location).Distinct().Count();
                Assert.True(regions >= 5, $"{provider} has {string.Join("/", gpus)} in only {regions} regions");
            }
        }

        Assert.All(p.Regions.Where(r => r.HasStorage), r => Assert.NotNull(p.StorageAt(r.Location)));
        Assert.All(p.Skus, s => Assert.False(string.IsNullOrWhiteSpace(s.Source.Source)));
    }

    [Fact]
    public void Load_RepositoryPricingData_EveryStoragePairHasAnEgressPrice()
    {
        var p = Repo.Pricing;
        var places = p.Regions.Select(r => r.Location).ToList();

        foreach (var a in places)
        {
            foreach (var b in places)
            {
                Assert.True(p.ResolveEgress(a, b) is not null, $"no egress price {a} -> {b}");
            }
        }
    }

    [Fact]
    public void Load_NegativePriceAndUnknownLocation_NamesFileLineAndColumn()
    {
        var texts = PricingLoader.FileNames.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(Repo.PricingFolder, n)));
        var lines = texts["storage.csv"].Split('\n').ToList();
        lines[2] = "aws/us-east-2,standard,-0.023,GB,test,2026-11-01,true";
        lines.Insert(3, "aws/mars-1,standard,0.023,GB,test,2026-11-01,true");
        texts["storage.csv"] = string.Join('\n', lines);

        var r = PricingLoader.Load(texts, "pricing-data");

        Assert.Null(r.Value);
        Assert.Equal(2, r.Problems.Count);
        Assert.Contains(r.Problems, x => x is { Line: 3, Column: 3, Field: "usd_per_unit_month" } && x.Message.Contains("negative"));
        Assert.Contains(r.Problems, x => x is { Line: 4, Field: "location" } && x.Message.Contains("regions.csv"));
        Assert.All(r.Problems, x => Assert.Equal(Path.Combine("pricing-data", "storage.csv"), x.File));
    }

    [Fact]
    public void Load_SameBadLocationOrSourceOnSeveralRows_ReportsEveryRow()
    {
        // Locations and sources are parsed once per distinct text and shared: a bad one must still be reported on
        // each row that has it, and a good one seen before must still be checked against regions.csv.
        var texts = PricingLoader.FileNames.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(Repo.PricingFolder, n)));
        var lines = texts["network.csv"].Split('\n').ToList();
        lines.Insert(1, "aws/us-east-1,aws/mars-1,1,1,test,2022-04-16,true");
        lines.Insert(2, "aws/us-east-1,aws/mars-1,1,1,test,2022-04-16,true");
        lines.Insert(3, "aws/us-east-1,not a location,1,1,test,2022-04-16,true");
        lines.Insert(4, "aws/us-east-1,not a location,1,1,test,2022-04-16,true");
        lines.Insert(5, "aws/us-east-1,aws/us-east-2,1,1,test,16.04.2022,true");
        lines.Insert(6, "aws/us-east-1,aws/us-east-2,1,1,test,16.04.2022,true");
        texts["network.csv"] = string.Join('\n', lines);

        var r = PricingLoader.Load(texts, "pricing-data");

        Assert.Equal([2, 3], r.Problems.Where(x => x.Message.Contains("regions.csv")).Select(x => x.Line));
        Assert.Equal([4, 5], r.Problems.Where(x => x.Message.Contains("is not a location")).Select(x => x.Line));
        Assert.Equal([6, 7], r.Problems.Where(x => x is { Field: "as_of" }).Select(x => x.Line));
        Assert.Equal(6, r.Problems.Count);
    }

    [Fact]
    public void Load_RepositoryPricingData_SkuLookupFindsEveryRow()
    {
        var p = Repo.Pricing;

        Assert.All(p.Skus, s => Assert.Same(s, p.Sku(s.Location, s.Sku)));
        Assert.Null(p.Sku(p.Skus[0].Location, "no-such-sku"));
    }

    [Fact]
    public void Load_MissingColumn_SaysWhichOne()
    {
        var texts = PricingLoader.FileNames.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(Repo.PricingFolder, n)));
        texts["llm.csv"] = texts["llm.csv"].Replace("as_of", "date", StringComparison.Ordinal);

        var r = PricingLoader.Load(texts, "pricing-data");

        Assert.Contains(r.Problems, x => x.Message.Contains("as_of"));
    }
}
