using Placement.Planning.Baselines;
using Placement.Planning.Milp;

namespace Placement.Planning;

/// <summary>Solvers by command-line name, and the <c>auto</c> rule: the fastest exact method that applies.</summary>
public static class SolverCatalog
{
    /// <summary>Names accepted by <c>--solver</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["auto", "milp", "dp", "local-search", "brute-force", "single-location", "follow-the-data", "cheapest-compute", "pairwise-cloud-ilp"];

    /// <summary>The baselines every plan is compared with.</summary>
    public static IReadOnlyList<ISolver> Baselines { get; } =
        [new SingleLocationSolver(), new FollowTheDataSolver(), new CheapestComputeSolver(), new PairwiseCloudIlpSolver(), new LocalSearchSolver()];

    /// <summary>The solver of a name; null for an unknown name.</summary>
    public static ISolver? Create(string name) => name switch
    {
        "milp" => new MilpSolver(new LocalSearchSolver()),
        "dp" => new TreeDpSolver(),
        "local-search" => new LocalSearchSolver(),
        "brute-force" => new BruteForceSolver(),
        "single-location" => new SingleLocationSolver(),
        "follow-the-data" => new FollowTheDataSolver(),
        "cheapest-compute" => new CheapestComputeSolver(),
        "pairwise-cloud-ilp" => new PairwiseCloudIlpSolver(),
        _ => null,
    };

    /// <summary><c>auto</c>: the tree DP when the problem is tree-shaped and unconstrained, else the MILP.</summary>
    public static ISolver Auto(PlanningProblem problem, SolveOptions options)
    {
        var dp = new TreeDpSolver();
        return dp.Applies(problem, options) ? dp : new MilpSolver(new LocalSearchSolver());
    }
}
