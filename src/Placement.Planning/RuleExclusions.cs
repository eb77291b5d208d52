using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Planning;

/// <summary>
/// Which offered candidates a node's location rules, the global rules and residency remove, with the rule's words,
/// computed once per distinct (offerings, persistence, node rules, residency) and shared by every node that has them: an imported
/// trace has thousands of nodes with the same few rule sets, and a list of removed candidates per node was most of
/// the problem build's time and memory at 100,000 nodes. The lists are read-only once made.
/// </summary>
internal sealed class RuleExclusions
{
    private readonly ScenarioConstraints constraints;
    private readonly PricingCatalog pricing;
    private readonly Dictionary<(object Offered, string Rules), (List<Candidate> Admitted, List<ExcludedCandidate> Excluded)> cache = [];

    public RuleExclusions(ScenarioConstraints constraints, PricingCatalog pricing)
    {
        this.constraints = constraints;
        this.pricing = pricing;
    }

    /// <summary>The offered candidates the rules keep, and those they remove (shared: copy before adding to it).</summary>
    public (List<Candidate> Admitted, List<ExcludedCandidate> Excluded) For(WorkflowNode node, IReadOnlyList<Candidate> offered, IReadOnlyList<Geo>? geos, string geoSource)
    {
        var r = node.Candidates;
        var key = (offered, $"{node.Persistence}\u0001{r.Pin}\u0001{string.Join('\u0002', r.Allow)}\u0001{string.Join('\u0002', r.Deny)}\u0001{(geos is null ? "-" : string.Join('\u0002', geos))}\u0001{geoSource}");
        if (cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var admitted = new List<Candidate>();
        var excluded = new List<ExcludedCandidate>();
        foreach (var c in offered)
        {
            if (PlanningProblem.ExclusionRule(node, c, constraints, pricing, geos, geoSource) is { } rule)
            {
                excluded.Add(new ExcludedCandidate(c, rule));
            }
            else
            {
                admitted.Add(c);
            }
        }

        return cache[key] = (admitted, excluded);
    }
}
