using System.Globalization;
using Placement.Planning.Milp;

namespace Placement.Planning.Baselines;

/// <summary>
/// Baseline in the style of SkyPilot's optimizer: an ILP on CBC with one binary per (node, candidate) and,
/// per DAG edge, one column per pair of endpoint locations (the product linearisation), where traffic inside
/// one provider is free and traffic between providers pays the source's internet rate. No storage homes,
/// no fan-out dedupe, no storage cost, no constraints beyond the candidate lists. Its plan is re-priced
/// with the true cost model like every other.
/// </summary>
public sealed class PairwiseCloudIlpSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "pairwise-cloud-ilp";

    /// <inheritdoc />
    public bool IsExact => false;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => true;

    /// <summary>
    /// Columns of the model CBC gets through per second, about (its root LP cannot be stopped by the clock): measured from
    /// the CLI on realistic scenarios on the loaded 2-core machine, 72,255 columns in 6.0 s (50 nodes), 125,040 in 15.1 s
    /// (100) and 304,001 in 116 s (200). Under <c>plan --time-limit</c> a model larger than its share allows is left out.
    /// </summary>
    public const double ColumnsPerSecond = 10_000;

    /// <summary>Columns the model would have: one per node candidate plus one per location pair of every node-to-node edge.</summary>
    public static long ColumnCount(PlanningProblem problem) =>
        problem.Nodes.Sum(n => (long)n.Candidates.Count)
        + problem.Items.Where(i => i.Producer >= 0).Sum(i => i.Readers.Sum(r => (long)problem.Nodes[i.Producer].Locations.Length * problem.Nodes[r.Node].Locations.Length));

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        var lp = new LinearModel();
        var x = new int[problem.NodeCount][];
        var at = new Dictionary<int, List<int>>[problem.NodeCount];
        foreach (var n in problem.Nodes)
        {
            x[n.Index] = Enumerable.Range(0, n.Candidates.Count).Select(c => lp.AddColumn(0, 1, (double)n.RunUsd[c], true)).ToArray();
            lp.AddRow(x[n.Index].Select(c => (c, 1.0)), 1, 1);
            at[n.Index] = Enumerable.Range(0, n.Candidates.Count).GroupBy(c => n.LocationIndex[c]).ToDictionary(g => g.Key, g => g.Select(c => x[n.Index][c]).ToList());
        }

        double Rate(int a, int b) => problem.Locations[a].Provider == problem.Locations[b].Provider ? 0 : problem.EgressUsdPerByte(a, b);
        foreach (var item in problem.Items)
        {
            foreach (var r in item.Readers)
            {
                var reader = problem.Nodes[r.Node];
                if (item.Producer < 0)
                {
                    for (var c = 0; c < reader.Candidates.Count; c++)
                    {
                        lp.AddCost(x[r.Node][c], r.Bytes * Rate(item.FixedHome, reader.LocationIndex[c]));
                    }

                    continue;
                }

                // The edge's data leaves where its producer runs (SkyPilot has no notion of a separate home).
                var u = item.Producer;
                var lu = problem.Nodes[u].Locations;
                var lv = reader.Locations;
                var e = new int[lu.Length, lv.Length];
                for (var i = 0; i < lu.Length; i++)
                {
                    for (var j = 0; j < lv.Length; j++)
                    {
                        e[i, j] = lp.AddColumn(0, double.PositiveInfinity, r.Bytes * Rate(lu[i], lv[j]), false);
                    }
                }

                for (var i = 0; i < lu.Length; i++)
                {
                    lp.AddRow(Enumerable.Range(0, lv.Length).Select(j => (e[i, j], 1.0)).Concat(at[u][lu[i]].Select(c => (c, -1.0))), 0, 0);
                }

                for (var j = 0; j < lv.Length; j++)
                {
                    lp.AddRow(Enumerable.Range(0, lu.Length).Select(i => (e[i, j], 1.0)).Concat(at[r.Node][lv[j]].Select(c => (c, -1.0))), 0, 0);
                }
            }
        }

        var result = CbcEngine.Solve(lp, options.TimeLimitSeconds, options.RelativeGap, null);
        var notes = new Dictionary<string, string>
        {
            ["columns"] = lp.Columns.ToString(CultureInfo.InvariantCulture),
            ["rows"] = lp.Rows.ToString(CultureInfo.InvariantCulture),
            ["pairwise objective"] = result.Objective.ToString("0.######", CultureInfo.InvariantCulture),
        };
        if (result.Values is null)
        {
            return result.TimeLimitReached && !result.Infeasible
                ? new SolverOutcome(null, "time-limit", null, null, notes)
                : SolverOutcome.Infeasible(notes);
        }

        var choice = problem.Nodes.Select(n => Enumerable.Range(0, n.Candidates.Count).MaxBy(c => result.Values[x[n.Index][c]])).ToArray();
        // Optimal for its own model (traffic inside a provider free, first-tier rates) is not optimal for the bill.
        notes["pairwise status"] = result.Optimal ? "optimal for the pairwise model" : "time-limit";
        return new SolverOutcome(choice, result.Optimal ? "baseline" : "time-limit", problem.BilledCostUsd(choice), null, notes);
    }
}
