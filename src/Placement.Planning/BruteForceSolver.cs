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
                var value = options.Objective == PlanningObjective.Time ? problem.MakespanHours(choice) : problem.CostUsd(choice);
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

        return best is null
            ? SolverOutcome.Infeasible()
            : new SolverOutcome(best, "optimal", bestValue, bestValue, new Dictionary<string, string>());
    }
}
