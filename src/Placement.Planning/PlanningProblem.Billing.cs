namespace Placement.Planning;

/// <summary>The billed objective of a <see cref="PlanningProblem"/>: the first-tier model plus the volume tiers of every egress meter.</summary>
public sealed partial class PlanningProblem
{
    private EgressMeters? meters;

    /// <summary>The egress meters of the problem, their volume upper bounds and which can cross a tier (built on first use).</summary>
    public EgressMeters Meters => meters ??= EgressMeters.Build(this);

    /// <summary>
    /// The billed cost of a choice in USD, without rounding: <see cref="CostUsd"/> with every meter's volume
    /// priced by its marginal tiers instead of its first-tier rate. Equal to <see cref="CostUsd"/> when no plan can
    /// cross a tier (<see cref="EgressMeters.AnyCrossable"/> is false), never above it.
    /// </summary>
    public double BilledCostUsd(int[] choice) =>
        Meters.AnyCrossable ? CostUsd(choice) + Meters.TierDiscountUsd(Meters.Volumes(NodeLocations(choice))) : CostUsd(choice);
}
