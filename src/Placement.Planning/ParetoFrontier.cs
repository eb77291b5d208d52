using Placement.Planning.Milp;

namespace Placement.Planning;

/// <summary>One non-dominated plan: its choice, linear cost (USD) and estimated makespan (hours).</summary>
public sealed record ParetoPoint(int[] Choice, double CostUsd, double MakespanHours);

/// <summary>
/// The cost/makespan frontier by the epsilon-constraint method: start from the cheapest plan, then
/// repeatedly ask the MILP for the cheapest plan strictly faster than the last one found (a deadline just
/// below its makespan), until no faster plan exists or the cap on points is reached. Each point is
/// optimal for its deadline, so the list is exactly the non-dominated plans (up to the cap), cheapest first.
/// </summary>
public static class ParetoFrontier
{
    /// <summary>Relative step below the last makespan, so the next plan is strictly faster.</summary>
    public const double Step = 1e-4;

    /// <summary>Computes the frontier; the scenario's own deadline, if any, bounds it.</summary>
    public static IReadOnlyList<ParetoPoint> Compute(PlanningProblem problem, SolveOptions options, int maxPoints = 20)
    {
        var milp = new MilpSolver();
        var points = new List<ParetoPoint>();
        var current = problem;
        var costOptions = options with { Objective = PlanningObjective.Cost };
        while (points.Count < maxPoints)
        {
            var outcome = milp.Solve(current, costOptions);
            if (outcome.Choice is not { } choice || outcome.Status == "infeasible")
            {
                break;
            }

            var makespan = problem.MakespanHours(choice);
            var cost = problem.BilledCostUsd(choice);
            if (points.Count > 0 && makespan >= points[^1].MakespanHours - 1e-9)
            {
                break;
            }

            points.Add(new ParetoPoint(choice, cost, makespan));
            var deadline = makespan * (1 - Step) - 1e-9;
            if (deadline <= 0)
            {
                break;
            }

            current = problem.WithConstraints(problem.Constraints with { DeadlineHours = (decimal)deadline });
        }

        return points;
    }
}
