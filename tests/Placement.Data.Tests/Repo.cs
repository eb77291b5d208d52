using Placement.Core.Pricing;

namespace Placement.Data.Tests;

/// <summary>Paths into the repository and the real pricing data, loaded once.</summary>
internal static class Repo
{
    public static string Root => RepoPaths.Root;

    public static string PricingFolder => Path.Combine(Root, "pricing-data");

    public static PricingCatalog Pricing { get; } = Workspace.LoadPricing(PricingFolder);

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);
}
