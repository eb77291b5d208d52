namespace Placement.Planning.Milp;

/// <summary>A lower bound from the assignment rows alone, certified like the LP bound, before any LP is solved.</summary>
internal sealed partial class MilpModel
{
    private readonly List<int> assignmentRows = [];
    private readonly List<int> indicatorRows = [];

    /// <summary>
    /// The weak-duality bound (<see cref="LpBoundEngine.Certify"/>) of prices on the assignment rows and location
    /// indicator rows only: each indicator row priced at its column's cost (which moves it onto the SKU binaries) and
    /// each node's row at its cheapest candidate, every other row at 0. That is each node on its cheapest candidate with
    /// the fixed-home moves its binaries carry, every transfer column at its lower bound 0; the certificate holds for
    /// any prices, so it bounds the MILP whatever the other rows say. Costs nothing next to an LP and, where
    /// transfers are a small part of the bill (the realistic family: about 1 %), proves a loose gap by itself.
    /// </summary>
    /// <returns>The bound including the model's constant.</returns>
    public double AssignmentBound()
    {
        var cost = Lp.Objective;
        var prices = new double[Lp.Rows];
        var folded = new double[Lp.Columns];
        Array.Copy(cost, folded, cost.Length);
        for (var i = 0; i < indicators.Count; i++)
        {
            var (column, members) = indicators[i];
            prices[indicatorRows[i]] = cost[column];
            foreach (var m in members)
            {
                folded[m] += cost[column];
            }
        }

        var upper = Lp.Upper;
        foreach (var n in p.Nodes)
        {
            prices[assignmentRows[n.Index]] = x[n.Index].Where(c => upper[c] > 0).Select(c => folded[c]).DefaultIfEmpty(0).Min();
        }

        var reduced = new double[Lp.Columns];
        return LpBoundEngine.Certify(prices, Lp.RowStarts, Lp.RowColumns, Lp.RowValues, Lp.Lower, Lp.Upper, cost, Lp.RowLower, Lp.RowUpper, reduced)
            + Lp.ObjectiveConstant;
    }
}
