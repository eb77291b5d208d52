namespace Placement.Planning.Milp;

/// <summary>What the LP-bound stage proved.</summary>
/// <param name="Bound">A lower bound on the LP optimum (so on the MILP optimum), without the model's constant;
/// negative infinity when none could be certified.</param>
/// <param name="LpOptimal">The LP relaxation was solved to optimality (the bound is the LP optimum, up to tolerances).</param>
/// <param name="Iterations">Dual simplex iterations spent.</param>
/// <param name="ReducedCosts">Per column, the reduced cost under the prices that certified <paramref name="Bound"/>: a
/// column at its lower bound 0 with reduced cost d only appears in plans costing at least Bound + d. Null when no
/// bound was certified.</param>
/// <param name="Primal">The LP's optimal column values when <paramref name="LpOptimal"/>, else null: rounded, often a
/// plan as good as the bound (the relaxation is tight on many shapes).</param>
/// <param name="Rounds">Rounds of row generation: times the lazy rows the relaxation violated joined the LP.</param>
/// <param name="RowsLoaded">Rows the LP had in the end (of the model's rows).</param>
/// <param name="RowsDropped">Times a lazy row left the LP as slack and unpriced (it may have joined again later).</param>
/// <param name="RowsUsed">Rows that were in the LP at some point: the size of the LP the stage solved, whatever it dropped.</param>
internal sealed record LpBound(double Bound, bool LpOptimal, int Iterations, double[]? ReducedCosts, double[]? Primal = null, int Rounds = 0, int RowsLoaded = 0, int RowsDropped = 0, int RowsUsed = 0);
