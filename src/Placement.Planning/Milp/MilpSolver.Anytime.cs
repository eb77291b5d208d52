using System.Diagnostics;
using System.Globalization;

namespace Placement.Planning.Milp;

/// <summary>
/// The anytime start of a time-limited MILP solve (<c>plan --time-limit</c>, issue 13): a feasible plan and a bound
/// within milliseconds, before the model is built, and no model at all when the time left cannot pay for it.
/// </summary>
public sealed partial class MilpSolver
{
    /// <summary>
    /// Seconds the model build takes per node candidate, about (realistic scenarios on the loaded 2-core machine, JIT
    /// build: 1,000 nodes, 40,118 candidates, 1.5 to 2.6 s; 200 nodes, 8,310 candidates, 0.8 s with the JIT's first
    /// calls). Only decides whether a time-limited solve builds the model.
    /// </summary>
    internal const double ModelSecondsPerCandidate = 6e-5;

    /// <summary>
    /// The model is built only when the time left is at least this many times its estimated build time: behind it the
    /// warm start and the LP stage need time too (realistic 1,000 at --time-limit 10: model 2.3 s, warm start and LP
    /// stage 2.3 s each, gap 0.27 % against the cost floor's 0.5 % for the local search alone).
    /// </summary>
    internal const double ModelTimeFactor = 3;

    /// <summary>
    /// What the solve knows before the model: the constructive plan (<see cref="FeasibleStart"/>) as built, the same
    /// when it is feasible (else null) with its billed cost, the cost floor (<see cref="PlanningProblem.CostFloorUsd"/>;
    /// negative infinity for the time objective), and the outcome when the solve ends here.
    /// </summary>
    /// <remarks><c>Searched</c>: the local search has run from the constructive plan already (to its end), so the warm
    /// start stage has nothing left to do.</remarks>
    private readonly record struct AnytimeStart(int[]? Built, int[]? Start, double StartCost, double Floor, SolverOutcome? Done, bool Searched = false);

    private AnytimeStart Anytime(PlanningProblem problem, SolveOptions options, Stopwatch clock, StageTimes stages, Dictionary<string, string> notes)
    {
        if (options.Objective != PlanningObjective.Cost)
        {
            return new(null, null, 0, double.NegativeInfinity, null);
        }

        var floor = problem.CostFloorUsd();
        if (options.TimeLimitSeconds is not { } limit || warmStart is not LocalSearchSolver search)
        {
            return new(null, null, 0, floor, null);
        }

        // Within milliseconds: a plan to return whatever happens next, and the floor as its bound.
        options.Incumbents?.Bound(floor);
        var built = FeasibleStart.Build(problem, () => clock.Elapsed.TotalSeconds >= limit / 2);
        var start = problem.IsFeasible(built) ? built : null;
        var startCost = start is null ? double.PositiveInfinity : problem.BilledCostUsd(start);
        if (start is not null)
        {
            options.Incumbents?.Offer(start, startCost, "the constructive start");
        }

        stages.Mark("constructive start");
        notes["cost-floor"] = $"each node on its cheapest candidate with the home copies it stores: {floor.ToString("0.000000", CultureInfo.InvariantCulture)}";
        if (start is not null && options.RelativeGap > 0 && floor >= OptimalityTolerance.Target(startCost, options.RelativeGap))
        {
            return new(built, start, startCost, floor, new SolverOutcome(start, "within-gap", startCost, Math.Min(floor, startCost), notes));
        }

        var pairs = problem.Nodes.Sum(n => (long)n.Candidates.Count);
        var modelSeconds = ModelSecondsPerCandidate * pairs;
        var left = limit - clock.Elapsed.TotalSeconds;
        if (left >= ModelTimeFactor * modelSeconds)
        {
            return new(built, start, startCost, floor, null);
        }

        // No time for the model and a bound stage behind it: the local search from the constructive plan for what is left.
        var improved = search.Improve(problem, built, options with { TimeLimitSeconds = Math.Max(0.01, left) });
        if (improved.Choice is { } better && problem.IsFeasible(better) && problem.BilledCostUsd(better) is var betterCost && betterCost < startCost)
        {
            (start, startCost) = (better, betterCost);
            options.Incumbents?.Offer(better, betterCost, "local search");
        }

        stages.Mark("local search");
        if (start is not null && !improved.Notes.ContainsKey("time-limit") && limit - clock.Elapsed.TotalSeconds >= (ModelTimeFactor - 1) * modelSeconds)
        {
            // The search reached its local optimum early: the time left pays for the model and an LP stage behind it.
            return new(built, start, startCost, floor, null, Searched: true);
        }

        notes["fallback"] = $"too little time left to build the MILP model (about {modelSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s for {pairs.ToString(CultureInfo.InvariantCulture)} node candidates) and prove a bound behind it; "
            + "the local search's plan from the constructive start is returned with the cost floor as its bound";
        if (start is null)
        {
            return new(built, null, startCost, floor, new SolverOutcome(null, "time-limit", null, null, notes));
        }

        var proven = Math.Min(floor, startCost);
        var status = proven >= OptimalityTolerance.Target(startCost, 0) ? "optimal" : proven >= OptimalityTolerance.Target(startCost, options.RelativeGap) ? "within-gap" : "time-limit";
        return new(built, start, startCost, floor, new SolverOutcome(start, status, startCost, proven, notes));
    }
}
