using Placement.Planning.Baselines;
using Placement.Planning.Milp;

namespace Placement.Planning;

/// <summary>Solvers by command-line name, and the <c>auto</c> rule: the fastest exact method that applies.</summary>
public static class SolverCatalog
{
    /// <summary>Names accepted by <c>--solver</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["auto", "milp", "dp", "treewidth-dp", "local-search", "brute-force", "single-location", "follow-the-data", "cheapest-compute", "pairwise-cloud-ilp"];

    /// <summary>The baselines every plan is compared with.</summary>
    public static IReadOnlyList<ISolver> Baselines { get; } =
        [new SingleLocationSolver(), new FollowTheDataSolver(), new CheapestComputeSolver(), new PairwiseCloudIlpSolver(), new LocalSearchSolver()];

    /// <summary>The solver of a name; null for an unknown name.</summary>
    public static ISolver? Create(string name) => name switch
    {
        "milp" => new MilpSolver(new LocalSearchSolver()),
        "dp" => new TreeDpSolver(),
        "treewidth-dp" => new TreewidthDpSolver(),
        "local-search" => new LocalSearchSolver(),
        "brute-force" => new BruteForceSolver(),
        "single-location" => new SingleLocationSolver(),
        "follow-the-data" => new FollowTheDataSolver(),
        "cheapest-compute" => new CheapestComputeSolver(),
        "pairwise-cloud-ilp" => new PairwiseCloudIlpSolver(),
        _ => null,
    };

    /// <summary>
    /// Largest <see cref="TreewidthEstimate.Work"/> for which <c>auto</c> prefers the treewidth DP to the MILP:
    /// the DP runs at roughly 10^8 table operations per second, so below this it finishes in well under a
    /// second, where the MILP needs 0.3 to 8 s on the benchmark's diamond, layered and series-parallel shapes
    /// of 100 to 1,000 nodes (bench/Placement.Bench/PlannerResults.txt).
    /// </summary>
    public const double AutoMaxTreewidthWork = 20_000_000;

    /// <summary>
    /// <c>auto</c>: the tree DP when the problem is tree-shaped and unconstrained; else the treewidth DP when it
    /// applies and its work estimate is at most <see cref="AutoMaxTreewidthWork"/>; else the MILP.
    /// </summary>
    public static ISolver Auto(PlanningProblem problem, SolveOptions options)
    {
        var dp = new TreeDpSolver();
        if (dp.Applies(problem, options))
        {
            return dp;
        }

        var treewidth = new TreewidthDpSolver();
        return treewidth.Estimate(problem, options) is { Applies: true, Work: <= AutoMaxTreewidthWork }
            ? treewidth
            : new MilpSolver(new LocalSearchSolver());
    }
}
