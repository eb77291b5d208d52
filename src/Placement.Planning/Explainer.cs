using Placement.Core.Costing;
using Placement.Core.Plans;

namespace Placement.Planning;

/// <summary>
/// Explains a plan node by node: every other candidate of the node is priced with the cost model (the rest
/// of the plan unchanged); the cheapest that breaks no constraint is the best alternative. For large plans
/// (more than <see cref="ExactPairs"/> node candidates) only the three best alternatives under the linear
/// objective are priced exactly. A choice is
/// "forced" when the node has a single candidate left (the rules that removed the others are named), when
/// the rules removed a candidate that would have been cheaper, or when a cheaper switch breaks a
/// scenario-wide constraint.
/// </summary>
public static class Explainer
{
    /// <summary>
    /// One explanation per node, in the scenario's declaration order; above <paramref name="exactWorkLimit"/> (see
    /// <see cref="ExactWorkLimit"/>) alternatives are priced by <see cref="LocalExplainer"/> (<c>plan --time-limit</c>
    /// passes a lower limit, so the explanation stays within the command's budget).
    /// </summary>
    public static IReadOnlyList<NodeExplanation> Explain(PlanningProblem problem, Plan plan, long exactWorkLimit = ExactWorkLimit)
    {
        var model = problem.Model;
        var baseCost = plan.Cost.Totals;
        if (problem.Choice(plan.Assignment) is { } current && ExactWork(problem) > exactWorkLimit)
        {
            return LocalExplainer.Explain(problem, plan, current);
        }

        var result = new List<NodeExplanation>();
        var byName = problem.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var node in model.Graph.Scenario.Nodes)
        {
            var pn = byName[node.Name];
            var chosen = plan.Assignment[node.Name];
            (Candidate C, CostTotals T)? bestFeasible = null;
            (Candidate C, CostTotals T, string Why)? blocked = null;
            foreach (var c in Shortlist(problem, plan, pn, chosen))
            {
                var alt = new Dictionary<string, Candidate>(plan.Assignment, StringComparer.Ordinal) { [node.Name] = c };
                var totals = model.Evaluate(alt).Totals;
                var choice = problem.Choice(alt);
                var violations = choice is null ? [] : problem.Violations(choice, includeBudget: false);
                if (problem.Constraints.BudgetUsd is { } budget && totals.TotalUsd > budget)
                {
                    violations.Add($"budget ${budget}");
                }

                if (violations.Count == 0)
                {
                    if (bestFeasible is null || totals.TotalUsd < bestFeasible.Value.T.TotalUsd)
                    {
                        bestFeasible = (c, totals);
                    }
                }
                else if (totals.TotalUsd < baseCost.TotalUsd && (blocked is null || totals.TotalUsd < blocked.Value.T.TotalUsd))
                {
                    blocked = (c, totals, string.Join("; ", violations));
                }
            }

            var forced = Forced(problem, pn, chosen, blocked is { } bl ? (bl.C, baseCost.TotalUsd - bl.T.TotalUsd, bl.Why) : null);
            if (bestFeasible is { } b)
            {
                var t = b.T;
                result.Add(new NodeExplanation(node.Name, chosen, b.C,
                    (t.ComputeUsd + t.ServicesUsd + t.LlmUsd) - (baseCost.ComputeUsd + baseCost.ServicesUsd + baseCost.LlmUsd),
                    t.EgressUsd - baseCost.EgressUsd, t.StorageUsd - baseCost.StorageUsd, forced));
            }
            else
            {
                result.Add(new NodeExplanation(node.Name, chosen, null, null, null, null, forced));
            }
        }

        return result;
    }

    /// <summary>Above this many (node, candidate) pairs, only the best few alternatives per node are priced exactly.</summary>
    public const int ExactPairs = 5000;

    /// <summary>
    /// Above this much work (alternatives priced exactly x (nodes + edges), each pricing being a full cost-model
    /// evaluation), alternatives are priced by <see cref="LocalExplainer"/> from the linear objective's local change instead.
    /// </summary>
    public const long ExactWorkLimit = 1_000_000;

    private static long ExactWork(PlanningProblem problem)
    {
        var pairs = problem.Nodes.Sum(n => (long)n.Candidates.Count);
        var evaluations = pairs <= ExactPairs ? pairs - problem.NodeCount : 3L * problem.NodeCount;
        return evaluations * (problem.NodeCount + problem.Model.Graph.Scenario.Edges.Count);
    }

    /// <summary>Alternatives priced exactly: all of them for small plans, else the 3 cheapest under the linear objective.</summary>
    private static IEnumerable<Candidate> Shortlist(PlanningProblem problem, Plan plan, PlanningNode node, Candidate chosen)
    {
        var others = node.Candidates.Where(c => c != chosen).ToList();
        var choice = problem.Choice(plan.Assignment);
        if (choice is null || problem.Nodes.Sum(n => n.Candidates.Count) <= ExactPairs)
        {
            return others;
        }

        var was = choice[node.Index];
        var ranked = others.Select(c =>
        {
            choice[node.Index] = node.Candidates.ToList().IndexOf(c);
            var linear = problem.BilledCostUsd(choice);
            choice[node.Index] = was;
            return (c, linear);
        }).OrderBy(p => p.linear).ThenBy(p => p.c).Take(3).Select(p => p.c).ToList();
        return ranked;
    }

    /// <summary>Why the chosen candidate was forced, if it was: a cheaper switch a constraint blocks (with its saving), or a rule.</summary>
    internal static string? Forced(PlanningProblem problem, PlanningNode node, Candidate chosen, (Candidate C, decimal Saving, string Why)? blocked)
    {
        if (blocked is { } bl)
        {
            return $"{bl.Why} (blocks {bl.C}, ${bl.Saving.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} cheaper)";
        }

        var rules = problem.Excluded[node.Index].Where(e => !e.Rule.StartsWith("dominated", StringComparison.Ordinal)).ToList();
        if (node.Candidates.Count == 1 && rules.Count > 0)
        {
            return string.Join("; ", rules.Select(r => r.Rule).Distinct());
        }

        // A rule removed a candidate that runs cheaper than the chosen one: the rule shaped the choice.
        var chosenRun = node.RunUsd[node.Candidates.ToList().IndexOf(chosen) is var i && i >= 0 ? i : 0];
        var cheaper = rules.Select(r => (r, NodeRunPrice.TryPrice(node.Node, r.Candidate, problem.Model.Pricing, out _)))
            .Where(p => p.Item2 is not null && p.Item2.TotalUsd < chosenRun)
            .OrderBy(p => p.Item2!.TotalUsd).ThenBy(p => p.r.Candidate).FirstOrDefault();
        return cheaper.r is { } e ? $"{e.Rule} (removes {e.Candidate}, cheaper to run)" : null;
    }
}
