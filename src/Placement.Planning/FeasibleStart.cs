using Placement.Planning.Baselines;

namespace Placement.Planning;

/// <summary>
/// A constructive plan that meets the GPU caps, colocate and anti-affinity groups by construction where it can, built
/// in a few passes over the node candidates (milliseconds at 1,000 nodes), for the anytime path of a time-limited solve
/// (<c>plan --time-limit</c>): the first feasible plan, long before the local search's repair from the cheapest plan
/// (seconds at 1,000 realistic nodes) or the MILP has one.
/// </summary>
/// <remarks>
/// Each colocate unit (<see cref="ConstraintRepair"/>'s transitive groups, moved whole) has options: per location all
/// its members may use, every member on its cheapest candidate there, or on its candidate with the fewest GPUs (the
/// cheapest of those). Units that can break nothing (no anti-affinity group, no GPUs on a capped location at their
/// cheapest option) take their cheapest option; the rest are placed in order of regret (what their best option at
/// another location costs more, largest first, then by index), each on its cheapest option whose GPUs fit the caps left
/// and whose locations no anti-affinity partner placed before it uses; a unit no option fits takes its cheapest (the
/// repair sees to it). Budget and deadline are left to <see cref="ConstraintRepair.Repair"/>, run from there when the
/// plan still breaks something and time is left. Data movement is not priced: the descent that follows does that.
/// Deterministic: the same problem gives the same plan.
/// </remarks>
public static class FeasibleStart
{
    /// <summary>
    /// The constructive plan, repaired while <paramref name="outOfTime"/> allows when it still breaks a constraint;
    /// it may still break one (the caller checks <see cref="PlanningProblem.IsFeasible"/>).
    /// </summary>
    public static int[] Build(PlanningProblem problem, Func<bool> outOfTime)
    {
        var choice = problem.Nodes.Select(CheapestComputeSolver.Cheapest).ToArray();
        if (!LocalSearchSolver.HasGlobalConstraints(problem))
        {
            return choice;
        }

        var repair = new ConstraintRepair(problem);
        Place(problem, repair.Units, repair.UnitLocations, choice);
        if (!outOfTime() && !problem.IsFeasible(choice))
        {
            repair.Repair(choice, LocalSearchSolver.ViolationPenaltyUsd, outOfTime);
        }

        return choice;
    }

    private static void Place(PlanningProblem problem, int[][] units, int[][] unitLocations, int[] choice)
    {
        var caps = Enumerable.Range(0, problem.Locations.Count).Select(problem.GpuCap).ToArray();
        var index = problem.Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        var partners = problem.Nodes.Select(_ => new List<int>()).ToArray();
        foreach (var group in problem.Constraints.AntiAffinity)
        {
            foreach (var a in group)
            {
                partners[index[a]].AddRange(group.Where(b => b != a).Select(b => index[b]));
            }
        }

        var options = units.Select((u, i) => Options(problem, u, unitLocations[i])).ToArray();
        bool Capped(Option o) => o.Gpus > 0 && caps[o.Location] is not null;
        var order = new List<(double Regret, int Unit)>();
        for (var u = 0; u < units.Length; u++)
        {
            if (options[u].Count == 0)
            {
                continue;
            }

            if (units[u].All(v => partners[v].Count == 0) && !Capped(options[u][0]))
            {
                Apply(units[u], options[u][0], choice);
                continue;
            }

            var best = options[u][0];
            var other = options[u].FirstOrDefault(o => o.Location != best.Location);
            order.Add((other is null ? double.PositiveInfinity : other.CostUsd - best.CostUsd, u));
        }

        // Every unit that can break nothing sits already; the rest fill the caps in order of regret.
        var gpus = new int[problem.Locations.Count];
        foreach (var n in problem.Nodes)
        {
            gpus[n.LocationIndex[choice[n.Index]]] += n.Gpus[choice[n.Index]];
        }

        var placed = new bool[problem.NodeCount];
        for (var v = 0; v < placed.Length; v++)
        {
            placed[v] = true;
        }

        foreach (var (_, u) in order)
        {
            foreach (var v in units[u])
            {
                placed[v] = false;
                gpus[problem.Nodes[v].LocationIndex[choice[v]]] -= problem.Nodes[v].Gpus[choice[v]];
            }
        }

        foreach (var (_, u) in order.OrderByDescending(o => o.Regret).ThenBy(o => o.Unit))
        {
            var pick = options[u].FirstOrDefault(o => (o.Gpus == 0 || caps[o.Location] is not { } cap || gpus[o.Location] + o.Gpus <= cap)
                && !units[u].Any(v => partners[v].Any(w => placed[w] && problem.Nodes[w].LocationIndex[choice[w]] == o.Location)))
                ?? options[u][0];
            Apply(units[u], pick, choice);
            gpus[pick.Location] += pick.Gpus;
            foreach (var v in units[u])
            {
                placed[v] = true;
            }
        }
    }

    /// <summary>The unit's options, cheapest first (then by location, then cheapest before fewest GPUs).</summary>
    private static List<Option> Options(PlanningProblem problem, int[] unit, int[] locations)
    {
        var result = new List<Option>();
        foreach (var l in locations)
        {
            var cheapest = unit.Select(v => CheapestComputeSolver.CheapestAt(problem.Nodes[v], l)).ToArray();
            var fewest = unit.Select(v => FewestGpusAt(problem.Nodes[v], l)).ToArray();
            result.Add(Make(problem, unit, l, cheapest));
            if (!fewest.SequenceEqual(cheapest))
            {
                result.Add(Make(problem, unit, l, fewest));
            }
        }

        return result.Select((o, i) => (o, i)).OrderBy(p => p.o.CostUsd).ThenBy(p => p.i).Select(p => p.o).ToList();
    }

    private static Option Make(PlanningProblem problem, int[] unit, int location, int[] picks)
    {
        var cost = 0.0;
        var gpus = 0;
        for (var k = 0; k < unit.Length; k++)
        {
            var n = problem.Nodes[unit[k]];
            cost += (double)n.RunUsd[picks[k]];
            gpus += n.Gpus[picks[k]];
        }

        return new Option(location, picks, cost, gpus);
    }

    /// <summary>The node's candidate at <paramref name="location"/> with the fewest GPUs, the cheapest of those (ties: the first).</summary>
    private static int FewestGpusAt(PlanningNode node, int location)
    {
        var best = -1;
        for (var c = 0; c < node.Candidates.Count; c++)
        {
            if (node.LocationIndex[c] == location
                && (best < 0 || node.Gpus[c] < node.Gpus[best] || (node.Gpus[c] == node.Gpus[best] && node.RunUsd[c] < node.RunUsd[best])))
            {
                best = c;
            }
        }

        return best;
    }

    private static void Apply(int[] unit, Option option, int[] choice)
    {
        for (var k = 0; k < unit.Length; k++)
        {
            choice[unit[k]] = option.Picks[k];
        }
    }

    /// <summary>A unit at one location: each member's candidate there, their run cost and GPUs.</summary>
    private sealed record Option(int Location, int[] Picks, double CostUsd, int Gpus);
}
