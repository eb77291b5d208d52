using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Core.Costing;

/// <summary>
/// Lists a node's candidates: every (location, offering) where its endpoint exists in the pricing data,
/// narrowed by the node's allow/deny/pin rules and the scenario's global allow/deny.
/// The offerings of one endpoint requirement are computed once per catalogue and shared (read-only): imported
/// traces repeat a handful of requirements over thousands of nodes, and scanning the catalogue per node made
/// loading and planning spend most of their time here.
/// </summary>
public static class CandidateFinder
{
    private static readonly ConditionalWeakTable<PricingCatalog, ConcurrentDictionary<string, IReadOnlyList<Candidate>>> OfferedCache = new();

    /// <summary>Offerings of the endpoint anywhere, before any location rule, ordered; the list is shared and read-only.</summary>
    public static IReadOnlyList<Candidate> Offered(WorkflowNode node, PricingCatalog pricing) =>
        OfferedCache.GetOrCreateValue(pricing).GetOrAdd(Key(node.Endpoint), static (_, state) => Scan(state.Endpoint, state.Pricing).AsReadOnly(), (node.Endpoint, Pricing: pricing));

    /// <summary>A text that is equal exactly when two requirements qualify the same offerings (lists compared by content).</summary>
    private static string Key(EndpointRequirement endpoint) => endpoint switch
    {
        VmRequirement vm => $"vm\u0001{vm.GpuType}\u0001{vm.GpuCount}\u0001{vm.MinVcpus}\u0001{vm.MinMemoryGib}\u0001{string.Join('\u0002', vm.Skus)}",
        ServiceRequirement svc => "service\u0001" + string.Join('\u0002', svc.Services),
        LlmRequirement llm => "llm\u0001" + string.Join('\u0002', llm.Models),
        _ => throw new InvalidOperationException($"Unknown endpoint {endpoint.GetType().Name}."),
    };

    private static List<Candidate> Scan(EndpointRequirement endpoint, PricingCatalog pricing) => endpoint switch
    {
        VmRequirement vm => pricing.Skus.Where(s => Qualifies(vm, s)).Select(s => new Candidate(s.Location, s.Sku)).Order().ToList(),
        ServiceRequirement svc => pricing.Services.Where(s => svc.Services.Contains(s.Service, StringComparer.Ordinal))
            .Select(s => new Candidate(s.Location, s.Service)).Order().ToList(),
        LlmRequirement llm => pricing.Llm.Where(m => llm.Models.Contains(m.Model, StringComparer.Ordinal))
            .Select(m => new Candidate(m.Location, m.Model)).Order().ToList(),
        _ => throw new InvalidOperationException($"Unknown endpoint {endpoint.GetType().Name}."),
    };

    /// <summary>Candidates after the node's rules and the scenario's global allow/deny; the list is shared and read-only.</summary>
    public static IReadOnlyList<Candidate> For(WorkflowNode node, ScenarioConstraints constraints, PricingCatalog pricing)
    {
        var rules = node.Candidates;
        var key = $"{Key(node.Endpoint)}\u0003{rules.Pin}\u0001{string.Join('\u0002', rules.Allow)}\u0001{string.Join('\u0002', rules.Deny)}"
            + $"\u0003{string.Join('\u0002', constraints.Allow)}\u0001{string.Join('\u0002', constraints.Deny)}";
        return OfferedCache.GetOrCreateValue(pricing).GetOrAdd(key, static (_, state) =>
            Offered(state.Node, state.Pricing).Where(c => state.Node.Candidates.Admits(c.Location) && state.Constraints.Admits(c.Location)).ToList().AsReadOnly(),
            (Node: node, Constraints: constraints, Pricing: pricing));
    }

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
