using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Pricing;

namespace Placement.Testing;

/// <summary>Plans placed by hand in tests: each node at a given location, on its cheapest offering there.</summary>
public static class HandPlans
{
    /// <summary>
    /// A plan putting each node at its location on the offering with the lowest run price there (ties broken by the
    /// candidate's own order), priced by the cost model over <paramref name="pricing"/>.
    /// </summary>
    public static Plan Cheapest(WorkflowGraph graph, PricingCatalog pricing, params (string Node, string Location)[] placement)
    {
        var model = new CostModel(graph, pricing);
        var assignment = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var (node, loc) in placement)
        {
            var n = graph.Node(node);
            assignment[node] = CandidateFinder.For(n, graph.Scenario.Constraints, pricing)
                .Where(c => c.Location == Location.Parse(loc))
                .OrderBy(c => NodeRunPrice.TryPrice(n, c, pricing, out _)?.TotalUsd ?? decimal.MaxValue)
                .ThenBy(c => c)
                .First();
        }

        return Plan.Create(model, assignment, SolverReport.Empty);
    }
}
