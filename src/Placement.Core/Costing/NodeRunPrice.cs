using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Core.Costing;

/// <summary>
/// What running one node on one candidate costs, before data movement and storage: compute (VM hours),
/// services (units) and LLM (tokens), each rounded to a micro-dollar, with the arithmetic as text.
/// </summary>
public sealed record NodeRunPrice(decimal ComputeUsd, decimal ServicesUsd, decimal LlmUsd, decimal? RuntimeHours, string Basis)
{
    /// <summary>Sum of the three parts.</summary>
    public decimal TotalUsd => ComputeUsd + ServicesUsd + LlmUsd;

    /// <summary>
    /// Prices a node on a candidate per cost-model.md: VM = hours x $/h x instance count; service = units x
    /// unit price; LLM = input tokens x input price + output tokens x output price. Returns null with a
    /// reason when a price or a runtime estimate is missing.
    /// </summary>
    public static NodeRunPrice? TryPrice(WorkflowNode node, Candidate candidate, PricingCatalog pricing, out string? missing) =>
        Price(node, candidate, pricing, withBasis: true, out missing);

    /// <summary>
    /// <see cref="TryPrice"/>'s total without formatting its basis: the scenario checks price every candidate of every
    /// node, and the text was most of that work.
    /// </summary>
    public static decimal? TryTotalUsd(WorkflowNode node, Candidate candidate, PricingCatalog pricing, out string? missing) =>
        Price(node, candidate, pricing, withBasis: false, out missing)?.TotalUsd;

    private static NodeRunPrice? Price(WorkflowNode node, Candidate candidate, PricingCatalog pricing, bool withBasis, out string? missing)
    {
        missing = null;
        switch (node.Endpoint)
        {
            case VmRequirement:
                var sku = pricing.Sku(candidate.Location, candidate.Offering);
                if (sku is null)
                {
                    missing = $"no price for SKU {candidate.Offering} at {candidate.Location}";
                    return null;
                }

                var hours = node.Work.HoursOn(sku.Sku, sku.GpuType);
                if (hours is null)
                {
                    missing = $"no runtime estimate for SKU {sku.Sku}" + (sku.GpuType is null ? "" : $" (GPU {sku.GpuType})")
                        + ": add work.runtimeHours, work.runtimeHoursByGpu or work.runtimeHoursBySku";
                    return null;
                }

                var compute = Money.Line(hours.Value * sku.UsdPerHour * node.InstanceCount);
                return new NodeRunPrice(compute, 0, 0, hours, withBasis ? $"{hours.Value:0.####} h x ${sku.UsdPerHour}/h x {node.InstanceCount}" : "");

            case ServiceRequirement:
                var svc = pricing.Service(candidate.Location, candidate.Offering);
                if (svc is null)
                {
                    missing = $"no price for service {candidate.Offering} at {candidate.Location}";
                    return null;
                }

                var units = svc.Unit switch
                {
                    ServiceUnit.VideoMinute => node.Work.VideoMinutes,
                    ServiceUnit.AudioMinute => node.Work.AudioMinutes,
                    ServiceUnit.Image => node.Work.Images,
                    _ => node.Work.Requests,
                };
                return new NodeRunPrice(0, Money.Line(units * svc.UsdPerUnit), 0, null, withBasis ? $"{units:0.####} {svc.Unit.Word()} x ${svc.UsdPerUnit}" : "");

            case LlmRequirement:
                var llm = pricing.LlmModel(candidate.Location, candidate.Offering);
                if (llm is null)
                {
                    missing = $"no price for model {candidate.Offering} at {candidate.Location}";
                    return null;
                }

                var usd = (node.Work.InputTokens * llm.UsdPerMillionInputTokens + node.Work.OutputTokens * llm.UsdPerMillionOutputTokens) / 1_000_000m;
                return new NodeRunPrice(0, 0, Money.Line(usd), null,
                    withBasis ? $"{node.Work.InputTokens} in x ${llm.UsdPerMillionInputTokens}/M + {node.Work.OutputTokens} out x ${llm.UsdPerMillionOutputTokens}/M" : "");

            default:
                missing = "unknown endpoint kind";
                return null;
        }
    }
}
