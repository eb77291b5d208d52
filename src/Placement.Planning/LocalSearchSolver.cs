using System.Globalization;
using Placement.Planning.Baselines;

namespace Placement.Planning;

/// <summary>
/// Deterministic improver: starts from the best of the simple baselines and moves one node at a time to
/// the candidate that lowers the billed cost (<see cref="PlanningProblem.BilledCostUsd"/>) most, sweeping in
/// topological order until a sweep changes nothing (or <see cref="MaxSweeps"/> sweeps). Moves are priced
/// incrementally: only the node's run cost, the items it reads, the items whose home it is, and the route-backs
/// that depend on it change, plus the tier discount of the meters whose volume those moves shift. With
/// scenario-wide constraints, an infeasible start is first repaired (<see cref="ConstraintRepair"/>), and each unit of its
/// graded violation measure costs <see cref="ViolationPenaltyUsd"/>; the descent then keeps only feasible moves, and
/// a feasible plan is polished by group moves (<see cref="ConstraintRepair.Polish"/>) before a last descent.
/// </summary>
public sealed class LocalSearchSolver : ISolver
{
    /// <summary>Upper bound on sweeps over all nodes.</summary>
    public const int MaxSweeps = 50;

    /// <summary>Upper bound on rounds of <see cref="ConstraintRepair.Polish"/> over its move groups.</summary>
    public const int PolishRounds = 20;

    /// <summary>Penalty per unit of <see cref="ConstraintRepair.Shortfall"/> (per GPU over a cap, per missing distinct location, ...) while searching, USD.</summary>
    public const double ViolationPenaltyUsd = 1e9;

    /// <inheritdoc />
    public string Name => "local-search";

    /// <inheritdoc />
    public bool IsExact => false;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => options.Objective == PlanningObjective.Cost;

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options) => Improve(problem, null, options);

    /// <summary>
    /// The same search from a given plan (say the rounded LP relaxation of the MILP) instead of the best baseline:
    /// repaired first when it breaks a constraint, then improved by single-node moves. Null: the best baseline.
    /// </summary>
    public SolverOutcome Improve(PlanningProblem problem, int[]? start, SolveOptions options)
    {
        var constrained = HasGlobalConstraints(problem);
        var footprint = new MoveFootprint(problem);
        var repair = constrained ? new ConstraintRepair(problem, footprint) : null;
        double Score(int[] c) => repair?.Score(c, ViolationPenaltyUsd) ?? problem.BilledCostUsd(c);
        ISolver[] starts = [new CheapestComputeSolver(), new SingleLocationSolver(), new FollowTheDataSolver()];
        var choice = start is not null ? (int[])start.Clone() : starts.Select(s => s.Solve(problem, options).Choice!).MinBy(Score)!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var repairMoves = 0;
        if (repair is not null && problem.Violations(choice).Count > 0)
        {
            // Single-node moves plateau on anti-affinity groups and GPU caps: repair by colocate-unit moves first.
            repairMoves = repair.Repair(choice, ViolationPenaltyUsd, () => options.TimeLimitSeconds is { } l && clock.Elapsed.TotalSeconds >= l);
        }

        var touched = footprint.Items;
        var routeBacks = footprint.RouteBacks;
        var loc = problem.NodeLocations(choice);
        var feasible = !constrained || problem.Violations(choice).Count == 0;

        // The billed cost of a feasible plan, kept up to date by the moves' deltas (the budget check of each move).
        var total = constrained && feasible ? problem.BilledCostUsd(choice) : 0;
        var tiers = problem.Meters.AnyCrossable ? new TierShift(problem, loc) : null;
        var outOfTime = false;
        var sweeps = 0;
        var moves = 0;
        var improving = new List<(double Delta, int Candidate)>();
        var (placeSeen, placeLocal, placeTier, visit) = (new int[problem.Locations.Count], new double[problem.Locations.Count], new double[problem.Locations.Count], 0);
        HashSet<int>? involved = null;
        ConstraintRepair.RepairState? trials = null;
        var picks = new int[problem.NodeCount];
        void Descend()
        {
            for (var changed = true; changed && sweeps < MaxSweeps && !outOfTime; sweeps++)
            {
                changed = false;
                foreach (var n in problem.Nodes)
                {
                    // The wall clock bounds the search (the MILP's warm start and the CLI's --time-limit): stop between moves.
                    if (options.TimeLimitSeconds is { } limit && clock.Elapsed.TotalSeconds >= limit)
                    {
                        outOfTime = true;
                        break;
                    }

                    var v = n.Index;
                    var was = choice[v];
                    if (constrained && !feasible)
                    {
                        // Repairing: every move of a node a violated constraint involves, scored on the whole plan
                        // (priced incrementally: its groups, GPU counts, footprint and tier discount, ConstraintRepair).
                        if (!(involved ??= Involved(problem, choice)).Contains(v))
                        {
                            continue;
                        }

                        var repairC = (trials ??= repair!.NewState(choice)).BestSingleMove(v, ViolationPenaltyUsd, picks);
                        if (repairC >= 0)
                        {
                            choice[v] = repairC;
                            loc = problem.NodeLocations(choice);
                            tiers = problem.Meters.AnyCrossable ? new TierShift(problem, loc) : null;
                            feasible = problem.Violations(choice).Count == 0;
                            total = feasible ? problem.BilledCostUsd(choice) : 0;
                            (involved, trials) = (null, null);
                            changed = true;
                            moves++;
                        }

                        continue;
                    }

                    var before = Local(problem, loc, touched[v], routeBacks[v]) + (double)n.RunUsd[was];
                    tiers?.Leave(loc, touched[v], routeBacks[v]);
                    improving.Clear();
                    visit++;
                    for (var c = 0; c < n.Candidates.Count; c++)
                    {
                        if (c == was)
                        {
                            continue;
                        }

                        // The moved terms depend on the node's location only: priced once per location, not per candidate.
                        var l = n.LocationIndex[c];
                        if (placeSeen[l] != visit)
                        {
                            loc[v] = l;
                            placeSeen[l] = visit;
                            placeLocal[l] = Local(problem, loc, touched[v], routeBacks[v]);
                            placeTier[l] = tiers?.Enter(loc, touched[v], routeBacks[v]) ?? 0;
                        }

                        var delta = placeLocal[l] + (double)n.RunUsd[c] - before + placeTier[l];
                        if (delta < -1e-9)
                        {
                            improving.Add((delta, c));
                        }
                    }

                    loc[v] = n.LocationIndex[was];

                    // The best improving move; with scenario-wide constraints, the best one that keeps the plan feasible
                    // (the cost is priced incrementally; the constraints the move can break are checked, ConstraintRepair.StaysFeasible).
                    var (bestC, bestDelta) = (-1, 0.0);
                    foreach (var (delta, c) in improving.OrderBy(m => m.Delta).ThenBy(m => m.Candidate))
                    {
                        choice[v] = c;
                        if (repair is null || repair.StaysFeasible(choice, v, total + delta))
                        {
                            (bestC, bestDelta) = (c, delta);
                            break;
                        }
                    }

                    choice[v] = was;
                    if (bestC >= 0)
                    {
                        choice[v] = bestC;
                        loc[v] = n.LocationIndex[bestC];
                        tiers?.Commit(loc, touched[v], routeBacks[v]);
                        total += bestDelta;
                        changed = true;
                        moves++;
                    }
                }

                // A caller with a deadline (plan --time-limit) may take the plan of the last full sweep.
                if (options.Incumbents is { } log && (!constrained || problem.Violations(choice).Count == 0))
                {
                    log.Offer(choice, problem.BilledCostUsd(choice), "local search");
                }
            }
        }

        Descend();

        // Unit and (producer, reader) moves escape the descent's local optimum; then the descent resumes from there.
        var polishMoves = 0;
        if (repair is not null && feasible && !outOfTime)
        {
            polishMoves = repair.Polish(choice, ViolationPenaltyUsd, PolishRounds, () => options.TimeLimitSeconds is { } l && clock.Elapsed.TotalSeconds >= l);
            if (polishMoves > 0)
            {
                loc = problem.NodeLocations(choice);
                tiers = problem.Meters.AnyCrossable ? new TierShift(problem, loc) : null;
                total = problem.BilledCostUsd(choice);
                Descend();
            }
        }

        var notes = new Dictionary<string, string>
        {
            ["sweeps"] = sweeps.ToString(CultureInfo.InvariantCulture),
            ["moves"] = moves.ToString(CultureInfo.InvariantCulture),
        };
        if (repairMoves > 0)
        {
            notes["repair-moves"] = repairMoves.ToString(CultureInfo.InvariantCulture);
        }

        if (polishMoves > 0)
        {
            notes["polish-moves"] = polishMoves.ToString(CultureInfo.InvariantCulture);
        }
        if (outOfTime)
        {
            notes["time-limit"] = "the search stopped at the time limit";
        }

        var left = constrained ? problem.Violations(choice) : [];
        if (left.Count > 0)
        {
            notes["violations"] = string.Join("; ", left);
        }

        return left.Count > 0
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

    /// <summary>
    /// The nodes a violated constraint involves: members of split colocate groups and of anti-affinity groups that
    /// share a location, GPU nodes at locations over their cap; every node when the budget or deadline is broken.
    /// </summary>
    private static HashSet<int> Involved(PlanningProblem problem, int[] choice)
    {
        var loc = problem.NodeLocations(choice);
        var index = problem.Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        var result = new HashSet<int>();
        if (problem.Violations(choice, includeBudget: true, includeDeadline: true).Count > problem.Violations(choice, includeBudget: false, includeDeadline: false).Count)
        {
            result.UnionWith(Enumerable.Range(0, problem.NodeCount));
            return result;
        }

        foreach (var group in problem.Constraints.Colocate.Where(g => g.Select(m => loc[index[m]]).Distinct().Count() > 1))
        {
            result.UnionWith(group.Select(m => index[m]));
        }

        foreach (var group in problem.Constraints.AntiAffinity.Where(g => g.Select(m => loc[index[m]]).Distinct().Count() < g.Count))
        {
            result.UnionWith(group.Select(m => index[m]));
        }

        var gpus = problem.GpusByLocation(choice);
        foreach (var n in problem.Nodes.Where(n => n.Gpus[choice[n.Index]] > 0 && problem.GpuCap(loc[n.Index]) is { } cap && gpus[loc[n.Index]] > cap))
        {
            result.Add(n.Index);
        }

        return result;
    }

    private static double Local(PlanningProblem problem, int[] loc, int[] items, int[] routeBacks)
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
