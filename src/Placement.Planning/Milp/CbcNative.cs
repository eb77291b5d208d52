using System.Runtime.InteropServices;

namespace Placement.Planning.Milp;

/// <summary>
/// P/Invoke declarations for the C API of COIN-OR CBC 2.10 (<c>Cbc_C_Interface.h</c>, library
/// <c>libCbcSolver.so</c> from Debian's <c>coinor-libcbc-dev</c>). Only <see cref="CbcEngine"/> uses them.
/// </summary>
internal static class CbcNative
{
    private const string Lib = "CbcSolver";

    [DllImport(Lib)]
    internal static extern IntPtr Cbc_newModel();

    [DllImport(Lib)]
    internal static extern void Cbc_deleteModel(IntPtr model);

    [DllImport(Lib)]
    internal static extern void Cbc_loadProblem(IntPtr model, int numcols, int numrows, int[] start, int[] index, double[] value,
        double[] collb, double[] colub, double[] obj, double[] rowlb, double[] rowub);

    [DllImport(Lib)]
    internal static extern void Cbc_setInteger(IntPtr model, int column);

    [DllImport(Lib)]
    internal static extern void Cbc_setLogLevel(IntPtr model, int level);

    [DllImport(Lib)]
    internal static extern void Cbc_setMaximumSeconds(IntPtr model, double seconds);

    [DllImport(Lib)]
    internal static extern void Cbc_setAllowableFractionGap(IntPtr model, double gap);

    [DllImport(Lib)]
    internal static extern void Cbc_setParameter(IntPtr model, [MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value);

    [DllImport(Lib)]
    internal static extern void Cbc_setMIPStartI(IntPtr model, int count, int[] columns, double[] values);

    [DllImport(Lib)]
    internal static extern int Cbc_solve(IntPtr model);

    [DllImport(Lib)]
    internal static extern IntPtr Cbc_bestSolution(IntPtr model);

    [DllImport(Lib)]
    internal static extern double Cbc_getObjValue(IntPtr model);

    [DllImport(Lib)]
    internal static extern double Cbc_getBestPossibleObjValue(IntPtr model);

    [DllImport(Lib)]
    internal static extern int Cbc_isProvenOptimal(IntPtr model);

    [DllImport(Lib)]
    internal static extern int Cbc_isProvenInfeasible(IntPtr model);

    [DllImport(Lib)]
    internal static extern int Cbc_isSecondsLimitReached(IntPtr model);

    [DllImport(Lib)]
    internal static extern int Cbc_getNumCols(IntPtr model);
}
