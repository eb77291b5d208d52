using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Data;

namespace Placement.Cli.Commands;

/// <summary>Loading steps every command shares.</summary>
internal static class CommandSupport
{
    public static (PricingCatalog Pricing, Scenario Scenario) Load(string scenarioPath, string? pricingFolder)
    {
        var pricing = Workspace.LoadPricing(Workspace.FindPricingFolder(pricingFolder, scenarioPath));
        return (pricing, Workspace.LoadScenario(scenarioPath, pricing));
    }
}
