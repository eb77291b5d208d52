namespace Placement.Planning.Baselines;

/// <summary>
/// Baseline: everything at one location (the best one); a node that cannot run there takes its cheapest
/// candidate anywhere.
/// </summary>
public sealed class SingleLocationSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "single-location";

    /// <inheritdoc />
    public bool IsExact => false;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => true;

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        int[]? best = null;
        var bestCost = double.PositiveInfinity;
        var bestAt = -1;
        var fallback = problem.Nodes.Select(CheapestComputeSolver.Cheapest).ToArray();
        var used = problem.Nodes.SelectMany(n => n.Locations).Distinct().Order();
        foreach (var l in used)
        {
            var choice = problem.Nodes.Select(n => CheapestComputeSolver.CheapestAt(n, l) is var c && c >= 0 ? c : fallback[n.Index]).ToArray();
            var cost = problem.BilledCostUsd(choice);
            if (cost < bestCost)
            {
                (best, bestCost, bestAt) = (choice, cost, l);
            }
        }

        return new SolverOutcome(best, "heuristic", bestCost, null, new Dictionary<string, string> { ["location"] = problem.Locations[bestAt].ToString() });
    }
}
