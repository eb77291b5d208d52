using Placement.Core.Pricing;

namespace Placement.Data.Tests;

/// <summary>Paths into the repository and the real pricing data, loaded once.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PricingFolder => Path.Combine(Root, "pricing-data");

    public static PricingCatalog Pricing { get; } = Workspace.LoadPricing(PricingFolder);

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Placement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Placement.sln not found above the test binaries.");
    }
}
