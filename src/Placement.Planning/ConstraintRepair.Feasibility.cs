namespace Placement.Planning;

/// <summary>What a plan under <see cref="ConstraintRepair"/> violates: the graded measure, the nodes it involves, and the check of one move.</summary>
internal sealed partial class ConstraintRepair
{
    /// <summary>
    /// Graded violation of a choice, 0 exactly when it is feasible: anti-affinity members short of distinct
    /// locations, colocate members off their group's most used location, GPUs over caps (all counts), plus the
    /// budget excess over the budget and the makespan excess over the deadline (fractions).
    /// </summary>
    public double Shortfall(int[] choice) => Measure(choice).Shortfall;

    /// <summary>The billed cost plus <paramref name="penaltyUsd"/> per unit of <see cref="Shortfall"/>.</summary>
    public double Score(int[] choice, double penaltyUsd)
    {
        var (shortfall, cost) = Measure(choice);
        return cost + penaltyUsd * shortfall;
    }

    /// <summary>
    /// Whether a feasible plan stays feasible after one node's move (<paramref name="choice"/> already holds it):
    /// only the node's groups, the GPUs at its new location, the budget (on <paramref name="billedUsd"/>, the moved
    /// plan's billed cost) and the deadline can break, so only those are checked.
    /// </summary>
    public bool StaysFeasible(int[] choice, int v, double billedUsd)
    {
        int At(int m) => problem.Nodes[m].LocationIndex[choice[m]];
        foreach (var g in antiAffinityOf[v])
        {
            var group = antiAffinity[g];
            var here = At(v);
            var shared = 0;
            foreach (var m in group)
            {
                shared += At(m) == here ? 1 : 0;
            }

            if (shared > group.Count(m => m == v))
            {
                return false;
            }
        }

        foreach (var g in colocateOf[v])
        {
            if (colocate[g].Any(m => At(m) != At(v)))
            {
                return false;
            }
        }

        var n = problem.Nodes[v];
        var l = At(v);
        if (n.Gpus[choice[v]] > 0 && caps[l] is { } cap)
        {
            var used = 0;
            foreach (var m in problem.Nodes)
            {
                used += m.LocationIndex[choice[m.Index]] == l ? m.Gpus[choice[m.Index]] : 0;
            }

            if (used > cap)
            {
                return false;
            }
        }

        var c = problem.Constraints;
        if (c.BudgetUsd is { } budget)
        {
            // Near the budget the running total may have drifted: price the plan exactly there.
            var billed = billedUsd > (double)budget - 1e-3 ? problem.BilledCostUsd(choice) : billedUsd;
            if (billed > (double)budget + 1e-6)
            {
                return false;
            }
        }

        return c.DeadlineHours is not { } deadline || problem.MakespanHours(choice) <= (double)deadline + 1e-9;
    }

    /// <summary>Units with a node in a broken group or a GPU node at an over-cap location; every unit when the budget or deadline is broken.</summary>
    private List<int> InvolvedUnits(int[] choice)
    {
        var loc = problem.NodeLocations(choice);
        var (_, cost) = Measure(choice);
        var c = problem.Constraints;
        if ((c.BudgetUsd is { } budget && cost > (double)budget + 1e-6)
            || (c.DeadlineHours is { } deadline && problem.MakespanHours(choice) > (double)deadline + 1e-9))
        {
            return Enumerable.Range(0, units.Length).ToList();
        }

        var involved = new SortedSet<int>();
        foreach (var g in colocate.Where(g => g.Select(v => loc[v]).Distinct().Count() > 1).Concat(antiAffinity.Where(g => g.Select(v => loc[v]).Distinct().Count() < g.Length)))
        {
            involved.UnionWith(g.Select(v => unitOf[v]));
        }

        var gpus = problem.GpusByLocation(choice);
        foreach (var n in problem.Nodes)
        {
            var l = loc[n.Index];
            if (n.Gpus[choice[n.Index]] > 0 && caps[l] is { } cap && gpus[l] > cap)
            {
                involved.Add(unitOf[n.Index]);
            }
        }

        return involved.ToList();
    }

    private (double Shortfall, double Cost) Measure(int[] choice)
    {
        var loc = problem.NodeLocations(choice);
        double shortfall = 0;
        foreach (var g in colocate)
        {
            shortfall += g.Length - g.GroupBy(v => loc[v]).Max(x => x.Count());
        }

        foreach (var g in antiAffinity)
        {
            shortfall += g.Length - g.Select(v => loc[v]).Distinct().Count();
        }

        var gpus = problem.GpusByLocation(choice);
        for (var l = 0; l < gpus.Length; l++)
        {
            shortfall += caps[l] is { } cap && gpus[l] > cap ? gpus[l] - cap : 0;
        }

        var cost = problem.BilledCostUsd(choice);
        var c = problem.Constraints;
        if (c.BudgetUsd is { } budget && cost > (double)budget + 1e-6)
        {
            shortfall += (cost - (double)budget) / Math.Max(1e-6, (double)budget);
        }

        if (c.DeadlineHours is { } deadline && problem.MakespanHours(choice) is var makespan && makespan > (double)deadline + 1e-9)
        {
            shortfall += (makespan - (double)deadline) / Math.Max(1e-9, (double)deadline);
        }

        return (shortfall, cost);
    }
}
