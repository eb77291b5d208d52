namespace Placement.Planning;

/// <summary>
/// Which engine runs branch and bound behind the MILP's LP stage (<c>plan --engine</c>). Both solve the same
/// model with the same gap and time limit; they differ in speed (docs/planner.md, "Branch-and-bound engines").
/// </summary>
public enum BranchAndBoundEngine
{
    /// <summary>The faster one per the planner benchmark's measurements (see <c>BranchAndBoundEngines.Pick</c>).</summary>
    Auto,

    /// <summary>COIN-OR CBC through its C API (the system's <c>libCbcSolver.so</c>).</summary>
    Cbc,

    /// <summary>SCIP through Google OR-Tools' linear solver wrapper (native libraries inside the NuGet package).</summary>
    Scip,
}
