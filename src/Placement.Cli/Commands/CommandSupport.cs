using Placement.Cli.Progress;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Data;

namespace Placement.Cli.Commands;

/// <summary>Loading steps every command shares.</summary>
internal static class CommandSupport
{
    /// <summary>Loads the pricing and the scenario; the scenario's warnings (absurd values) go to standard error.</summary>
    public static (PricingCatalog Pricing, Scenario Scenario) Load(string scenarioPath, string? pricingFolder, CliConsole console)
    {
        var (pricing, scenario, _) = LoadCounting(scenarioPath, pricingFolder, console);
        return (pricing, scenario);
    }

    /// <summary>As <see cref="Load"/>, also counting the warnings printed.</summary>
    public static (PricingCatalog Pricing, Scenario Scenario, int Warnings) LoadCounting(string scenarioPath, string? pricingFolder, CliConsole console)
    {
        var pricing = Workspace.LoadPricing(Workspace.FindPricingFolder(pricingFolder, scenarioPath));
        StageTimings.Mark("pricing loaded");
        var warnings = 0;
        var scenario = Workspace.LoadScenario(scenarioPath, pricing, w =>
        {
            warnings++;
            console.Error.Write($"warning: {w}\n");
        });
        StageTimings.Mark("scenario loaded and validated");
        return (pricing, scenario, warnings);
    }
}
