using System.Diagnostics;
using System.Globalization;
using Placement.Cli.Progress;
using Placement.Core.Plans;
using Placement.Planning;

namespace Placement.Cli.Commands;

/// <summary>The solve of <c>plan</c> under a deadline: what bounds the time to the plan file under <c>--time-limit</c>.</summary>
internal static class DeadlineSolve
{
    /// <summary>
    /// Solves on a worker thread (<see cref="BackgroundWork{T}"/>) until <paramref name="dueInSeconds"/> (null: until done).
    /// Past it, the best plan the solve has published in <paramref name="incumbents"/> (constructive start, warm start,
    /// rounded LP solution) is taken with the best bound proven by then, and the solve is abandoned (true): a native
    /// branch and bound cannot be stopped, so this is what bounds the time to the plan file. With no plan published yet
    /// (a solver that publishes none, such as the DPs, or the time objective), the constructive plan
    /// (<see cref="FeasibleStart"/>, milliseconds) is taken when it meets every constraint; else it waits for the solve's
    /// first plan or its end, at most <paramref name="graceSeconds"/> (under --time-limit: what is left of the limit),
    /// then reports that no plan was found within <paramref name="limit"/> (exit 2, nothing written).
    /// </summary>
    public static (Plan Plan, bool Abandoned) Run(PlanningProblem problem, ISolver chosen, SolveOptions options, IncumbentLog incumbents, double? dueInSeconds, double graceSeconds, double? limit)
    {
        var work = new BackgroundWork<Plan>("plan solve", () => Planner.Solve(problem, chosen, options));
        if (work.Wait(dueInSeconds))
        {
            return (work.Result, false);
        }

        // Past the due time: the best plan published so far; with none yet, the first one or the solve's end, for a grace.
        CliProgress.Report("plan", "the plan is due: taking the best plan the solve has found");
        var late = Stopwatch.StartNew();
        var constructed = false;
        while (true)
        {
            var best = incumbents.Best;
            if (best.Choice is { } choice)
            {
                work.Abandon();
                var notes = new Dictionary<string, string>
                {
                    ["fallback"] = $"the time limit came while {chosen.Name} was still solving; the best plan it had found (by {best.Stage}) is returned with the best bound proven by then",
                };
                return (Planner.ToPlan(problem, chosen, new SolverOutcome(choice, "time-limit", best.CostUsd, best.BoundUsd, notes), options.Objective), true);
            }

            if (work.Wait(0.02))
            {
                return (work.Result, false);
            }

            if (!constructed)
            {
                // Nothing published: the constructive plan, without its repair (the limit is here).
                constructed = true;
                var built = FeasibleStart.Build(problem, () => true);
                if (problem.IsFeasible(built))
                {
                    work.Abandon();
                    var isCost = options.Objective == PlanningObjective.Cost;
                    var notes = new Dictionary<string, string>
                    {
                        ["fallback"] = $"the time limit came before {chosen.Name} had found a plan; the constructive plan (each colocate unit on its cheapest location the GPU caps and anti-affinity leave) is returned"
                            + (isCost ? " with the cost floor as its bound" : ""),
                    };
                    var outcome = isCost
                        ? new SolverOutcome(built, "time-limit", problem.BilledCostUsd(built), Math.Min(problem.CostFloorUsd(), problem.BilledCostUsd(built)), notes)
                        : new SolverOutcome(built, "time-limit", problem.MakespanHours(built), null, notes);
                    return (Planner.ToPlan(problem, chosen, outcome, options.Objective), true);
                }
            }

            if (late.Elapsed.TotalSeconds >= graceSeconds)
            {
                work.Abandon();
                throw new PlanningException([$"{chosen.Name} found no plan meeting every constraint within --time-limit {(limit ?? 0).ToString("0.###", CultureInfo.InvariantCulture)} s (nothing proves there is none); give a longer limit"]);
            }
        }
    }
}
