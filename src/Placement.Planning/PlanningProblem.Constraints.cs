using Placement.Core.Model;

namespace Placement.Planning;

/// <summary>The scenario-wide constraints of a <see cref="PlanningProblem"/>: GPU caps, colocate, anti-affinity, budget, deadline.</summary>
public sealed partial class PlanningProblem
{
    /// <summary>GPUs used per location index under a choice.</summary>
    public int[] GpusByLocation(int[] choice)
    {
        var used = new int[Locations.Count];
        foreach (var n in Nodes)
        {
            used[n.LocationIndex[choice[n.Index]]] += n.Gpus[choice[n.Index]];
        }

        return used;
    }

    /// <summary>GPU cap of a location index; null means unlimited.</summary>
    public int? GpuCap(int location) =>
        Constraints.MaxGpusPerLocation.TryGetValue(Locations[location], out var cap) ? cap : Constraints.DefaultMaxGpusPerLocation;

    /// <summary>
    /// Every scenario-wide constraint a choice breaks (colocate, anti-affinity, GPU caps, budget on the billed
    /// cost <see cref="BilledCostUsd"/>, deadline on the makespan), one sentence each; empty when feasible. Per-node location rules
    /// hold by construction of the candidate lists.
    /// </summary>
    public List<string> Violations(int[] choice, bool includeBudget = true, bool includeDeadline = true)
    {
        var problems = new List<string>();
        var loc = NodeLocations(choice);
        var index = Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        foreach (var group in Constraints.Colocate)
        {
            if (group.Select(g => loc[index[g]]).Distinct().Count() > 1)
            {
                problems.Add($"colocate [{string.Join(", ", group)}] is split");
            }
        }

        foreach (var group in Constraints.AntiAffinity)
        {
            if (group.Select(g => loc[index[g]]).Distinct().Count() < group.Count)
            {
                problems.Add($"antiAffinity [{string.Join(", ", group)}] shares a location");
            }
        }

        var gpus = GpusByLocation(choice);
        for (var l = 0; l < gpus.Length; l++)
        {
            if (GpuCap(l) is { } cap && gpus[l] > cap)
            {
                problems.Add($"maxGpusPerLocation {Locations[l]} = {cap} exceeded ({gpus[l]})");
            }
        }

        if (includeBudget && OverBudget(choice))
        {
            problems.Add($"budget ${Constraints.BudgetUsd} exceeded");
        }

        if (includeDeadline && PastDeadline(choice))
        {
            problems.Add($"deadline {Constraints.DeadlineHours} h exceeded");
        }

        return problems;
    }

    /// <summary>The same problem under other scenario-wide constraints (used to find which constraints conflict).</summary>
    public PlanningProblem WithConstraints(ScenarioConstraints constraints)
    {
        var copy = (PlanningProblem)MemberwiseClone();
        copy.Constraints = constraints;
        return copy;
    }

    /// <summary>True when a choice meets the budget and the deadline (whatever the other constraints say).</summary>
    public bool MeetsBudgetAndDeadline(int[] choice) => !OverBudget(choice) && !PastDeadline(choice);

    private bool OverBudget(int[] choice) => Constraints.BudgetUsd is { } budget && BilledCostUsd(choice) > (double)budget + 1e-6;

    private bool PastDeadline(int[] choice) => Constraints.DeadlineHours is { } deadline && MakespanHours(choice) > (double)deadline + 1e-9;

    /// <summary>True when a choice satisfies every constraint.</summary>
    public bool IsFeasible(int[] choice) => Violations(choice).Count == 0;

    private void CheckGroups()
    {
        var index = Nodes.ToDictionary(n => n.Name, n => n, StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var group in Constraints.Colocate)
        {
            var common = group.Select(g => (IEnumerable<int>)index[g].Locations).Aggregate((a, b) => a.Intersect(b)).ToList();
            if (common.Count == 0)
            {
                conflicts.Add($"colocate [{string.Join(", ", group)}]: no location is a candidate of every member: "
                    + string.Join("; ", group.Select(g => $"{g} can run at {string.Join(", ", index[g].Locations.Select(l => Locations[l]))}")));
            }
        }

        foreach (var group in Constraints.AntiAffinity)
        {
            var union = group.SelectMany(g => index[g].Locations).Distinct().Count();
            if (union < group.Count)
            {
                conflicts.Add($"antiAffinity [{string.Join(", ", group)}]: {group.Count} nodes must be at different locations but together they can only use {union}");
            }
        }

        foreach (var n in Nodes)
        {
            var fits = Enumerable.Range(0, n.Candidates.Count).Any(c => GpuCap(n.LocationIndex[c]) is not { } cap || n.Gpus[c] <= cap);
            if (!fits)
            {
                conflicts.Add($"node {n.Name}: maxGpusPerLocation leaves no candidate: it needs {n.Gpus.Min()} GPUs and the caps at {string.Join(", ", n.Locations.Select(l => $"{Locations[l]} ({GpuCap(l)})"))} are lower");
            }
        }

        if (conflicts.Count > 0)
        {
            throw new PlanningException(conflicts);
        }
    }
}
