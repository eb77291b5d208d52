using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Planning.Tests;

/// <summary>Planning-specific helpers on top of the shared <see cref="Placement.Testing.Fixtures"/>.</summary>
internal static class PlanningFixtures
{
    public static Placement.Planning.PlanningProblem ProblemFor(Scenario s) =>
        Placement.Planning.PlanningProblem.Build(Fixtures.ModelFor(s), new Placement.Core.Timing.NetworkModel(Fixtures.Catalog));

    /// <summary>The problem of a scenario, or null when its rules leave some node or group no candidate.</summary>
    public static Placement.Planning.PlanningProblem? TryProblem(Scenario s)
    {
        try
        {
            return ProblemFor(s);
        }
        catch (Placement.Planning.PlanningException)
        {
            return null;
        }
    }

    /// <summary>Two USD totals equal within a micro-dollar, relatively for totals above 1 USD (solver float noise).</summary>
    public static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(b));
}
