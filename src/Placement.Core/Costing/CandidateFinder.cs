using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Core.Costing;

/// <summary>
/// Lists a node's candidates: every (location, offering) where its endpoint exists in the pricing data,
/// narrowed by the node's allow/deny/pin rules and the scenario's global allow/deny.
/// </summary>
public static class CandidateFinder
{
    /// <summary>Offerings of the endpoint anywhere, before any location rule.</summary>
    public static IReadOnlyList<Candidate> Offered(WorkflowNode node, PricingCatalog pricing) => node.Endpoint switch
    {
        VmRequirement vm => pricing.Skus.Where(s => Qualifies(vm, s)).Select(s => new Candidate(s.Location, s.Sku)).Order().ToList(),
        ServiceRequirement svc => pricing.Services.Where(s => svc.Services.Contains(s.Service, StringComparer.Ordinal))
            .Select(s => new Candidate(s.Location, s.Service)).Order().ToList(),
        LlmRequirement llm => pricing.Llm.Where(m => llm.Models.Contains(m.Model, StringComparer.Ordinal))
            .Select(m => new Candidate(m.Location, m.Model)).Order().ToList(),
        _ => throw new InvalidOperationException($"Unknown endpoint {node.Endpoint.GetType().Name}."),
    };

    /// <summary>Candidates after the node's rules and the scenario's global allow/deny.</summary>
    public static IReadOnlyList<Candidate> For(WorkflowNode node, ScenarioConstraints constraints, PricingCatalog pricing) =>
        Offered(node, pricing).Where(c => node.Candidates.Admits(c.Location) && constraints.Admits(c.Location)).ToList();

    /// <summary>True when the candidate is one of the node's (offered and admitted).</summary>
    public static bool IsCandidate(WorkflowNode node, ScenarioConstraints constraints, PricingCatalog pricing, Candidate candidate) =>
        node.Candidates.Admits(candidate.Location) && constraints.Admits(candidate.Location)
        && node.Endpoint switch
        {
            VmRequirement vm => pricing.Sku(candidate.Location, candidate.Offering) is { } s && Qualifies(vm, s),
            ServiceRequirement svc => svc.Services.Contains(candidate.Offering, StringComparer.Ordinal)
                && pricing.Service(candidate.Location, candidate.Offering) is not null,
            LlmRequirement llm => llm.Models.Contains(candidate.Offering, StringComparer.Ordinal)
                && pricing.LlmModel(candidate.Location, candidate.Offering) is not null,
            _ => false,
        };

    /// <summary>True when a SKU satisfies a VM requirement.</summary>
    public static bool Qualifies(VmRequirement vm, VmSku sku) =>
        (vm.Skus.Count == 0 || vm.Skus.Contains(sku.Sku, StringComparer.Ordinal))
        && (vm.GpuType is null || (string.Equals(vm.GpuType, sku.GpuType, StringComparison.OrdinalIgnoreCase) && sku.GpuCount >= vm.GpuCount))
        && (vm.GpuType is not null || vm.GpuCount == 0 || sku.GpuCount >= vm.GpuCount)
        && sku.Vcpus >= vm.MinVcpus
        && sku.MemoryGib >= vm.MinMemoryGib;
}
