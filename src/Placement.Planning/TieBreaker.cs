namespace Placement.Planning;

/// <summary>
/// Among plans of exactly the same cost, prefers the lower estimated makespan. Exact solvers return one
/// cost-optimal plan among possibly many (e.g. a node that runs at the same price in three regions), so the
/// choice between equal-cost plans would otherwise be arbitrary. This post-pass repeatedly applies the
/// single-node move (or the move of a whole colocate group to another location) that keeps the cost-model
/// total exactly equal (decimal equality of <c>CostModel.Evaluate</c>), breaks no constraint and lowers the
/// makespan the most (ties: lowest node index, then lowest candidate index), until no such move exists.
/// The cost never changes, so an optimality proof or bound of the solver still holds.
/// </summary>
public static class TieBreaker
{
    /// <summary>Moves whose first-tier cost differs by more than this (USD) are not tried against the cost model.</summary>
    private const double LinearTolerance = 1e-6;

    /// <summary>Makespan reductions smaller than this (hours) are not improvements (float noise).</summary>
    private const double HoursEpsilon = 1e-9;

    /// <summary>
    /// The choice after the post-pass (a new array) and the number of moves applied (0 when the input is
    /// already a fixed point). The input choice must satisfy every constraint.
    /// </summary>
    public static (int[] Choice, int Moves) PreferShorterMakespan(PlanningProblem problem, int[] choice)
    {
        var current = (int[])choice.Clone();
        var exactCost = ExactCost(problem, current);
        var makespan = problem.MakespanHours(current);
        var touching = TouchingTerms(problem);
        var groups = ColocateGroups(problem);
        var moves = 0;
        while (true)
        {
            int[]? best = null;
            var bestHours = makespan - HoursEpsilon;
            var loc = problem.NodeLocations(current);
            foreach (var move in Moves(problem, current, groups))
            {
                var next = Apply(current, move);

                // A cheap filter on the first-tier cost of the terms the moved node touches; group moves go
                // straight to the exact check (their terms overlap, and there are few of them).
                if (move.Count == 1)
                {
                    var (node, candidate) = move[0];
                    var nextLoc = (int[])loc.Clone();
                    nextLoc[node] = problem.Nodes[node].LocationIndex[candidate];
                    var delta = LocalCost(problem, touching[node], next, nextLoc) - LocalCost(problem, touching[node], current, loc);
                    if (Math.Abs(delta) > LinearTolerance)
                    {
                        continue;
                    }
                }

                var hours = problem.MakespanHours(next);
                if (hours >= bestHours || !problem.IsFeasible(next) || ExactCost(problem, next) != exactCost)
                {
                    continue;
                }

                best = next;
                bestHours = hours;
            }

            if (best is null)
            {
                return (current, moves);
            }

            current = best;
            makespan = bestHours;
            moves++;
        }
    }

    private static decimal ExactCost(PlanningProblem problem, int[] choice) =>
        problem.Model.Evaluate(problem.Assignment(choice)).Totals.TotalUsd;

    private static int[] Apply(int[] choice, List<(int Node, int Candidate)> move)
    {
        var next = (int[])choice.Clone();
        foreach (var (node, candidate) in move)
        {
            next[node] = candidate;
        }

        return next;
    }

    /// <summary>Every single-node move (nodes outside colocate groups, or within the same location), then group moves; a fixed order.</summary>
    private static IEnumerable<List<(int Node, int Candidate)>> Moves(PlanningProblem problem, int[] current, List<int[]> groups)
    {
        foreach (var n in problem.Nodes)
        {
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                if (c != current[n.Index])
                {
                    yield return [(n.Index, c)];
                }
            }
        }

        foreach (var group in groups)
        {
            var at = problem.Nodes[group[0]].LocationIndex[current[group[0]]];
            foreach (var l in problem.Nodes[group[0]].Locations)
            {
                if (l == at)
                {
                    continue;
                }

                // Each member takes its cheapest candidate to run at the new location (then the fastest, then the first).
                var move = new List<(int Node, int Candidate)>();
                foreach (var g in group)
                {
                    var node = problem.Nodes[g];
                    var pick = Enumerable.Range(0, node.Candidates.Count).Where(c => node.LocationIndex[c] == l)
                        .OrderBy(c => node.RunUsd[c]).ThenBy(c => node.WallClockHours[c]).ThenBy(c => c).DefaultIfEmpty(-1).First();
                    if (pick < 0)
                    {
                        move = null;
                        break;
                    }

                    move.Add((g, pick));
                }

                if (move is not null)
                {
                    yield return move;
                }
            }
        }
    }

    private static List<int[]> ColocateGroups(PlanningProblem problem)
    {
        var index = problem.Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        return problem.Constraints.Colocate.Select(g => g.Select(name => index[name]).Order().ToArray()).Where(g => g.Length > 1).ToList();
    }

    /// <summary>Per node, the items and route-backs whose cost depends on its location (see <see cref="PlanningProblem.CostUsd"/>).</summary>
    private static (int Node, int[] Items, int[] RouteBacks)[] TouchingTerms(PlanningProblem problem)
    {
        var items = Enumerable.Range(0, problem.NodeCount).Select(_ => new SortedSet<int>()).ToArray();
        var routeBacks = Enumerable.Range(0, problem.NodeCount).Select(_ => new SortedSet<int>()).ToArray();
        for (var i = 0; i < problem.Items.Count; i++)
        {
            var item = problem.Items[i];
            if (item.AnchorNode >= 0)
            {
                items[item.AnchorNode].Add(i);
            }

            foreach (var r in item.Readers)
            {
                items[r.Node].Add(i);
            }
        }

        foreach (var n in problem.Nodes)
        {
            if (!n.IsNative)
            {
                routeBacks[n.Index].Add(n.Index);
                if (problem.NodeFixedHome[n.Index] < 0)
                {
                    routeBacks[problem.NodeHomeAnchor[n.Index]].Add(n.Index);
                }
            }
        }

        return problem.Nodes.Select(n => (n.Index, items[n.Index].ToArray(), routeBacks[n.Index].ToArray())).ToArray();
    }

    /// <summary>The part of the first-tier cost that depends on one node's location and candidate.</summary>
    private static double LocalCost(PlanningProblem problem, (int Node, int[] Items, int[] RouteBacks) terms, int[] choice, int[] loc)
    {
        var total = (double)problem.Nodes[terms.Node].RunUsd[choice[terms.Node]];
        foreach (var i in terms.Items)
        {
            total += problem.ItemCostUsd(problem.Items[i], loc);
        }

        foreach (var v in terms.RouteBacks)
        {
            total += problem.RouteBackUsd(v, loc);
        }

        return total;
    }
}
