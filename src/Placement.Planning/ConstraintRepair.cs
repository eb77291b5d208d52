namespace Placement.Planning;

/// <summary>
/// The repair phase of <see cref="LocalSearchSolver"/>: makes a plan feasible under the scenario-wide constraints
/// where single-node moves plateau (moving one of three co-located anti-affinity members away still leaves a
/// violated group). The violation measure is graded (<see cref="Shortfall"/>): members short of distinct
/// locations per anti-affinity group, members off the majority location per colocate group, GPUs over the caps,
/// and the relative budget and deadline excess, so every step of progress counts. Moves act on colocate units
/// (the transitive colocate groups, moved together), to every location all members may use, each member taking
/// its cheapest or its fastest candidate there; per-node rules (pins, allowed regions) hold because only a node's
/// own candidates are used. Deterministic: units, locations and candidates are tried in index order, strict
/// improvements only.
/// </summary>
internal sealed partial class ConstraintRepair
{
    /// <summary>Upper bound on rounds over the involved units.</summary>
    public const int MaxRounds = 200;

    private readonly PlanningProblem problem;
    private readonly int[][] colocate;
    private readonly int[][] antiAffinity;
    private readonly int?[] caps;
    private readonly int[] unitOf;
    private readonly int[][] units;
    private readonly int[][] unitLocations;
    private readonly int[][] antiAffinityOf;
    private readonly int[][] colocateOf;
    private readonly MoveFootprint footprint;
    private readonly int[][] cheapest;
    private readonly int[][] fastest;

    /// <summary>
    /// Indexes the constraints of <paramref name="problem"/>; <paramref name="footprint"/> is what a node's move
    /// reprices (built here when not given).
    /// </summary>
    public ConstraintRepair(PlanningProblem problem, MoveFootprint? footprint = null)
    {
        this.problem = problem;
        var index = problem.Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        colocate = problem.Constraints.Colocate.Select(g => g.Select(m => index[m]).ToArray()).ToArray();
        antiAffinity = problem.Constraints.AntiAffinity.Select(g => g.Select(m => index[m]).ToArray()).ToArray();
        caps = Enumerable.Range(0, problem.Locations.Count).Select(problem.GpuCap).ToArray();
        var parent = Enumerable.Range(0, problem.NodeCount).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var g in colocate)
        {
            foreach (var m in g.Skip(1))
            {
                var (a, b) = (Find(g[0]), Find(m));
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }

        units = Enumerable.Range(0, problem.NodeCount).GroupBy(Find).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        unitOf = new int[problem.NodeCount];
        for (var u = 0; u < units.Length; u++)
        {
            foreach (var v in units[u])
            {
                unitOf[v] = u;
            }
        }

        unitLocations = units.Select(u => u.Select(v => (IEnumerable<int>)problem.Nodes[v].Locations).Aggregate((a, b) => a.Intersect(b)).Order().ToArray()).ToArray();
        antiAffinityOf = GroupsOf(antiAffinity, problem.NodeCount);
        colocateOf = GroupsOf(colocate, problem.NodeCount);

        this.footprint = footprint ?? new MoveFootprint(problem);
        cheapest = Picks(problem, fast: false);
        fastest = Picks(problem, fast: true);
    }

    /// <summary>The colocate units (transitive colocate groups, singletons for the rest), by their smallest node index.</summary>
    internal int[][] Units => units;

    /// <summary>Per unit, the locations every member may use, ascending.</summary>
    internal int[][] UnitLocations => unitLocations;

    private static int[][] GroupsOf(int[][] groups, int nodes)
    {
        var of = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var v in groups[g].Distinct())
            {
                of[v].Add(g);
            }
        }

        return of.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>
    /// Repairs <paramref name="choice"/> in place by unit moves that lower <see cref="Score"/> strictly, until it is
    /// feasible, no move helps, <see cref="MaxRounds"/> rounds, or <paramref name="outOfTime"/>. Returns the moves made.
    /// </summary>
    public int Repair(int[] choice, double penaltyUsd, Func<bool> outOfTime)
    {
        var moves = 0;
        var state = new RepairState(this, choice);
        var current = state.Score(penaltyUsd);
        var picks = new int[problem.NodeCount];
        var best = new int[problem.NodeCount];
        for (var round = 0; round < MaxRounds && state.Shortfall > 0; round++)
        {
            var improved = false;
            foreach (var u in InvolvedUnits(choice))
            {
                if (outOfTime())
                {
                    return moves;
                }

                if (BestMove(units[u], unitLocations[u], choice, ref state, ref current, penaltyUsd, picks, best))
                {
                    moves++;
                    improved = true;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return moves;
    }

    /// <summary>
    /// Moves of a feasible plan that single-node moves cannot make without passing through a worse plan: every
    /// colocate unit of two or more members, and every (producer, reader) pair of units moved together, to each
    /// location both may use with the cheapest or fastest candidates there, best strict improvement of
    /// <see cref="Score"/> per group (the penalty keeps the plan feasible), in index order, until a round changes
    /// nothing, <paramref name="maxRounds"/> rounds, or <paramref name="outOfTime"/>. Returns the moves made.
    /// </summary>
    public int Polish(int[] choice, double penaltyUsd, int maxRounds, Func<bool> outOfTime)
    {
        var groups = new List<(int[] Nodes, int[] Locations)>();
        foreach (var u in Enumerable.Range(0, units.Length).Where(u => units[u].Length > 1))
        {
            groups.Add((units[u], unitLocations[u]));
        }

        var seen = new HashSet<(int, int)>();
        foreach (var item in problem.Items.Where(i => i.Producer >= 0))
        {
            foreach (var reader in item.Readers)
            {
                var (a, b) = (unitOf[item.Producer], unitOf[reader.Node]);
                if (a != b && seen.Add((Math.Min(a, b), Math.Max(a, b))))
                {
                    var shared = unitLocations[a].Intersect(unitLocations[b]).ToArray();
                    if (shared.Length > 0)
                    {
                        groups.Add(([.. units[a], .. units[b]], shared));
                    }
                }
            }
        }

        var moves = 0;
        var state = new RepairState(this, choice);
        var current = state.Score(penaltyUsd);
        var picks = new int[problem.NodeCount];
        var best = new int[problem.NodeCount];
        for (var round = 0; round < maxRounds; round++)
        {
            var improved = false;
            foreach (var (nodes, locations) in groups)
            {
                if (outOfTime())
                {
                    return moves;
                }

                if (BestMove(nodes, locations, choice, ref state, ref current, penaltyUsd, picks, best))
                {
                    moves++;
                    improved = true;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return moves;
    }

    /// <summary>
    /// Tries <paramref name="nodes"/> at each of <paramref name="locations"/> on their cheapest and on their fastest
    /// candidates (each trial moves them in place, prices only what changes and moves them back); makes the best move
    /// that lowers the score strictly. Returns whether it moved.
    /// </summary>
    private bool BestMove(int[] nodes, int[] locations, int[] choice, ref RepairState state, ref double current, double penaltyUsd, int[] picks, int[] best)
    {
        var found = false;
        foreach (var l in locations)
        {
            for (var fast = 0; fast < 2; fast++)
            {
                var table = fast == 1 ? fastest : cheapest;
                var same = fast == 1;
                foreach (var v in nodes)
                {
                    picks[v] = table[v][l];
                    same &= picks[v] == cheapest[v][l];
                }

                if (same)
                {
                    // Every member's fastest candidate there is its cheapest: the trial just made.
                    continue;
                }

                var threshold = current - (1e-9 * Math.Max(1, Math.Abs(current)));
                var score = state.TryScore(nodes, picks, penaltyUsd, threshold);
                if (score < threshold)
                {
                    (current, found) = (score, true);
                    foreach (var v in nodes)
                    {
                        best[v] = picks[v];
                    }
                }
            }
        }

        if (!found)
        {
            return false;
        }

        foreach (var v in nodes)
        {
            choice[v] = best[v];
        }

        state = new RepairState(this, choice);
        current = state.Score(penaltyUsd);
        return true;
    }

    /// <summary>
    /// The incremental score of moving <paramref name="nodes"/> to <paramref name="picks"/>' candidates (indexed by node)
    /// as <see cref="Repair"/> prices its trials; <paramref name="choice"/> is left as it was. Equal to <see cref="Score"/>
    /// of the moved plan up to float rounding (tests hold it to that).
    /// </summary>
    internal double TryScore(int[] choice, int[] nodes, int[] picks, double penaltyUsd) => new RepairState(this, choice).TryScore(nodes, picks, penaltyUsd);

    /// <summary>The incremental scoring of trial moves from <paramref name="choice"/> (which it moves and restores in place).</summary>
    internal RepairState NewState(int[] choice) => new(this, choice);

    /// <summary>
    /// Per node and location index, the node's candidate there (-1 when it has none): cheapest (fewest GPUs on ties)
    /// or fastest (cheapest on ties), the first in candidate order among equals.
    /// </summary>
    private static int[][] Picks(PlanningProblem problem, bool fast) => problem.Nodes.Select(n =>
    {
        var best = Enumerable.Repeat(-1, problem.Locations.Count).ToArray();
        for (var c = 0; c < n.Candidates.Count; c++)
        {
            var l = n.LocationIndex[c];
            var b = best[l];
            if (b < 0 || (fast
                ? n.WallClockHours[c] < n.WallClockHours[b] || (n.WallClockHours[c] == n.WallClockHours[b] && n.RunUsd[c] < n.RunUsd[b])
                : n.RunUsd[c] < n.RunUsd[b] || (n.RunUsd[c] == n.RunUsd[b] && n.Gpus[c] < n.Gpus[b])))
            {
                best[l] = c;
            }
        }

        return best;
    }).ToArray();
}
