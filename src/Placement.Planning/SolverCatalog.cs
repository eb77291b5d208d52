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
        "dp" => new TierCertifiedSolver(new TreeDpSolver()),
        "treewidth-dp" => new TierCertifiedSolver(new TreewidthDpSolver()),
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
    /// On forests both DPs apply: the tree DP works over candidates, the treewidth DP over locations (the
    /// cheapest SKU per location stands for the rest), at about this many times the cost per table operation
    /// (planner benchmark, 1,000-node trees: 20 candidates in 20 locations, tree DP 0.007 s for 0.4 million
    /// operations against 0.023 s for 0.82 million; 60 candidates, 0.032 s for 3.6 million against 0.018 s).
    /// </summary>
    public const double TreewidthOperationCost = 2.5;

    /// <summary>
    /// <c>auto</c>: on forests the tree DP, or the treewidth DP when it does less work (several SKUs per
    /// location, see <see cref="TreewidthOperationCost"/>); else the treewidth DP when it
    /// applies and its work estimate is small (<see cref="AutoTreewidthWorkPerNode"/>); else the MILP. The DPs are
    /// judged on the first-tier model and run through <see cref="TierCertifiedSolver"/>: when some egress meter can
    /// cross a volume tier, their plan is proven for the bill by the chord bound or handed to the tier-exact MILP.
    /// </summary>
    public static ISolver Auto(PlanningProblem problem, SolveOptions options)
    {
        var dp = new TreeDpSolver();
        var treewidth = new TreewidthDpSolver();
        var linear = problem.FirstTierModel();
        var estimate = treewidth.Estimate(linear, options);
        if (dp.Applies(linear, options))
        {
            return new TierCertifiedSolver(estimate.Applies && estimate.Work * TreewidthOperationCost < TreeDpSolver.Work(linear) ? treewidth : dp);
        }

        return estimate.Applies && estimate.Work <= Math.Max(AutoTreewidthWorkFloor, AutoTreewidthWorkPerNode * problem.NodeCount)
            ? new TierCertifiedSolver(treewidth)
            : new MilpSolver(new LocalSearchSolver());
    }
}
