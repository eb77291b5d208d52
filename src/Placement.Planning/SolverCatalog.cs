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
    /// <c>auto</c> prefers the treewidth DP when its <see cref="TreewidthEstimate.Work"/> is at most this many
    /// table operations per node (or at most <see cref="AutoTreewidthWorkFloor"/>). Measured with the planner
    /// benchmark (one loaded 2-core machine): the DP runs at 40 to 80 million table operations per second
    /// including building its tables, the MILP needs 1 to 5 ms per node at 20 candidates; so at 40,000 per
    /// node the DP takes at most about 1 ms per node, below the MILP with margin (series-parallel, 1,000
    /// nodes: work 19 million, 0.5 s against the MILP's 4.3 s).
    /// </summary>
    public const double AutoTreewidthWorkPerNode = 40_000;

    /// <summary>
    /// Work at or below which <c>auto</c> always prefers the treewidth DP (25 to 50 ms). Not higher: a 50-node
    /// layered DAG of induced width 7 (work 2.9 million) took 0.04 to 0.18 s, the MILP 0.05 to 0.14 s.
    /// </summary>
    public const double AutoTreewidthWorkFloor = 2_000_000;

    /// <summary>
    /// <c>auto</c>: the tree DP when the problem is tree-shaped and unconstrained; else the treewidth DP when it
    /// applies and its work estimate is small (<see cref="AutoTreewidthWorkPerNode"/>); else the MILP.
    /// </summary>
    public static ISolver Auto(PlanningProblem problem, SolveOptions options)
    {
        var dp = new TreeDpSolver();
        if (dp.Applies(problem, options))
        {
            return dp;
        }

        var treewidth = new TreewidthDpSolver();
        var estimate = treewidth.Estimate(problem, options);
        return estimate.Applies && estimate.Work <= Math.Max(AutoTreewidthWorkFloor, AutoTreewidthWorkPerNode * problem.NodeCount)
            ? treewidth
            : new MilpSolver(new LocalSearchSolver());
    }
}
