namespace Placement.Planning.Milp;

/// <summary>
/// A mixed-integer linear program under construction (minimise), engine-neutral: columns with bounds,
/// objective coefficients and integrality; rows as sparse sums with lower and upper bounds.
/// </summary>
internal sealed class LinearModel
{
    private readonly List<double> lower = [];
    private readonly List<double> upper = [];
    private readonly List<double> objective = [];
    private readonly List<bool> integer = [];
    private readonly List<(int Row, int Column, double Value)> entries = [];
    private readonly List<double> rowLower = [];
    private readonly List<double> rowUpper = [];

    /// <summary>Number of columns.</summary>
    public int Columns => lower.Count;

    /// <summary>Number of rows.</summary>
    public int Rows => rowLower.Count;

    /// <summary>Number of non-zeros.</summary>
    public int NonZeros => entries.Count;

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

    /// <summary>Adds a row <c>lb &lt;= sum(terms) &lt;= ub</c>; duplicate columns are summed.</summary>
    public void AddRow(IEnumerable<(int Column, double Value)> terms, double lb, double ub)
    {
        var row = rowLower.Count;
        foreach (var g in terms.GroupBy(t => t.Column))
        {
            var v = g.Sum(t => t.Value);
            if (v != 0)
            {
                entries.Add((row, g.Key, v));
            }
        }

        rowLower.Add(lb);
        rowUpper.Add(ub);
    }

    /// <summary>Column-major arrays for an engine.</summary>
    public (int[] Start, int[] Index, double[] Value) ColumnMajor()
    {
        var start = new int[Columns + 1];
        foreach (var e in entries)
        {
            start[e.Column + 1]++;
        }

        for (var c = 0; c < Columns; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        var index = new int[entries.Count];
        var value = new double[entries.Count];
        foreach (var e in entries)
        {
            var at = fill[e.Column]++;
            index[at] = e.Row;
            value[at] = e.Value;
        }

        return (start, index, value);
    }

    /// <summary>
    /// Column and row bounds as COIN-OR's C APIs (CBC, CLP) take them: an infinite side is
    /// <see cref="double.MaxValue"/>, with its sign, where the model keeps IEEE infinities.
    /// </summary>
    public (double[] ColLower, double[] ColUpper, double[] RowLower, double[] RowUpper) CoinBounds()
    {
        static double[] Coin(List<double> values) =>
            values.Select(v => double.IsPositiveInfinity(v) ? double.MaxValue : double.IsNegativeInfinity(v) ? -double.MaxValue : v).ToArray();
        return (Coin(lower), Coin(upper), Coin(rowLower), Coin(rowUpper));
    }

    public double[] Lower => [.. lower];

    public double[] Upper => [.. upper];

    public double[] Objective => [.. objective];

    public double[] RowLower => [.. rowLower];

    public double[] RowUpper => [.. rowUpper];

    public IEnumerable<int> IntegerColumns => integer.Select((b, i) => (b, i)).Where(p => p.b).Select(p => p.i);
}
