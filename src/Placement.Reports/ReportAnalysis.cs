using Placement.Core.Plans;
using Placement.Planning;

namespace Placement.Reports;

/// <summary>
/// The planning facts a report shows beside the plan: baselines re-priced by the cost model, explanations and
/// the frontier, each computed the way <c>placement plan</c> computes them.
/// </summary>
public static class ReportAnalysis
{
    /// <summary>Every baseline that finds a placement, priced with the cost model; the note names its location or the rules it breaks.</summary>
    public static IReadOnlyList<BaselineResult> Baselines(PlanningProblem problem, SolveOptions options)
    {
        var rows = new List<BaselineResult>();
        foreach (var solver in SolverCatalog.Baselines)
        {
            var outcome = solver.Solve(problem, options with { Objective = PlanningObjective.Cost });
            if (outcome.Choice is null)
            {
                continue;
            }

            var plan = Planner.ToPlan(problem, solver, outcome);
            var choice = problem.Choice(plan.Assignment);
            var broken = choice is null ? [] : problem.Violations(choice);
            var note = broken.Count > 0 ? "breaks " + string.Join("; ", broken)
                : plan.Solver.Notes.TryGetValue("location", out var at) ? "at " + at : "";
            rows.Add(new BaselineResult(solver.Name, plan.Cost.Totals.TotalUsd, note));
        }

        return rows;
    }

    /// <summary>The frontier's points priced by the cost model, the plan's own placement marked (and added when it is not on the frontier).</summary>
    public static IReadOnlyList<FrontierPoint> Frontier(PlanningProblem problem, Plan plan, IReadOnlyList<ParetoPoint> points)
    {
        var planChoice = problem.Choice(plan.Assignment);
        var frontier = points.Select(p =>
        {
            var priced = Plan.Create(problem.Model, problem.Assignment(p.Choice), SolverReport.Empty);
            var placement = string.Join(" ", problem.Nodes.Select(n => $"{n.Name}={n.Candidates[p.Choice[n.Index]].Location}"));
            return new FrontierPoint(priced.Cost.Totals.TotalUsd, p.MakespanHours, placement, planChoice is not null && planChoice.SequenceEqual(p.Choice));
        }).ToList();

        // A plan off the frontier (hand-written, a deadline, a gap) is still drawn, so the reader sees how far it is.
        if (planChoice is not null && !frontier.Any(f => f.IsPlan))
        {
            frontier.Add(new FrontierPoint(plan.Cost.Totals.TotalUsd, problem.MakespanHours(planChoice),
                string.Join(" ", plan.Assignment.Select(a => $"{a.Key}={a.Value.Location}")), true));
        }

        return frontier;
    }
}
