using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>
/// A stand-in branch-and-bound engine that only solves the LP relaxation of the model it is handed (integrality
/// dropped, CBC's LP) and records its optimum: the root bound branch and bound starts from, to show how far the
/// LP bound is from proving the hard family's plans.
/// </summary>
internal sealed class RootLpProbe : IBranchAndBoundEngine
{
    /// <summary>The LP optimum of the last model, with the model's constant (USD); NaN when the LP was not solved.</summary>
    public double LastBound { get; private set; } = double.NaN;

    public string Name => "root-lp";

    public MilpResult Solve(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start)
    {
        // GLOP (OR-Tools' LP solver) on the relaxation: the root bound without CBC's or SCIP's cuts.
        using var solver = Google.OrTools.LinearSolver.Solver.CreateSolver("GLOP");
        ScipEngine.Build(solver, lp, relax: true);
        if (timeLimitSeconds is { } limit)
        {
            solver.SetTimeLimit((long)(limit * 1000));
        }

        var status = solver.Solve();
        var bound = status == Google.OrTools.LinearSolver.Solver.ResultStatus.OPTIMAL ? solver.Objective().Value() : double.NaN;
        LastBound = bound + lp.ObjectiveConstant;
        return new MilpResult(null, double.NaN, bound, false, false, false);
    }
}
