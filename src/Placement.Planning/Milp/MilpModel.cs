namespace Placement.Planning.Milp;

/// <summary>
/// The columns and rows of the MILP for one problem (built by the parts of this class: cost, egress, time,
/// constraints) and the map between plans and columns.
/// </summary>
internal sealed partial class MilpModel
{
    private readonly PlanningProblem p;
    private readonly int[][] x;
    private readonly Dictionary<int, (int Column, double Weight)[]>[] at;
    private readonly MilpFormulation kind;
    private readonly TierRows tiers;
    private readonly List<(int Column, int[] Members)> indicators = [];

    public MilpModel(PlanningProblem problem, MilpFormulation kind, bool strongSideRows = true)
    {
        p = problem;
        this.kind = kind;
        strong = strongSideRows;
        Lp = new LinearModel();
        tiers = new TierRows(Lp, problem.Meters);
        x = new int[p.NodeCount][];
        at = new Dictionary<int, (int, double)[]>[p.NodeCount];
        foreach (var n in p.Nodes)
        {
            x[n.Index] = new int[n.Candidates.Count];
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                x[n.Index][c] = Lp.AddColumn(0, 1, (double)n.RunUsd[c], true);
            }

            assignmentRows.Add(Lp.Rows);
            Lp.AddRow(x[n.Index].Select(col => (col, 1.0)), 1, 1);
            at[n.Index] = Enumerable.Range(0, n.Candidates.Count).GroupBy(c => n.LocationIndex[c])
                .ToDictionary(g => g.Key, g => LocationIndicator(g.Select(c => x[n.Index][c]).ToArray()));
        }
    }

    public LinearModel Lp { get; private set; }

    /// <summary>The volume-tier part of the model (empty when no meter can cross a tier).</summary>
    public TierRows Tiers => tiers;

    /// <summary>First-tier egress in USD per byte of a move whose meter cannot cross a tier; 0 when the move's egress is priced by <see cref="TierRows"/>.</summary>
    private double FlatEgress(int from, int to) => tiers.Owns(from, to) ? 0 : p.EgressUsdPerByte(from, to);

    /// <summary>
    /// The terms of "node at this location": the candidate's binary when one SKU is there; with several, under
    /// <see cref="MilpFormulation.RateLevels"/>, one continuous column tied to the sum of their binaries, so
    /// every row that needs the indicator carries one coefficient instead of one per SKU.
    /// </summary>
    private (int Column, double Weight)[] LocationIndicator(int[] columns)
    {
        if (columns.Length == 1 || kind == MilpFormulation.BigM)
        {
            return columns.Select(c => (c, 1.0)).ToArray();
        }

        var indicator = Lp.AddColumn(0, 1, 0, false);
        indicatorRows.Add(Lp.Rows);
        Lp.AddRow(columns.Select(c => (c, -1.0)).Append((indicator, 1.0)), 0, 0);
        indicators.Add((indicator, columns));
        return [(indicator, 1.0)];
    }

    /// <summary>
    /// An upper bound for a cost column: the most it can be worth at any integer point, with room for rounding.
    /// Finite bounds let the LP bound stage certify its bound (<see cref="LpBoundEngine"/>) and never cut a plan.
    /// </summary>
    private static double Ceiling(double most) => most * (1 + 1e-6) + 1e-9;

    /// <summary>Terms of the indicator "node v is at location L" (empty when it cannot be).</summary>
    private (int Column, double Weight)[] At(int v, int location) => at[v].TryGetValue(location, out var t) ? t : [];

    private IEnumerable<(int Column, double Weight)> Scaled(IEnumerable<(int Column, double Weight)> terms, double k) => terms.Select(t => (t.Column, t.Weight * k));

    /// <summary>Possible homes of an item: (location, indicator terms); a fixed home has no terms (constant 1).</summary>
    private IEnumerable<int> HomeLocations(int anchor, int fixedHome) => anchor >= 0 ? p.Nodes[anchor].Locations : [fixedHome];
}
