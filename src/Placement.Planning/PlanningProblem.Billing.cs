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
    /// cross a tier (<see cref="EgressMeters.AnyCrossable"/> is false).
    /// </summary>
    public double BilledCostUsd(int[] choice) =>
        Meters.AnyCrossable ? CostUsd(choice) + Meters.TierDiscountUsd(Meters.Volumes(NodeLocations(choice))) : CostUsd(choice);

    /// <summary>
    /// The first-tier model as a problem of its own: the same rates, no volume tiers, so its billed cost is
    /// <see cref="CostUsd"/>. Never below the bill when rates only fall with volume.
    /// </summary>
    public PlanningProblem FirstTierModel() => Meters.AnyCrossable ? Linearised(egress) : this;

    /// <summary>
    /// A linear relaxation of the bill: every move on a meter that can cross a tier is charged the meter's average
    /// rate at its volume upper bound, <c>bill(Vmax) / Vmax</c>. A concave bill with <c>bill(0) = 0</c> is never below
    /// that chord on <c>[0, Vmax]</c>, so for every plan this model's cost is at most its bill, and its optimum is a
    /// lower bound on the billed optimum. Meters whose rate rises with volume keep their first tier (then the
    /// chord is not below the bill) and the relaxation is not a bound: <see cref="HasChordBound"/> says so.
    /// </summary>
    public PlanningProblem ChordModel()
    {
        if (!Meters.AnyCrossable)
        {
            return this;
        }

        var rates = (double[,])egress.Clone();
        for (var a = 0; a < Locations.Count; a++)
        {
            for (var b = 0; b < Locations.Count; b++)
            {
                if (Meters.CrossableMeterOf(a, b) is var m && m >= 0)
                {
                    var meter = Meters.All[m];
                    var most = (double)meter.VolumeUpperBoundUnits;
                    rates[a, b] = meter.BillUsd(most) / most / meter.BytesPerUnit;
                }
            }
        }

        return Linearised(rates);
    }

    /// <summary>True when <see cref="ChordModel"/> is a lower bound of the bill: every crossable meter's rates only fall with volume.</summary>
    public bool HasChordBound => Meters.Crossable.All(m => m.CrossableBoundaries.All(b => b.RateDropUsdPerUnit > 0));

    private PlanningProblem Linearised(double[,] rates)
    {
        var copy = (PlanningProblem)MemberwiseClone();
        copy.egress = rates;
        copy.meters = EgressMeters.Flat(copy);
        return copy;
    }
}
