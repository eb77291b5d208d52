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
    /// <summary>Totals, and with <paramref name="lines"/> every line (for reports and traces; Monte Carlo skips them).</summary>
    /// <remarks><paramref name="meters"/> is scratch of at least <see cref="SimulationModel.MeterCount"/> entries (reused across replicas); overwritten.</remarks>
    public static (CostTotals Totals, PlanCost? Lines) Compute(SimulationModel m, int[] attempts, decimal[] billedHours, double[] storedAt, long[] moveBytes, double[] moveEnd, double[] itemFactor, decimal[] meters, bool lines)
    {
        decimal compute = 0, services = 0, llm = 0, egress = 0, storage = 0;
        var nodeLines = lines ? new List<NodeCostLine>(m.NodeCount) : null;
        var transferLines = lines ? new List<TransferLine>() : null;
        var storageLines = lines ? new List<StorageLine>() : null;
        for (var i = 0; i < m.NodeCount; i++)
        {
            var spec = m.Nodes[i];
            if (attempts[i] == 0)
            {
                continue;
            }

            var c = spec.IsVm ? Money.Line(billedHours[i] * spec.UsdPerHour * spec.InstanceCount) : 0;
            var sv = spec.ServicesUsdPerAttempt * attempts[i];
            var l = spec.LlmUsdPerAttempt * attempts[i];
            compute += c;
            services += sv;
            llm += l;
            nodeLines?.Add(new NodeCostLine(m.NodeName(i), m.LocationArray[spec.Location], m.Offerings[i], m.LocationArray[m.ItemHome[i]], c, sv, l,
                spec.IsVm ? billedHours[i] : null,
                spec.IsVm ? $"{billedHours[i]:0.####} h x ${spec.UsdPerHour}/h x {spec.InstanceCount}" : $"{attempts[i]} attempt(s) x ${spec.ServicesUsdPerAttempt + spec.LlmUsdPerAttempt}"));
        }

        Array.Clear(meters, 0, m.MeterCount);
        for (var k = 0; k < m.MoveCount; k++)
        {
            if (double.IsNaN(moveEnd[k]))
            {
                continue;
            }

            var spec = m.Moves[k];
            var schedule = spec.Egress;
            var units = schedule.Unit.FromBytes(moveBytes[k]);
            var meter = m.MoveMeter[k];
            var already = meters[meter];
            var usd = Money.Line(schedule.MarginalCostUsd(already, units));
            egress += usd;
            meters[meter] = already + units;
            transferLines?.Add(new TransferLine(m.ItemName(spec.Item), m.LocationArray[spec.From], m.LocationArray[spec.To], moveBytes[k], schedule.Rule,
                schedule.FirstTierUsdPerUnit, schedule.Unit, usd, m.MoveConsumerNames[k], spec.IsRouteBack));

            // The staged copy holds what the consumers with storage read: the move's staged share, varied with it.
            var stagedBytes = spec.BaseStagedBytes == spec.BaseBytes ? moveBytes[k]
                : spec.BaseBytes == 0 ? 0 : (long)Math.Round(moveBytes[k] * ((double)spec.BaseStagedBytes / spec.BaseBytes));
            if (!spec.IsRouteBack && stagedBytes > 0 && spec.StagedStorage is { } staged)
            {
                var s = Line(stagedBytes, staged, m.RetentionMonths);
                storage += s;
                storageLines?.Add(new StorageLine(m.ItemName(spec.Item), m.LocationArray[spec.To], stagedBytes, StorageCopy.Staged, staged.UsdPerUnitMonth, staged.Unit, m.RetentionMonths, s));
            }
        }

        // Datasets first, then node outputs, then staged copies: the cost model's order.
        var homeLines = lines ? new List<StorageLine>() : null;
        for (var j = 0; j < m.ItemCount; j++)
        {
            var item = j < m.ItemCount - m.NodeCount ? m.NodeCount + j : j - (m.ItemCount - m.NodeCount);
            var f = itemFactor[item];
            var bytes = Engine.ScaledBytes.Of(m.ItemBaseBytes[item], f, m);
            if (!double.IsNaN(storedAt[item]) && bytes > 0 && m.ItemHomeStorage[item] is { } price)
            {
                var s = Line(bytes, price, m.RetentionMonths);
                storage += s;
                homeLines?.Add(new StorageLine(m.ItemName(item), m.LocationArray[m.ItemHome[item]], bytes, StorageCopy.Home, price.UsdPerUnitMonth, price.Unit, m.RetentionMonths, s));
            }
        }

        var totals = new CostTotals(compute, services, llm, egress, storage);
        return (totals, lines ? new PlanCost(nodeLines!, transferLines!, homeLines!.Concat(storageLines!).ToList(), totals) : null);
    }

    private static decimal Line(long bytes, StoragePrice price, decimal months) =>
        Money.Line(price.Unit.FromBytes(bytes) * price.UsdPerUnitMonth * months);
}
