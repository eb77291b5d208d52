namespace Placement.Planning.Baselines;

/// <summary>Baseline: every node on its cheapest candidate to run, ignoring data movement and storage.</summary>
public sealed class CheapestComputeSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "cheapest-compute";

    /// <inheritdoc />
    public bool IsExact => false;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => true;

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        var choice = problem.Nodes.Select(Cheapest).ToArray();
        return new SolverOutcome(choice, "heuristic", problem.BilledCostUsd(choice), null, new Dictionary<string, string>());
    }

    /// <summary>Index of the node's cheapest candidate to run (ties: the first in candidate order).</summary>
    public static int Cheapest(PlanningNode node) => Enumerable.Range(0, node.Candidates.Count).MinBy(c => node.RunUsd[c]);

    /// <summary>Index of the node's cheapest candidate at a location, or -1 when it has none there.</summary>
    public static int CheapestAt(PlanningNode node, int location)
    {
        var best = -1;
        for (var c = 0; c < node.Candidates.Count; c++)
        {
            if (node.LocationIndex[c] == location && (best < 0 || node.RunUsd[c] < node.RunUsd[best]))
            {
                best = c;
            }
        }

        return best;
    }
}
