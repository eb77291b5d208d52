namespace Placement.Planning.Milp;

/// <summary>The branch-and-bound engines by name, and the <c>auto</c> rule.</summary>
public static class BranchAndBoundEngines
{
    /// <summary>Names accepted by <c>--engine</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "cbc", "scip"];

    /// <summary>The engine of a name (<c>auto</c>, <c>cbc</c>, <c>scip</c>); null for an unknown name.</summary>
    public static BranchAndBoundEngine? Parse(string name) => name switch
    {
        "auto" => BranchAndBoundEngine.Auto,
        "cbc" => BranchAndBoundEngine.Cbc,
        "scip" => BranchAndBoundEngine.Scip,
        _ => null,
    };

    /// <summary>
    /// <c>auto</c>: SCIP when the problem has a scenario-wide constraint that couples nodes (GPU caps, colocate,
    /// anti-affinity, budget or deadline), whose rows make the LP bound weak; else CBC.
    /// </summary>
    public static BranchAndBoundEngine Pick(PlanningProblem problem)
    {
        var c = problem.Constraints;
        var coupled = c.Colocate.Count > 0 || c.AntiAffinity.Count > 0 || c.BudgetUsd is not null || c.DeadlineHours is not null
            || Enumerable.Range(0, problem.Locations.Count).Any(l => problem.GpuCap(l) is not null);
        return coupled ? BranchAndBoundEngine.Scip : BranchAndBoundEngine.Cbc;
    }

    /// <summary>
    /// The engine to run for <paramref name="choice"/> on <paramref name="problem"/>. <c>auto</c> falls back to CBC when
    /// SCIP's native library does not load; an explicit <c>scip</c> fails with <see cref="BranchAndBoundException"/> instead.
    /// </summary>
    internal static IBranchAndBoundEngine For(BranchAndBoundEngine choice, PlanningProblem problem) =>
        (choice == BranchAndBoundEngine.Auto ? (Pick(problem) == BranchAndBoundEngine.Scip && ScipEngine.IsAvailable ? BranchAndBoundEngine.Scip : BranchAndBoundEngine.Cbc) : choice) switch
        {
            BranchAndBoundEngine.Scip => ScipEngine.Instance,
            _ => CbcBranchAndBound.Instance,
        };
}
