using Placement.Core.Pricing;
using static Placement.Testing.Fixtures;

namespace Placement.Core.Tests.Pricing;

public class EgressPrecedenceTests
{
    [Theory]
    [InlineData("aws/us-east-1", "aws/us-east-1", EgressRule.SameLocation, "0")]
    [InlineData("aws/us-east-1", "aws/us-east-2", EgressRule.PairOverride, "0.01")]
    [InlineData("aws/us-east-2", "aws/us-east-1", EgressRule.PairOverride, "0.01")]
    [InlineData("aws/us-east-1", "aws/eu-west-1", EgressRule.InterContinental, "0.02")]
    [InlineData("aws/eu-west-1", "aws/us-east-2", EgressRule.InterContinental, "0.02")]
    [InlineData("gcp/us-west1", "gcp/us-east1", EgressRule.InterRegion, "0.01")]
    [InlineData("gcp/us-east1", "gcp/us-west1", EgressRule.InterRegion, "0.015")]
    [InlineData("gcp/us-west1", "gcp/europe-west1", EgressRule.InterContinental, "0.08")]
    [InlineData("gcp/us-west1", "aws/us-east-1", EgressRule.Internet, "0.12")]
    [InlineData("aws/us-east-1", "gcp/us-west1", EgressRule.Internet, "0.09")]
    [InlineData("openai/global", "aws/us-east-1", EgressRule.Internet, "0")]
    public void ResolveEgress_Pair_FollowsPrecedence(string from, string to, EgressRule rule, string rate)
    {
        var s = Catalog.ResolveEgress(L(from), L(to));

        Assert.NotNull(s);
        Assert.Equal(rule, s.Rule);
        Assert.Equal(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), s.FirstTierUsdPerUnit);
    }

    [Fact]
    public void ResolveEgress_ProviderWithoutRows_ReturnsNull()
    {
        var catalog = new PricingCatalog(Catalog.Regions, [], [], [], [], Catalog.Egress.Where(e => e.Provider != "gcp"), []);

        Assert.Null(catalog.ResolveEgress(L("gcp/us-west1"), L("aws/us-east-1")));
    }

    [Fact]
    public void MarginalCost_AcrossTiers_PricesEachUnitByItsTier()
    {
        var s = Catalog.ResolveEgress(L("aws/us-east-1"), L("gcp/us-west1"))!;

        // 10,240 GB at $0.09 + 9,760 GB at $0.085.
        Assert.Equal(10_240m * 0.09m + 9_760m * 0.085m, s.MarginalCostUsd(0, 20_000));
        // Continuing a meter already past the first tier.
        Assert.Equal(100m * 0.085m, s.MarginalCostUsd(20_000, 100));
    }

    [Fact]
    public void MarginalCost_TenTiBVersusNineTiB_NeverCheaper()
    {
        var s = Catalog.ResolveEgress(L("aws/us-east-1"), L("gcp/us-west1"))!;
        var tib = 1_099.511627776m; // GB per TiB

        Assert.True(s.MarginalCostUsd(0, 10 * tib) > s.MarginalCostUsd(0, 9 * tib));
        var previous = -1m;
        for (var gb = 0m; gb <= 80_000m; gb += 500m)
        {
            var cost = s.MarginalCostUsd(0, gb);
            Assert.True(cost >= previous, $"cost at {gb} GB fell below the cost at {gb - 500} GB");
            previous = cost;
        }
    }
}
