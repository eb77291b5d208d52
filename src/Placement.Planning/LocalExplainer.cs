using Placement.Core.Costing;
using Placement.Core.Plans;

namespace Placement.Planning;

/// <summary>
/// The explanation of a large plan (see <see cref="Explainer.ExactWorkLimit"/>) in time linear in the plan: each
/// alternative of a node is priced by the linear objective's local change (<see cref="LocalCostDelta"/>: exact run
/// prices, first-tier egress and storage of the items around the node) instead of a full cost-model evaluation. The
/// cheapest alternative that breaks no scenario-wide constraint is reported (at most three are checked against the
/// constraints, cheapest first); "forced" has the same meaning as in <see cref="Explainer"/>.
/// </summary>
internal static class LocalExplainer
{
    /// <summary>Alternatives per node checked against scenario-wide constraints (each check is linear in the plan).</summary>
    private const int CheckedAlternatives = 3;

    public static IReadOnlyList<NodeExplanation> Explain(PlanningProblem problem, Plan plan, int[] choice)
    {
        var deltas = new LocalCostDelta(problem);
        var loc = problem.NodeLocations(choice);
        var constrained = LocalSearchSolver.HasGlobalConstraints(problem);
        var budget = problem.Constraints.BudgetUsd;
        var baseTotal = plan.Cost.Totals.TotalUsd;
        var byName = problem.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var result = new List<NodeExplanation>(problem.NodeCount);
        foreach (var node in problem.Model.Graph.Scenario.Nodes)
        {
            var pn = byName[node.Name];
            var v = pn.Index;
            var current = choice[v];
            var ranked = Enumerable.Range(0, pn.Candidates.Count).Where(c => c != current)
                .Select(c => (C: c, D: deltas.Delta(v, current, c, loc)))
                .OrderBy(p => p.D.Run + p.D.Egress + p.D.Storage).ThenBy(p => pn.Candidates[p.C])
                .ToList();
            (int C, (double Run, double Egress, double Storage) D)? best = null;
            (Candidate C, decimal Saving, string Why)? blocked = null;
            var checkedCount = 0;
            foreach (var alt in ranked)
            {
                var total = Usd(alt.D.Run) + Usd(alt.D.Egress) + Usd(alt.D.Storage);
                var violations = new List<string>();
                if (constrained)
                {
                    if (checkedCount++ == CheckedAlternatives)
                    {
                        break;
                    }

                    choice[v] = alt.C;
                    violations = problem.Violations(choice, includeBudget: false);
                    choice[v] = current;
                }

                if (budget is { } b && baseTotal + total > b)
                {
                    violations.Add($"budget ${b}");
                }

                if (violations.Count == 0)
                {
                    best = alt;
                    break;
                }

                if (total < 0 && blocked is null)
                {
                    blocked = (pn.Candidates[alt.C], -total, string.Join("; ", violations));
                }
            }

            var chosen = pn.Candidates[current];
            var forced = Explainer.Forced(problem, pn, chosen, blocked);
            result.Add(best is { } x
                ? new NodeExplanation(node.Name, chosen, pn.Candidates[x.C], Usd(x.D.Run), Usd(x.D.Egress), Usd(x.D.Storage), forced)
                : new NodeExplanation(node.Name, chosen, null, null, null, null, forced));
        }

        return result;
    }

    private static decimal Usd(double usd) => Math.Round((decimal)usd, 6);
}
