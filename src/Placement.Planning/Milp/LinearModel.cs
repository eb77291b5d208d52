using System.Runtime.InteropServices;

namespace Placement.Planning.Milp;

/// <summary>
/// A mixed-integer linear program under construction (minimise), engine-neutral: columns with bounds,
/// objective coefficients and integrality; rows as sparse sums with lower and upper bounds, stored row by row.
/// </summary>
/// <remarks>
/// A row may be marked <em>lazy</em> (<see cref="AddRow"/>): a row that only bounds a cost column from below, which
/// the LP bound stage (<see cref="LpBoundEngine"/>) may leave out until the relaxation's solution violates it.
/// Rows added while <see cref="DeferNewRows"/> is set are <em>deferred</em>: scenario-wide constraint rows (deadline,
/// time model, budget) that the LP bound stage leaves out while the relaxation's solution rounds to a plan meeting
/// them (any relaxation bounds the optimum from below). Every engine that needs integer plans (CBC) gets every row.
/// </remarks>
internal sealed class LinearModel
{
    private readonly List<double> lower = [];
    private readonly List<double> upper = [];
    private readonly List<double> objective = [];
    private readonly List<bool> integer = [];
    private readonly List<int> rowStart = [0];
    private readonly List<int> rowColumns = [];
    private readonly List<double> rowValues = [];
    private readonly List<double> rowLower = [];
    private readonly List<double> rowUpper = [];
    private readonly List<bool> lazy = [];
    private readonly List<bool> deferred = [];
    private int[] slotRow = new int[1024];
    private int[] slotAt = new int[1024];

    /// <summary>Number of columns.</summary>
    public int Columns => lower.Count;

    /// <summary>Number of rows.</summary>
    public int Rows => rowLower.Count;

    /// <summary>Number of non-zeros.</summary>
    public int NonZeros => rowColumns.Count;

    /// <summary>Number of rows marked lazy.</summary>
    public int LazyRows { get; private set; }

    /// <summary>Number of deferred rows.</summary>
    public int DeferredRows { get; private set; }

    /// <summary>While true, added rows are deferred (see the remarks).</summary>
    public bool DeferNewRows { get; set; }

    /// <summary>Constant added to the objective (terms that do not depend on any decision).</summary>
    public double ObjectiveConstant { get; set; }

    /// <summary>Adds a column and returns its index.</summary>
    public int AddColumn(double lb, double ub, double cost, bool isInteger)
    {
        lower.Add(lb);
        upper.Add(ub);
        objective.Add(cost);
        integer.Add(isInteger);
        return lower.Count - 1;
    }

    /// <summary>Tightens a column's upper bound (e.g. fixes a binary to 0 when no plan better than a known one uses it).</summary>
    public void SetUpper(int column, double ub) => upper[column] = ub;

    /// <summary>Adds to a column's objective coefficient.</summary>
    public void AddCost(int column, double cost) => objective[column] += cost;

    /// <summary>Objective coefficient of a column.</summary>
    public double Cost(int column) => objective[column];

    /// <summary>
    /// Adds a row <c>lb &lt;= sum(terms) &lt;= ub</c>; duplicate columns are summed, zeros dropped. A
    /// <paramref name="isLazy"/> row may be left out of the LP bound stage until violated (see the remarks).
    /// </summary>
    public void AddRow(IEnumerable<(int Column, double Value)> terms, double lb, double ub, bool isLazy = false)
    {
        var first = rowColumns.Count;
        var row = rowLower.Count;
        foreach (var (column, value) in terms)
        {
            // A column's slot remembers where it sits in the row being added, so a repeated column costs O(1).
            if (column >= slotRow.Length)
            {
                var grown = Math.Max(column + 1, slotRow.Length * 2);
                Array.Resize(ref slotRow, grown);
                Array.Resize(ref slotAt, grown);
            }

            if (slotRow[column] == row + 1)
            {
                rowValues[slotAt[column]] += value;
            }
            else
            {
                slotRow[column] = row + 1;
                slotAt[column] = rowColumns.Count;
                rowColumns.Add(column);
                rowValues.Add(value);
            }
        }

        // Drop the terms that summed (or were given) as zero, keeping the order of the rest.
        var write = first;
        for (var k = first; k < rowColumns.Count; k++)
        {
            if (rowValues[k] != 0)
            {
                rowColumns[write] = rowColumns[k];
                rowValues[write] = rowValues[k];
                write++;
            }
        }

        rowColumns.RemoveRange(write, rowColumns.Count - write);
        rowValues.RemoveRange(write, rowValues.Count - write);
        rowStart.Add(rowColumns.Count);
        rowLower.Add(lb);
        rowUpper.Add(ub);
        lazy.Add(isLazy);
        LazyRows += isLazy ? 1 : 0;
        deferred.Add(DeferNewRows);
        DeferredRows += DeferNewRows ? 1 : 0;
    }

    /// <summary>True when the row was added while <see cref="DeferNewRows"/> was set.</summary>
    public bool IsDeferred(int row) => deferred[row];

    /// <summary>True when the row was added as lazy.</summary>
    public bool IsLazy(int row) => lazy[row];

    /// <summary>Row r's terms are at <c>RowStarts[r] .. RowStarts[r + 1] - 1</c> of <see cref="RowColumns"/> and <see cref="RowValues"/> (views, no copies).</summary>
    public ReadOnlySpan<int> RowStarts => CollectionsMarshal.AsSpan(rowStart);

    /// <summary>The column of each term, row by row.</summary>
    public ReadOnlySpan<int> RowColumns => CollectionsMarshal.AsSpan(rowColumns);

    /// <summary>The coefficient of each term, row by row.</summary>
    public ReadOnlySpan<double> RowValues => CollectionsMarshal.AsSpan(rowValues);

    /// <summary>Column-major arrays for an engine.</summary>
    public (int[] Start, int[] Index, double[] Value) ColumnMajor()
    {
        var start = new int[Columns + 1];
        foreach (var c in rowColumns)
        {
            start[c + 1]++;
        }

        for (var c = 0; c < Columns; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        var index = new int[rowColumns.Count];
        var value = new double[rowColumns.Count];
        for (var r = 0; r < Rows; r++)
        {
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                var at = fill[rowColumns[k]]++;
                index[at] = r;
                value[at] = rowValues[k];
            }
        }

        return (start, index, value);
    }

    /// <summary>
    /// Column and row bounds as COIN-OR's C APIs (CBC, CLP) take them: an infinite side is
    /// <see cref="double.MaxValue"/>, with its sign, where the model keeps IEEE infinities.
    /// </summary>
    public (double[] ColLower, double[] ColUpper, double[] RowLower, double[] RowUpper) CoinBounds() =>
        (Coin(lower), Coin(upper), Coin(rowLower), Coin(rowUpper));

    /// <summary>Finite values as they are, infinities as <see cref="double.MaxValue"/> with their sign.</summary>
    public static double Coin(double v) => double.IsPositiveInfinity(v) ? double.MaxValue : double.IsNegativeInfinity(v) ? -double.MaxValue : v;

    private static double[] Coin(List<double> values)
    {
        var result = new double[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Coin(values[i]);
        }

        return result;
    }

    public double[] Lower => [.. lower];

    public double[] Upper => [.. upper];

    public double[] Objective => [.. objective];

    public double[] RowLower => [.. rowLower];

    public double[] RowUpper => [.. rowUpper];

    public IEnumerable<int> IntegerColumns => integer.Select((b, i) => (b, i)).Where(p => p.b).Select(p => p.i);
}
