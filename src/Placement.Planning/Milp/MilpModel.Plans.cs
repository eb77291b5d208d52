namespace Placement.Planning.Milp;

/// <summary>Between plans and MILP columns: choices from solutions, start vectors, reduced-cost fixing and objective swaps.</summary>
internal sealed partial class MilpModel
{
    public LinearModel WithObjective(int column)
    {
        var copy = new LinearModel();
        var (start, index, value) = Lp.ColumnMajor();
        var rows = Enumerable.Range(0, Lp.Rows).Select(_ => new List<(int, double)>()).ToList();
        var lower = Lp.Lower;
        var upper = Lp.Upper;
        var integer = Lp.IntegerColumns.ToHashSet();
        for (var c = 0; c < Lp.Columns; c++)
        {
            copy.AddColumn(lower[c], upper[c], c == column ? 1 : 0, integer.Contains(c));
            for (var k = start[c]; k < start[c + 1]; k++)
            {
                rows[index[k]].Add((c, value[k]));
            }
        }

        var rl = Lp.RowLower;
        var ru = Lp.RowUpper;
        for (var r = 0; r < rows.Count; r++)
        {
            copy.AddRow(rows[r], rl[r], ru[r]);
        }

        return copy;
    }

    /// <summary>Number of (node, candidate) binaries.</summary>
    public int CandidateColumns => x.Sum(cols => cols.Length);

    /// <summary>
    /// Reduced-cost fixing: a candidate whose binary, set to 1, lifts the certified bound above the cost of a
    /// known plan cannot be in any better plan, so it is fixed to 0 (CBC's presolve then drops it). The known
    /// plan's own candidates are never fixed: their reduced costs fit within its cost.
    /// </summary>
    /// <returns>How many binaries were fixed.</returns>
    public int FixWorseThan(double planCost, double bound, double[] reducedCosts)
    {
        var slack = OptimalityTolerance.Resolution(planCost);
        var fixedCount = 0;
        foreach (var cols in x)
        {
            foreach (var col in cols)
            {
                if (bound + reducedCosts[col] > planCost + slack)
                {
                    Lp.SetUpper(col, 0);
                    fixedCount++;
                }
            }
        }

        return fixedCount;
    }

    /// <summary>The values of node v's candidate binaries in a solution.</summary>
    public double[] CandidateValues(double[] values, int v) => x[v].Select(c => values[c]).ToArray();

    public int[] ChoiceOf(double[] values) =>
        p.Nodes.Select(n => Enumerable.Range(0, n.Candidates.Count).MaxBy(c => values[x[n.Index][c]])).ToArray();

    /// <summary>
    /// The column values of a plan with every cost column at 0: its candidate binaries and location indicators, the
    /// rest 0. The LP bound stage starts from the lazy rows this point violates, the rows that price the plan.
    /// </summary>
    public double[] PointOf(int[] choice)
    {
        var point = new double[Lp.Columns];
        foreach (var n in p.Nodes)
        {
            point[x[n.Index][choice[n.Index]]] = 1;
        }

        foreach (var (column, members) in indicators)
        {
            foreach (var m in members)
            {
                point[column] += point[m];
            }
        }

        return point;
    }

    /// <summary>A start vector fixing the x columns; CBC completes the continuous ones.</summary>
    public (int[] Columns, double[] Values) StartValues(int[] choice)
    {
        var columns = x.SelectMany(cols => cols).ToList();
        var values = new List<double>(columns.Count);
        foreach (var n in p.Nodes)
        {
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                values.Add(c == choice[n.Index] ? 1 : 0);
            }
        }

        if (tiers.Binaries > 0)
        {
            // The tier binaries are integers too: set each to whether the plan's meter volume passes its boundary.
            foreach (var (col, value) in tiers.StartValues(p.Meters.Volumes(p.NodeLocations(choice))))
            {
                columns.Add(col);
                values.Add(value);
            }
        }

        return ([.. columns], [.. values]);
    }
}
