using Placement.Core.Costing;
using Placement.Core.Pricing;
using Placement.Execution.Ports;
using Placement.Traces.Model;

namespace Placement.Execution.Records;

/// <summary>
/// What a run cost by the plan's prices and the run's measurements. VM nodes: the plan's hourly rate
/// (compute USD / predicted hours) x measured hours. LLM nodes: reported tokens x the model's price when both are
/// known, else the plan's figure. Service nodes: the plan's figure (units are not measured). Transfers: measured
/// bytes x the plan line's billed rate (volume tiers applied).
/// </summary>
public static class MeasuredCost
{
    /// <summary>Measured USD of a node (compute + services + LLM, no transfers).</summary>
    public static decimal Node(NodeCostLine planned, NodeRecord run, PricingCatalog? pricing) => NodeParts(planned, run, pricing).TotalUsd;

    /// <summary>Measured USD of a node by component (all zero for a cached or already committed output).</summary>
    public static TaskCost NodeParts(NodeCostLine planned, NodeRecord run, PricingCatalog? pricing)
    {
        var compute = planned.ComputeUsd;
        if (planned.RuntimeHours is > 0 && planned.ComputeUsd > 0)
        {
            compute = Money.Line(planned.ComputeUsd / planned.RuntimeHours.Value * (decimal)(run.Seconds / 3600.0));
        }

        var llm = planned.LlmUsd;
        if ((run.InputTokens > 0 || run.OutputTokens > 0) && pricing?.LlmModel(planned.Location, planned.Offering) is { } price)
        {
            llm = Money.Line((run.InputTokens * price.UsdPerMillionInputTokens / 1_000_000m) + (run.OutputTokens * price.UsdPerMillionOutputTokens / 1_000_000m));
        }

        return run.Kind is NodeCommitKind.Cached or NodeCommitKind.AlreadyCommitted ? TaskCost.Zero : new TaskCost(compute, planned.ServicesUsd, llm);
    }

    /// <summary>
    /// Measured USD of a transfer: bytes x the rate the plan line is billed at (its USD over its bytes, volume tiers
    /// applied), so a run that moves the planned bytes costs the planned dollars; the first-tier rate for a line that
    /// plans no bytes.
    /// </summary>
    public static decimal Transfer(TransferLine? planned, long bytes) =>
        planned is null ? 0
        : bytes == planned.Bytes ? planned.Usd
        : planned.Bytes > 0 ? Money.Line(planned.Usd * bytes / planned.Bytes)
        : Money.Line(planned.Unit.FromBytes(bytes) * planned.UsdPerUnit);
}
