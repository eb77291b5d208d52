using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Planning.Milp;

namespace Placement.Planning;

/// <summary>
/// Runs a solver and turns its choice into a <see cref="Plan"/> re-priced by the cost model (volume tiers,
/// micro-dollar rounding). When no plan exists it finds which constraints conflict.
/// </summary>
public static class Planner
{
    /// <summary>Solves and prices. Throws <see cref="PlanningException"/> naming the conflicting constraints when infeasible.</summary>
    public static Plan Solve(PlanningProblem problem, ISolver solver, SolveOptions options)
    {
        var outcome = solver.Solve(problem, options);
        if (outcome.Choice is null && outcome.Status == "time-limit")
        {
            // Nothing is proven: diagnosing "conflicts" here would be wrong (and would run more solves past the limit).
            throw new PlanningException([$"{solver.Name} found no plan meeting every constraint within its time limit (nothing proves there is none); give a longer --time-limit"]);
        }

        if (outcome.Choice is null || outcome.Status == "infeasible")
        {
            throw new PlanningException(Diagnose(problem, options));
        }

        var violations = problem.Violations(outcome.Choice);
        if (violations.Count > 0)
        {
            throw new PlanningException(violations.Select(v => $"{solver.Name} found no plan meeting every constraint: {v}").ToList());
        }

        if (solver.IsExact && options.Objective == PlanningObjective.Cost)
        {
            // Among plans of exactly the same cost the solver's pick is arbitrary: prefer the shorter makespan.
            var (tied, moves) = TieBreaker.PreferShorterMakespan(problem, outcome.Choice);
            if (moves > 0)
            {
                var notes = new Dictionary<string, string>(outcome.Notes, StringComparer.Ordinal) { ["tieBreak"] = "makespan" };
                outcome = outcome with { Choice = tied, Notes = notes };
            }
        }

        return ToPlan(problem, solver, outcome, options.Objective);
    }

    /// <summary>Wraps a solver outcome (with a choice) as a plan priced by the cost model.</summary>
    public static Plan ToPlan(PlanningProblem problem, ISolver solver, SolverOutcome outcome, PlanningObjective objective = PlanningObjective.Cost)
    {
        var choice = outcome.Choice ?? throw new ArgumentException("The outcome has no plan.", nameof(outcome));
        var notes = new Dictionary<string, string>(outcome.Notes, StringComparer.Ordinal)
        {
            ["linear objective usd"] = problem.CostUsd(choice).ToString("0.######", CultureInfo.InvariantCulture),
            ["billed objective usd"] = problem.BilledCostUsd(choice).ToString("0.######", CultureInfo.InvariantCulture),
            ["makespan hours"] = problem.MakespanHours(choice).ToString("0.####", CultureInfo.InvariantCulture),
        };
        var isCost = objective == PlanningObjective.Cost;
        if (!isCost && outcome.LowerBound is { } hoursBound)
        {
            notes["makespan lower bound hours"] = hoursBound.ToString("0.####", CultureInfo.InvariantCulture);
        }
        var draft = Plan.Create(problem.Model, problem.Assignment(choice), SolverReport.Empty);
        double? gap = null;
        decimal? bound = null;
        if (outcome.LowerBound is { } lb && isCost)
        {
            // Bound and gap are about the bill: the solvers' bounds are on the billed cost (volume tiers included,
            // no rounding), and the gap is against the plan's billed total. A bound is never reported above the
            // total it bounds (the lines' micro-dollar rounding can put the total a few micro-dollars below).
            var total = draft.Cost.Totals.TotalUsd;
            bound = Math.Min(Math.Round((decimal)lb, 6), total);
            gap = total <= 0 ? 0 : Math.Max(0, (double)((total - bound.Value) / total));
            if (gap < 1e-9 || outcome.Status == "optimal")
            {
                gap = 0;
            }
        }

        var report = new SolverReport(solver.Name, outcome.Status, draft.Cost.Totals.TotalUsd, bound, gap, null, notes);
        return draft with { Solver = report };
    }

    /// <summary>
    /// Names the constraints that make the problem infeasible: each scenario-wide constraint family is
    /// relaxed in turn; a family whose removal makes the problem feasible is reported with the number that
    /// would be needed (e.g. the cheapest cost without the budget).
    /// </summary>
    public static List<string> Diagnose(PlanningProblem problem, SolveOptions options)
    {
        var c = problem.Constraints;
        var milp = new MilpSolver();
        var found = new List<string>();
        bool Feasible(ScenarioConstraints relaxed, out SolverOutcome outcome)
        {
            outcome = milp.Solve(problem.WithConstraints(relaxed), options with { Objective = PlanningObjective.Cost });
            return outcome.Choice is not null && outcome.Status != "infeasible";
        }

        if (c.BudgetUsd is { } budget && Feasible(c with { BudgetUsd = null }, out var noBudget))
        {
            var cheapest = Plan.Create(problem.Model, problem.Assignment(noBudget.Choice!), SolverReport.Empty).Cost.Totals.TotalUsd;
            found.Add($"budget ${budget.ToString("0.00", CultureInfo.InvariantCulture)} is below the cheapest plan meeting the other constraints (${cheapest.ToString("0.00", CultureInfo.InvariantCulture)})");
        }

        if (c.DeadlineHours is { } deadline && Feasible(c with { DeadlineHours = null, BudgetUsd = null }, out _))
        {
            var fastest = milp.Solve(problem.WithConstraints(c with { DeadlineHours = null, BudgetUsd = null }), options with { Objective = PlanningObjective.Time });
            var hours = fastest.Choice is { } f ? problem.MakespanHours(f) : double.NaN;
            if (hours > (double)deadline)
            {
                found.Add($"deadline {deadline.ToString("0.####", CultureInfo.InvariantCulture)} h is below the shortest estimated makespan meeting the other constraints ({hours.ToString("0.###", CultureInfo.InvariantCulture)} h)");
            }
        }

        if (found.Count > 0)
        {
            return found;
        }

        var families = new List<string>();
        if (c.Colocate.Count > 0)
        {
            families.Add("colocate " + string.Join(" ", c.Colocate.Select(g => $"[{string.Join(", ", g)}]")));
        }

        if (c.AntiAffinity.Count > 0)
        {
            families.Add("antiAffinity " + string.Join(" ", c.AntiAffinity.Select(g => $"[{string.Join(", ", g)}]")));
        }

        if (c.MaxGpusPerLocation.Count > 0 || c.DefaultMaxGpusPerLocation is not null)
        {
            families.Add("maxGpusPerLocation");
        }

        if (c.BudgetUsd is not null)
        {
            families.Add($"budget ${c.BudgetUsd}");
        }

        if (c.DeadlineHours is not null)
        {
            families.Add($"deadline {c.DeadlineHours} h");
        }

        return [families.Count > 0
            ? $"no placement satisfies {string.Join(" together with ", families)}"
            : "no placement satisfies the candidate rules"];
    }
}
