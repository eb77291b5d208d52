using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Placement.Planning.Milp;

/// <summary>
/// SCIP (10.0, with SoPlex) through Google OR-Tools' linear solver wrapper (<c>MPSolver</c>, solver id <c>SCIP</c>),
/// behind <see cref="IBranchAndBoundEngine"/>. Single-threaded and seeded by SCIP's defaults, so runs are
/// deterministic; the native libraries come inside the Google.OrTools.runtime package.
/// </summary>
/// <remarks>
/// The relative gap is passed as OR-Tools' <c>RELATIVE_MIP_GAP</c> (its default, 1e-4, would stop early). The
/// time limit counts from the call: building SCIP's copy of the model is subtracted before the solve starts.
/// SCIP's clock is wall time by default (<c>timing/clocktype = 2</c>), as <c>--time-limit</c> promises.
/// </remarks>
internal sealed class ScipEngine : IBranchAndBoundEngine
{
    private static readonly Lock Gate = new();

    /// <summary>The one instance.</summary>
    public static ScipEngine Instance { get; } = new();

    private static readonly Lazy<bool> Loads = new(() =>
    {
        try
        {
            using var solver = Create();
            return true;
        }
        catch (BranchAndBoundException)
        {
            return false;
        }
    });

    /// <inheritdoc />
    public string Name => "scip";

    /// <summary>True when OR-Tools' native library loads and has SCIP (checked once per process).</summary>
    public static bool IsAvailable => Loads.Value;

    /// <inheritdoc />
    public MilpResult Solve(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start)
    {
        var clock = Stopwatch.StartNew();
        lock (Gate)
        {
            using var solver = Create();
            var variables = Build(solver, lp);
            if (start is { } s)
            {
                using var hinted = new MPVariableVector(s.Columns.Select(c => variables[c]));
                solver.SetHint(hinted, s.Values);
            }

            solver.SuppressOutput();
            solver.SetNumThreads(1);
            if (timeLimitSeconds is { } limit)
            {
                solver.SetTimeLimit((long)Math.Max(10, (limit - clock.Elapsed.TotalSeconds) * 1000));
            }

            using var parameters = new MPSolverParameters();
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, relativeGap);
            var status = solver.Solve(parameters);
            return Result(solver, variables, status, timeLimitSeconds is { } l && clock.Elapsed.TotalSeconds >= l * 0.98);
        }
    }

    private static Solver Create()
    {
        Solver? solver;
        OrToolsNativeLibrary.EnsureResolver();
        try
        {
            solver = Solver.CreateSolver("SCIP");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
        {
            throw new BranchAndBoundException("scip", $"the OR-Tools native library (google-ortools-native, package Google.OrTools.runtime.linux-x64) cannot be loaded ({(e.InnerException ?? e).GetType().Name})", e);
        }

        return solver ?? throw new BranchAndBoundException("scip", "this OR-Tools build has no SCIP");
    }

    /// <summary>Copies the model into an OR-Tools solver (integrality dropped when <paramref name="relax"/>); returns the variables by column.</summary>
    internal static Variable[] Build(Solver solver, LinearModel lp, bool relax = false)
    {
        var lower = lp.Lower;
        var upper = lp.Upper;
        var cost = lp.Objective;
        var integer = new bool[lp.Columns];
        foreach (var c in lp.IntegerColumns)
        {
            integer[c] = !relax;
        }

        var variables = new Variable[lp.Columns];
        var objective = solver.Objective();
        for (var c = 0; c < lp.Columns; c++)
        {
            variables[c] = solver.MakeVar(lower[c], upper[c], integer[c], string.Empty);
            if (cost[c] != 0)
            {
                objective.SetCoefficient(variables[c], cost[c]);
            }
        }

        objective.SetMinimization();
        var rowLower = lp.RowLower;
        var rowUpper = lp.RowUpper;
        var rows = new Constraint[lp.Rows];
        for (var r = 0; r < lp.Rows; r++)
        {
            rows[r] = solver.MakeConstraint(rowLower[r], rowUpper[r]);
        }

        var (start, index, value) = lp.ColumnMajor();
        for (var c = 0; c < lp.Columns; c++)
        {
            for (var k = start[c]; k < start[c + 1]; k++)
            {
                rows[index[k]].SetCoefficient(variables[c], value[k]);
            }
        }

        return variables;
    }

    private static MilpResult Result(Solver solver, Variable[] variables, Solver.ResultStatus status, bool outOfTime)
    {
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE:
                var values = variables.Select(v => v.SolutionValue()).ToArray();
                var objective = solver.Objective().Value();
                var bound = solver.Objective().BestBound();

                // OPTIMAL means "within the requested gap"; only a closed gap is proven optimal (as CBC reports it).
                var closed = status == Solver.ResultStatus.OPTIMAL && bound >= objective - Math.Max(1e-6, 1e-7 * Math.Abs(objective));
                return new MilpResult(values, objective, Math.Min(bound, objective), closed, false, status == Solver.ResultStatus.FEASIBLE && outOfTime);
            case Solver.ResultStatus.INFEASIBLE:
                return new MilpResult(null, double.NaN, double.NaN, false, true, false);
            case Solver.ResultStatus.NOT_SOLVED when outOfTime:
                return new MilpResult(null, double.NaN, double.NaN, false, false, true);
            default:
                throw new BranchAndBoundException("scip", $"SCIP stopped with status {status} and no plan");
        }
    }
}
