using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Costing;

/// <summary>
/// The cost model's lines (cost-model.md) computed from what a replica actually did: VM hours billed over
/// every attempt, one service or LLM charge per attempt, egress on the bytes each move really carried
/// (marginal tiers metered per source and rule, moves billed in the cost model's order), and storage of every
/// item that was stored and every staged copy that arrived. Each line is rounded once to a micro-dollar like the
/// cost model's, so a replay of the estimates without randomness gives exactly the plan's cost.
/// </summary>
internal static class SimulatedCost
{
    public static CostTotals Compute(SimulationModel m, int[] attempts, decimal[] billedHours, double[] storedAt, long[] moveBytes, double[] moveEnd, double[] itemFactor)
    {
        decimal compute = 0, services = 0, llm = 0, egress = 0, storage = 0;
        for (var i = 0; i < m.NodeCount; i++)
        {
            var spec = m.Nodes[i];
            if (attempts[i] == 0)
            {
                continue;
            }

            if (spec.IsVm)
            {
                compute += Money.Line(billedHours[i] * spec.UsdPerHour * spec.InstanceCount);
            }

            services += spec.ServicesUsdPerAttempt * attempts[i];
            llm += spec.LlmUsdPerAttempt * attempts[i];
        }

        var meters = new Dictionary<(Location, EgressRule), decimal>();
        for (var k = 0; k < m.MoveCount; k++)
        {
            if (double.IsNaN(moveEnd[k]))
            {
                continue;
            }

            var spec = m.Moves[k];
            var schedule = spec.Egress;
            var units = schedule.Unit.FromBytes(moveBytes[k]);
            var key = (m.Locations[spec.From], schedule.Rule);
            var already = meters.GetValueOrDefault(key);
            egress += Money.Line(schedule.MarginalCostUsd(already, units));
            meters[key] = already + units;

            if (!spec.IsRouteBack && moveBytes[k] > 0 && spec.StagedStorage is { } staged)
            {
                storage += Line(moveBytes[k], staged, m.RetentionMonths);
            }
        }

        for (var item = 0; item < m.ItemCount; item++)
        {
            var f = itemFactor[item];
            var bytes = f == 1.0 ? m.ItemBaseBytes[item] : (long)Math.Round(m.ItemBaseBytes[item] * f);
            if (!double.IsNaN(storedAt[item]) && bytes > 0 && m.ItemHomeStorage[item] is { } price)
            {
                storage += Line(bytes, price, m.RetentionMonths);
            }
        }

        return new CostTotals(compute, services, llm, egress, storage);
    }

    private static decimal Line(long bytes, StoragePrice price, decimal months) =>
        Money.Line(price.Unit.FromBytes(bytes) * price.UsdPerUnitMonth * months);
}
