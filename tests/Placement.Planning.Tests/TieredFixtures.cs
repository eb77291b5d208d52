using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Core.Timing;

namespace Placement.Planning.Tests;

/// <summary>
/// The fixture catalogue with volume tiers a few GB wide, so the small random instances (datasets up to 8 GB,
/// outputs up to 20 GB) cross them often: falling marginal rates on every internet and inter-region meter
/// (the shape of the published price lists), and one rising rate (AWS inter-continental) for the convex case.
/// </summary>
internal static class TieredFixtures
{
    private static readonly PriceSource Src = new("tiered test fixture", new DateOnly(2026, 12, 1), true);

    public static PricingCatalog Catalog { get; } = Build();

    public static CostModel ModelFor(Scenario s) => new(WorkflowGraph.Build(s), Catalog);

    public static PlanningProblem ProblemFor(Scenario s) => PlanningProblem.Build(ModelFor(s), new NetworkModel(Catalog));

    /// <summary>The problem, or null when its rules leave some node no candidate.</summary>
    public static PlanningProblem? TryProblemFor(Scenario s)
    {
        try
        {
            return ProblemFor(s);
        }
        catch (PlanningException)
        {
            return null;
        }
    }

    private static PricingCatalog Build()
    {
        var f = Fixtures.Catalog;
        EgressRate E(string provider, string region, EgressKind kind, decimal tier, decimal rate, DataUnit unit, string? to = null) =>
            new(provider, region, kind, to is null ? null : Location.Parse(to), tier, rate, unit, Src);
        var egress = new[]
        {
            E("aws", "*", EgressKind.InterRegion, 0, 0.02m, DataUnit.GB), E("aws", "*", EgressKind.InterRegion, 6, 0.012m, DataUnit.GB),
            E("aws", "*", EgressKind.InterContinental, 0, 0.02m, DataUnit.GB), E("aws", "*", EgressKind.InterContinental, 9, 0.03m, DataUnit.GB),
            E("aws", "*", EgressKind.Internet, 0, 0.09m, DataUnit.GB), E("aws", "*", EgressKind.Internet, 4, 0.05m, DataUnit.GB),
            E("aws", "*", EgressKind.Internet, 15, 0.02m, DataUnit.GB),
            E("aws", "us-east-1", EgressKind.Pair, 0, 0.01m, DataUnit.GB, to: "aws/us-east-2"),
            E("aws", "us-east-1", EgressKind.Pair, 5, 0.004m, DataUnit.GB, to: "aws/us-east-2"),
            E("aws", "us-east-2", EgressKind.Pair, 0, 0.01m, DataUnit.GB, to: "aws/us-east-1"),
            E("gcp", "*", EgressKind.InterRegion, 0, 0.01m, DataUnit.GiB), E("gcp", "*", EgressKind.InterRegion, 7, 0.004m, DataUnit.GiB),
            E("gcp", "us-east1", EgressKind.InterRegion, 0, 0.015m, DataUnit.GiB),
            E("gcp", "*", EgressKind.InterContinental, 0, 0.08m, DataUnit.GiB),
            E("gcp", "*", EgressKind.Internet, 0, 0.12m, DataUnit.GiB), E("gcp", "*", EgressKind.Internet, 3, 0.06m, DataUnit.GiB),
            E("gcp", "*", EgressKind.Internet, 12, 0.01m, DataUnit.GiB),
            E("openai", "*", EgressKind.InterRegion, 0, 0m, DataUnit.GB),
            E("openai", "*", EgressKind.InterContinental, 0, 0m, DataUnit.GB),
            E("openai", "*", EgressKind.Internet, 0, 0m, DataUnit.GB),
        };
        return new PricingCatalog(f.Regions, f.Skus, f.Services, f.Llm, f.Storage, egress, f.Links);
    }
}
