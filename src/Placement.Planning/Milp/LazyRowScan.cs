namespace Placement.Planning.Milp;

/// <summary>
/// Finds the lazy rows a point violates without reading every row: a lazy row <c>sum a_k x_k &gt;= lb</c> with
/// <c>lb &lt;= 0</c> can only be violated where some term <c>a_k x_k</c> is negative, so each row is listed under its
/// <em>trigger</em> columns (a negative coefficient, or a positive one on a column that can be negative) and only the rows of the columns the point sets to a triggering value are checked. Rows
/// with <c>lb &gt; 0</c> are checked every time.
/// </summary>
/// <remarks>
/// At 200 realistic nodes the relaxation's support is about 2,200 of 82,000 columns: a scan reads a few thousand
/// of the 130,000 rows left out instead of all of them, 43 times per LP stage.
/// </remarks>
internal sealed class LazyRowScan
{
    /// <summary>Relative tolerance under which a lazy row counts as met by a point.</summary>
    public const double ViolationTolerance = 1e-7;

    private readonly LinearModel lp;
    private readonly int[] start;
    private readonly int[] rows;
    private readonly int[] always;
    private readonly int[] stamp;
    private readonly double[] rowLower;
    private int pass;

    /// <summary>Indexes the lazy rows among <paramref name="candidates"/> (rows out of the LP that may join it).</summary>
    public LazyRowScan(LinearModel lp, IEnumerable<int> candidates, double[] columnLower)
    {
        this.lp = lp;
        rowLower = lp.RowLower;
        var rowStart = lp.RowStarts;
        var rowColumn = lp.RowColumns;
        var rowValue = lp.RowValues;
        var count = new int[lp.Columns + 1];
        var alwaysList = new List<int>();
        var listed = candidates.ToArray();
        foreach (var r in listed)
        {
            if (rowLower[r] > 0)
            {
                alwaysList.Add(r);
                continue;
            }

            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                if (Triggers(rowValue[k], columnLower[rowColumn[k]]))
                {
                    count[rowColumn[k] + 1]++;
                }
            }
        }

        for (var c = 0; c < lp.Columns; c++)
        {
            count[c + 1] += count[c];
        }

        start = count;
        rows = new int[count[lp.Columns]];
        var fill = (int[])count.Clone();
        foreach (var r in listed)
        {
            if (rowLower[r] > 0)
            {
                continue;
            }

            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                if (Triggers(rowValue[k], columnLower[rowColumn[k]]))
                {
                    rows[fill[rowColumn[k]]++] = r;
                }
            }
        }

        always = [.. alwaysList];
        stamp = new int[lp.Rows];
    }

    /// <summary>True when a term can be negative: a negative coefficient, or a positive one on a column that can be negative.</summary>
    private static bool Triggers(double coefficient, double columnLower) => coefficient < 0 || columnLower < 0;

    /// <summary>
    /// The indexed rows that <paramref name="point"/> violates, ascending, except those <paramref name="skip"/> marks
    /// (already in the LP).
    /// </summary>
    public List<int> Violated(double[] point, bool[] skip)
    {
        pass++;
        var found = new List<int>();
        var rowStart = lp.RowStarts;
        var rowColumn = lp.RowColumns;
        var rowValue = lp.RowValues;
        void Check(int r, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue)
        {
            if (stamp[r] == pass || skip[r])
            {
                return;
            }

            stamp[r] = pass;
            if (IsViolated(r, point, rowStart, rowColumn, rowValue, rowLower))
            {
                found.Add(r);
            }
        }

        for (var c = 0; c < point.Length; c++)
        {
            if (point[c] == 0)
            {
                continue;
            }

            for (var i = start[c]; i < start[c + 1]; i++)
            {
                Check(rows[i], rowStart, rowColumn, rowValue);
            }
        }

        foreach (var r in always)
        {
            Check(r, rowStart, rowColumn, rowValue);
        }

        found.Sort();
        return found;
    }

    /// <summary>True when row <paramref name="r"/> (a lower bound only) is below its bound at <paramref name="point"/>, beyond the tolerance.</summary>
    public static bool IsViolated(int r, double[] point, ReadOnlySpan<int> rowStart, ReadOnlySpan<int> rowColumn, ReadOnlySpan<double> rowValue, double[] rowLower)
    {
        var activity = 0.0;
        var scale = Math.Abs(rowLower[r]);
        for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
        {
            var term = rowValue[k] * point[rowColumn[k]];
            activity += term;
            scale = Math.Max(scale, Math.Abs(term));
        }

        return activity < rowLower[r] - (ViolationTolerance * Math.Max(1, scale));
    }
}
