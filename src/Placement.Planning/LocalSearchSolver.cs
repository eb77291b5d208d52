using System.Globalization;
using Placement.Planning.Baselines;

namespace Placement.Planning;

/// <summary>
/// Deterministic improver: starts from the best of the simple baselines and moves one node at a time to
/// the candidate that lowers the billed cost (<see cref="PlanningProblem.BilledCostUsd"/>) most, sweeping in
/// topological order until a sweep changes nothing (or <see cref="MaxSweeps"/> sweeps). Moves are priced
/// incrementally: only the node's run cost, the items it reads, the items whose home it is, and the route-backs
/// that depend on it change, plus the tier discount of the meters whose volume those moves shift. With
/// scenario-wide constraints, each violated constraint costs <see cref="ViolationPenaltyUsd"/>.
/// </summary>
public sealed class LocalSearchSolver : ISolver
{
    /// <summary>Upper bound on sweeps over all nodes.</summary>
    public const int MaxSweeps = 50;

    /// <summary>Penalty per violated constraint while searching, USD.</summary>
    public const double ViolationPenaltyUsd = 1e9;

    /// <inheritdoc />
    public string Name => "local-search";

    /// <inheritdoc />
    public bool IsExact => false;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => options.Objective == PlanningObjective.Cost;

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        var constrained = HasGlobalConstraints(problem);
        double Score(int[] c) => problem.BilledCostUsd(c) + (constrained ? ViolationPenaltyUsd * problem.Violations(c).Count : 0);
        ISolver[] starts = [new CheapestComputeSolver(), new SingleLocationSolver(), new FollowTheDataSolver()];
        var choice = starts.Select(s => s.Solve(problem, options).Choice!).MinBy(Score)!;
        var anchored = problem.Nodes.Select(_ => new List<int>()).ToArray();
        var routeBacks = problem.Nodes.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < problem.Items.Count; i++)
        {
            if (problem.Items[i].AnchorNode >= 0)
            {
                anchored[problem.Items[i].AnchorNode].Add(i);
            }
        }

        foreach (var n in problem.Nodes.Where(n => !n.IsNative))
        {
            routeBacks[n.Index].Add(n.Index);
            if (problem.NodeHomeAnchor[n.Index] >= 0)
            {
                routeBacks[problem.NodeHomeAnchor[n.Index]].Add(n.Index);
            }
        }

        var touched = problem.Nodes.Select(n => problem.ReadsOf[n.Index].Select(r => r.Item).Concat(anchored[n.Index]).Distinct().ToArray()).ToArray();
        var loc = problem.NodeLocations(choice);
        var current = constrained ? Score(choice) : 0;
        var tiers = problem.Meters.AnyCrossable && !constrained ? new TierShift(problem, loc) : null;
        var sweeps = 0;
        var moves = 0;
        for (var changed = true; changed && sweeps < MaxSweeps; sweeps++)
        {
            changed = false;
            foreach (var n in problem.Nodes)
            {
                var v = n.Index;
                var was = choice[v];
                var before = Local(problem, v, loc, touched[v], routeBacks[v]) + (double)n.RunUsd[was];
                tiers?.Leave(loc, touched[v], routeBacks[v]);
                var bestDelta = -1e-9;
                var bestC = -1;
                for (var c = 0; c < n.Candidates.Count; c++)
                {
                    if (c == was)
                    {
                        continue;
                    }

                    loc[v] = n.LocationIndex[c];
                    var delta = Local(problem, v, loc, touched[v], routeBacks[v]) + (double)n.RunUsd[c] - before
                        + (tiers?.Enter(loc, touched[v], routeBacks[v]) ?? 0);
                    if (constrained)
                    {
                        choice[v] = c;
                        delta = Score(choice) - current;
                        choice[v] = was;
                    }

                    if (delta < bestDelta)
                    {
                        (bestDelta, bestC) = (delta, c);
                    }
                }

                loc[v] = n.LocationIndex[was];
                if (bestC >= 0)
                {
                    choice[v] = bestC;
                    loc[v] = n.LocationIndex[bestC];
                    tiers?.Commit(loc, touched[v], routeBacks[v]);
                    current += bestDelta;
                    changed = true;
                    moves++;
                }
            }
        }

        var notes = new Dictionary<string, string>
        {
            ["sweeps"] = sweeps.ToString(CultureInfo.InvariantCulture),
            ["moves"] = moves.ToString(CultureInfo.InvariantCulture),
        };
        return constrained && problem.Violations(choice).Count > 0
            ? new SolverOutcome(choice, "infeasible", problem.BilledCostUsd(choice), null, notes)
            : new SolverOutcome(choice, "heuristic", problem.BilledCostUsd(choice), null, notes);
    }

    /// <summary>True when the problem has colocate, anti-affinity, GPU cap, budget or deadline constraints.</summary>
    public static bool HasGlobalConstraints(PlanningProblem problem)
    {
        var c = problem.Constraints;
        return c.Colocate.Count > 0 || c.AntiAffinity.Count > 0 || c.BudgetUsd is not null || c.DeadlineHours is not null
            || Enumerable.Range(0, problem.Locations.Count).Any(l => problem.GpuCap(l) is not null);
    }

    private static double Local(PlanningProblem problem, int v, int[] loc, int[] items, List<int> routeBacks)
    {
        double total = 0;
        foreach (var i in items)
        {
            total += problem.ItemCostUsd(problem.Items[i], loc);
        }

        foreach (var w in routeBacks)
        {
            total += problem.RouteBackUsd(w, loc);
        }

        return total;
    }
}
