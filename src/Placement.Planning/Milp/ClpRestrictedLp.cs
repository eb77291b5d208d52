using System.Runtime.InteropServices;

namespace Placement.Planning.Milp;

/// <summary>
/// The part of a <see cref="LinearModel"/> loaded into one CLP model during row generation: the rows loaded so far
/// and only the columns they use (plus those no row may leave at a bound: negative cost or an infinite lower bound).
/// A column in no loaded row has cost &gt;= 0 and sits at its lower bound in the restricted LP's optimum, which is
/// where <see cref="Primal"/> puts it; it joins CLP, nonbasic at that bound, with the first row that uses it.
/// </summary>
/// <remarks>
/// At 200 realistic nodes the rows the LP ends with use a fraction of the model's 82,000 columns; every dual simplex
/// call pays per column (bounds, scaling, reduced costs), 40-odd calls per LP stage.
/// </remarks>
internal sealed class ClpRestrictedLp
{
    /// <summary>CLP's status code for a nonbasic column at its lower bound (<c>ClpSimplex::atLowerBound</c>).</summary>
    private const int AtLowerBound = 3;

    private readonly LinearModel lp;
    private readonly IntPtr model;
    private readonly int[] clpOf;
    private readonly List<int> columns = [];
    private readonly double[] colLower;
    private readonly double[] colUpper;
    private readonly double[] rowLower;
    private readonly double[] rowUpper;
    private readonly double[] cost;
    private readonly double[] lower;
    private readonly double[] upper;

    /// <summary>Loads <paramref name="rows"/> (model rows, in this order) into <paramref name="model"/>, an empty CLP model.</summary>
    public ClpRestrictedLp(LinearModel lp, IntPtr model, IReadOnlyList<int> rows, bool compact = true)
    {
        this.lp = lp;
        this.model = model;
        (colLower, colUpper, rowLower, rowUpper) = lp.CoinBounds();
        cost = lp.Objective;
        lower = lp.Lower;
        upper = lp.Upper;
        clpOf = new int[lp.Columns];
        Array.Fill(clpOf, -1);
        var rowStart = lp.RowStarts;
        var rowColumn = lp.RowColumns;
        var used = new bool[lp.Columns];
        foreach (var r in rows)
        {
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                used[rowColumn[k]] = true;
            }
        }

        for (var c = 0; c < lp.Columns; c++)
        {
            if (used[c] || !compact || MustLoad(c))
            {
                clpOf[c] = columns.Count;
                columns.Add(c);
            }
        }

        Rows.AddRange(rows);
        var (start, index, value) = ColumnMajor(rows);
        ClpNative.Clp_loadProblem(model, columns.Count, rows.Count, start, index, value, Pick(colLower), Pick(colUpper), Pick(cost),
            rows.Select(r => rowLower[r]).ToArray(), rows.Select(r => rowUpper[r]).ToArray());
    }

    /// <summary>The model rows loaded, in CLP's order.</summary>
    public List<int> Rows { get; } = [];

    /// <summary>Columns loaded into CLP.</summary>
    public int ColumnsLoaded => columns.Count;

    /// <summary>Appends model rows <paramref name="added"/>, first loading the columns they use that CLP does not have yet.</summary>
    public void AddRows(List<int> added)
    {
        var rowStart = lp.RowStarts;
        var rowColumn = lp.RowColumns;
        var rowValue = lp.RowValues;
        var fresh = new List<int>();
        foreach (var r in added)
        {
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                var c = rowColumn[k];
                if (clpOf[c] < 0)
                {
                    clpOf[c] = columns.Count + fresh.Count;
                    fresh.Add(c);
                }
            }
        }

        if (fresh.Count > 0)
        {
            var first = columns.Count;
            columns.AddRange(fresh);
            ClpNative.Clp_addColumns(model, fresh.Count, fresh.Select(c => colLower[c]).ToArray(), fresh.Select(c => colUpper[c]).ToArray(),
                fresh.Select(c => cost[c]).ToArray(), new int[fresh.Count + 1], [], []);
            for (var i = 0; i < fresh.Count; i++)
            {
                // A new column is nonbasic at its lower bound, where the restricted LP had it: the basis stays dual feasible.
                ClpNative.Clp_setColumnStatus(model, first + i, AtLowerBound);
            }
        }

        var starts = new int[added.Count + 1];
        var index = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < added.Count; i++)
        {
            for (var k = rowStart[added[i]]; k < rowStart[added[i] + 1]; k++)
            {
                index.Add(clpOf[rowColumn[k]]);
                values.Add(rowValue[k]);
            }

            starts[i + 1] = index.Count;
        }

        ClpNative.Clp_addRows(model, added.Count, added.Select(r => rowLower[r]).ToArray(), added.Select(r => rowUpper[r]).ToArray(), starts, [.. index], [.. values]);
        Rows.AddRange(added);
    }

    /// <summary>Removes the loaded rows at these positions of <see cref="Rows"/> (ascending) from CLP and from <see cref="Rows"/>.</summary>
    public void DeleteRows(List<int> positions)
    {
        if (positions.Count == 0)
        {
            return;
        }

        // A slack row's slack is basic: the basis without both stays a basis, so CLP goes on warm.
        ClpNative.Clp_deleteRows(model, positions.Count, [.. positions]);
        var drop = new HashSet<int>(positions);
        var kept = Rows.Where((_, i) => !drop.Contains(i)).ToList();
        Rows.Clear();
        Rows.AddRange(kept);
    }

    /// <summary>CLP's row prices, one per loaded row (in <see cref="Rows"/>' order).</summary>
    public double[] Prices()
    {
        var prices = new double[Rows.Count];
        Marshal.Copy(ClpNative.Clp_dualRowSolution(model), prices, 0, prices.Length);
        return prices;
    }

    /// <summary>
    /// The restricted LP's solution over all the model's columns: CLP's values inside their bounds (CLP leaves basic
    /// columns up to its tolerance outside, -1e-6 on a [0, 1] binary at 200 realistic nodes, which would read as a row
    /// violated by noise), and each column CLP does not have at its lower bound.
    /// </summary>
    public double[] Primal()
    {
        var loaded = new double[columns.Count];
        Marshal.Copy(ClpNative.Clp_primalColumnSolution(model), loaded, 0, loaded.Length);
        var primal = new double[lp.Columns];
        for (var c = 0; c < primal.Length; c++)
        {
            primal[c] = clpOf[c] >= 0 ? Math.Clamp(loaded[clpOf[c]], lower[c], upper[c]) : lower[c];
        }

        return primal;
    }

    /// <summary>True for a column that must be in CLP whatever its rows: below its lower bound it would cost less, or it has none.</summary>
    private bool MustLoad(int c) => cost[c] < 0 || double.IsInfinity(lower[c]);

    private double[] Pick(double[] byModelColumn) => columns.Select(c => byModelColumn[c]).ToArray();

    private (int[] Start, int[] Index, double[] Value) ColumnMajor(IReadOnlyList<int> rows)
    {
        var rowStart = lp.RowStarts;
        var rowColumn = lp.RowColumns;
        var rowValue = lp.RowValues;
        var start = new int[columns.Count + 1];
        foreach (var r in rows)
        {
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                start[clpOf[rowColumn[k]] + 1]++;
            }
        }

        for (var c = 0; c < columns.Count; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        var index = new int[start[columns.Count]];
        var value = new double[start[columns.Count]];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                var at = fill[clpOf[rowColumn[k]]]++;
                index[at] = i;
                value[at] = rowValue[k];
            }
        }

        return (start, index, value);
    }
}
