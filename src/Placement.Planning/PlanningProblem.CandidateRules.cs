using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Planning;

/// <summary>Why a candidate is excluded from a node of a <see cref="PlanningProblem"/>, and the message when none is left.</summary>
public sealed partial class PlanningProblem
{
    internal static string? ExclusionRule(WorkflowNode node, Candidate c, ScenarioConstraints constraints, PricingCatalog pricing, IReadOnlyList<Geo>? geos, string geoSource)
    {
        var rules = node.Candidates;
        if (rules.Pin is { } pin && pin != c.Location)
        {
            return $"pin {pin}";
        }

        if (rules.Allow.Count > 0 && !rules.Allow.Any(p => p.Matches(c.Location)))
        {
            return $"allow {string.Join(", ", rules.Allow)}";
        }

        if (rules.Deny.FirstOrDefault(p => p.Matches(c.Location)) is { } deny)
        {
            return $"deny {deny}";
        }

        if (constraints.Allow.Count > 0 && !constraints.Allow.Any(p => p.Matches(c.Location)))
        {
            return $"global allow {string.Join(", ", constraints.Allow)}";
        }

        if (constraints.Deny.FirstOrDefault(p => p.Matches(c.Location)) is { } gdeny)
        {
            return $"global deny {gdeny}";
        }

        if (geos is not null && (pricing.Region(c.Location)?.Geo is not { } g || !geos.Contains(g)))
        {
            return $"residency {string.Join(", ", geos.Select(x => x.Code()))} ({geoSource})";
        }

        if (node.Persistence == Persistence.Native && pricing.StorageAt(c.Location) is null)
        {
            return $"no storage at {c.Location} for its output";
        }

        return null;
    }

    private static string NoCandidateMessage(WorkflowNode node, IReadOnlyList<Candidate> offered, List<ExcludedCandidate> excluded)
    {
        if (offered.Count == 0)
        {
            return $"node {node.Name}: its {node.Endpoint.KindWord} endpoint is offered nowhere in the pricing data";
        }

        // Name the first rule that removed the rest; list where the offerings exist so the user can relax it.
        var byRule = excluded.GroupBy(e => e.Rule.StartsWith("residency", StringComparison.Ordinal) ? e.Rule : e.Rule.Split(' ')[0]).OrderByDescending(g => g.Count()).First();
        var what = node.Endpoint switch
        {
            VmRequirement vm => vm.Skus.Count > 0 ? $"the SKU {string.Join("/", vm.Skus)}" : vm.GpuType is not null ? $"a {vm.GpuCount}x {vm.GpuType} VM" : "a qualifying VM",
            ServiceRequirement s => $"the service {string.Join("/", s.Services)}",
            LlmRequirement l => $"the model {string.Join("/", l.Models)}",
            _ => "its endpoint",
        };
        var where = string.Join(", ", offered.Select(c => c.Location.ToString()).Distinct().Take(12));
        var rules = string.Join(" and ", excluded.Select(e => e.Rule).Distinct().Take(4));
        return excluded.Select(e => e.Rule).Distinct().Count() == 1
            ? $"node {node.Name}: {byRule.Key} allows no candidate: {what} exists only in {where}"
            : $"node {node.Name}: {rules} allow no candidate: {what} exists only in {where}";
    }
}
