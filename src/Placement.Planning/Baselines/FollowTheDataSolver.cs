namespace Placement.Planning.Baselines;

/// <summary>
/// Baseline: in topological order, each node runs at the home of its largest input (its cheapest candidate
/// there); a node without inputs, or that cannot run there, takes its cheapest candidate anywhere.
/// </summary>
public sealed class FollowTheDataSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "follow-the-data";

    /// <inheritdoc />
    public bool IsExact => false;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => true;

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        var choice = new int[problem.NodeCount];
        var loc = new int[problem.NodeCount];
        foreach (var n in problem.Nodes)
        {
            var pick = CheapestComputeSolver.Cheapest(n);
            if (problem.ReadsOf[n.Index].Count > 0)
            {
                // Largest input first; ties go to the first read (declaration order), so the result is deterministic.
                var (item, _) = problem.ReadsOf[n.Index].MaxBy(r => r.Bytes);
                var home = problem.HomeOf(problem.Items[item], loc);
                var there = CheapestComputeSolver.CheapestAt(n, home);
                pick = there >= 0 ? there : pick;
            }

            choice[n.Index] = pick;
            loc[n.Index] = n.LocationIndex[pick];
        }

        return new SolverOutcome(choice, "heuristic", problem.BilledCostUsd(choice), null, new Dictionary<string, string>());
    }
}
