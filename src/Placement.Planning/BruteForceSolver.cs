namespace Placement.Planning;

/// <summary>
/// Enumerates every combination of candidates: the reference the exact solvers are tested against. Only for
/// tiny problems (at most <see cref="MaxCombinations"/> combinations).
/// </summary>
public sealed class BruteForceSolver : ISolver
{
    /// <summary>Largest search space accepted.</summary>
    public const long MaxCombinations = 2_000_000;

    /// <inheritdoc />
    public string Name => "brute-force";

    /// <inheritdoc />
    public bool IsExact => true;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options)
    {
        double space = 1;
        foreach (var n in problem.Nodes)
        {
            space *= n.Candidates.Count;
        }

        return space <= MaxCombinations;
    }

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        if (!Applies(problem, options))
        {
            throw new ArgumentException($"Brute force is limited to {MaxCombinations} combinations.", nameof(problem));
        }

        var choice = new int[problem.NodeCount];
        int[]? best = null;
        var bestValue = double.PositiveInfinity;
        while (true)
        {
            if (problem.IsFeasible(choice))
            {
                var value = options.Objective == PlanningObjective.Time ? problem.MakespanHours(choice) : problem.BilledCostUsd(choice);
                if (value < bestValue - 1e-12)
                {
                    bestValue = value;
                    best = (int[])choice.Clone();
                }
            }

            var i = 0;
            while (i < choice.Length && ++choice[i] == problem.Nodes[i].Candidates.Count)
            {
                choice[i++] = 0;
            }

            if (i == choice.Length)
            {
                break;
            }
        }

        if (best is not null && options.Objective == PlanningObjective.Time)
        {
            best = CheapestWithin(problem, bestValue + TimeTieHours);
        }

        return best is null
            ? SolverOutcome.Infeasible()
            : new SolverOutcome(best, "optimal", bestValue, bestValue, new Dictionary<string, string>());
    }

    /// <summary>Makespans within this many hours of the shortest count as equal; the cheapest of them wins (as in the MILP).</summary>
    private const double TimeTieHours = 1e-6;

    /// <summary>The cheapest feasible choice whose makespan is at most <paramref name="hours"/> (first in enumeration order on ties).</summary>
    private static int[]? CheapestWithin(PlanningProblem problem, double hours)
    {
        var choice = new int[problem.NodeCount];
        int[]? best = null;
        var bestCost = double.PositiveInfinity;
        while (true)
        {
            if (problem.MakespanHours(choice) <= hours && problem.IsFeasible(choice))
            {
                var cost = problem.BilledCostUsd(choice);
                if (cost < bestCost - 1e-12)
                {
                    bestCost = cost;
                    best = (int[])choice.Clone();
                }
            }

            var i = 0;
            while (i < choice.Length && ++choice[i] == problem.Nodes[i].Candidates.Count)
            {
                choice[i++] = 0;
            }

            if (i == choice.Length)
            {
                return best;
            }
        }
    }
}
