using System.Runtime.InteropServices;

namespace Placement.Planning.Milp;

/// <summary>
/// P/Invoke declarations for the C API of COIN-OR CLP 1.17 (<c>Clp_C_Interface.h</c>, library <c>libClp.so</c>,
/// installed with Debian's <c>coinor-libcbc-dev</c>). Only <see cref="LpBoundEngine"/> uses them.
/// </summary>
internal static class ClpNative
{
    private const string Lib = "Clp";

    [DllImport(Lib)]
    internal static extern IntPtr Clp_newModel();

    [DllImport(Lib)]
    internal static extern void Clp_deleteModel(IntPtr model);

    [DllImport(Lib)]
    internal static extern void Clp_loadProblem(IntPtr model, int numcols, int numrows, int[] start, int[] index, double[] value,
        double[] collb, double[] colub, double[] obj, double[] rowlb, double[] rowub);

    [DllImport(Lib)]
    internal static extern void Clp_addRows(IntPtr model, int number, double[] rowLower, double[] rowUpper, int[] rowStarts, int[] columns, double[] elements);

    [DllImport(Lib)]
    internal static extern void Clp_deleteRows(IntPtr model, int number, int[] which);

    [DllImport(Lib)]
    internal static extern void Clp_addColumns(IntPtr model, int number, double[] columnLower, double[] columnUpper, double[] objective, int[] columnStarts, int[] rows, double[] elements);

    /// <summary>Sets a column's basis status (0 free, 1 basic, 2 at upper, 3 at lower, 4 superbasic, 5 fixed) and its value when at a bound.</summary>
    [DllImport(Lib)]
    internal static extern void Clp_setColumnStatus(IntPtr model, int sequence, int value);

    /// <summary>Scaling mode: 0 off, 1 equilibrium, 2 geometric, 3 auto (the default), 4 dynamic.</summary>
    [DllImport(Lib)]
    internal static extern void Clp_scaling(IntPtr model, int mode);

    [DllImport(Lib)]
    internal static extern int Clp_hitMaximumIterations(IntPtr model);

    [DllImport(Lib)]
    internal static extern void Clp_setLogLevel(IntPtr model, int value);

    [DllImport(Lib)]
    internal static extern void Clp_setMaximumIterations(IntPtr model, int value);

    [DllImport(Lib)]
    internal static extern void Clp_setMaximumSeconds(IntPtr model, double value);

    [DllImport(Lib)]
    internal static extern void Clp_setDualObjectiveLimit(IntPtr model, double value);

    [DllImport(Lib)]
    internal static extern int Clp_secondaryStatus(IntPtr model);

    [DllImport(Lib)]
    internal static extern int Clp_initialDualSolve(IntPtr model);

    [DllImport(Lib)]
    internal static extern int Clp_numberIterations(IntPtr model);

    [DllImport(Lib)]
    internal static extern int Clp_dual(IntPtr model, int ifValuesPass);

    /// <summary>0 optimal, 1 primal infeasible, 2 dual infeasible, 3 stopped on iterations or time, 4 errors.</summary>
    [DllImport(Lib)]
    internal static extern int Clp_status(IntPtr model);

    [DllImport(Lib)]
    internal static extern double Clp_objectiveValue(IntPtr model);

    [DllImport(Lib)]
    internal static extern IntPtr Clp_dualRowSolution(IntPtr model);

    [DllImport(Lib)]
    internal static extern IntPtr Clp_primalColumnSolution(IntPtr model);
}
