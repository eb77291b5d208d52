using System.Globalization;

namespace Placement.Planning.Milp;

/// <summary>
/// The exact planner: a mixed-integer program solved by COIN-OR CBC. One binary per (node, candidate);
/// per data item and destination location one transfer column bounded below by every reader's read, so
/// fan-out to one location pays once and the largest read there is what moves; homes of nodes without storage
/// follow their anchor; staged copies are charged where a native reader sits; GPU caps, colocate,
/// anti-affinity, budget and deadline are rows.
/// </summary>
/// <remarks>
/// The objective is the billed cost <see cref="PlanningProblem.BilledCostUsd"/> exactly: first-tier egress rates
/// for moves whose meter cannot cross a volume tier, and the tier rows of <see cref="TierRows"/> for the rest, so
/// a reported optimum, bound and gap are about the bill. Products of a
/// home indicator and a reader's location indicator are linearised per reader with
/// <c>t &gt;= bytes x (sum_H rate(H, L) home_H - maxRate x (1 - at_L))</c>, which is exact at integer points.
/// </remarks>
public sealed partial class MilpSolver : ISolver
{
    private readonly ISolver? warmStart;
    private readonly MilpFormulation formulation;
    private readonly IBranchAndBoundEngine? engine;

    /// <summary>Creates the solver; <paramref name="warmStart"/> (e.g. local search) seeds CBC with a feasible plan.</summary>
    public MilpSolver(ISolver? warmStart = null, MilpFormulation formulation = MilpFormulation.RateLevels)
    {
        this.warmStart = warmStart;
        this.formulation = formulation;
    }

    /// <summary>Creates the solver with a given branch-and-bound engine, whatever <see cref="SolveOptions.Engine"/> says (tests, bench probes).</summary>
    internal MilpSolver(ISolver? warmStart, MilpFormulation formulation, IBranchAndBoundEngine engine)
        : this(warmStart, formulation)
    {
        this.engine = engine;
    }

    /// <summary>
    /// The stronger side-constraint rows (candidate fixing, deadline windows, anti-affinity reader rows; see
    /// <c>MilpModel.SideRows.cs</c>). On by default; off only to measure them against the plain rows.
    /// </summary>
    internal bool StrongSideRows { get; init; } = true;

    /// <inheritdoc />
    public string Name => "milp";

    /// <summary>
    /// The LP relaxation's solution rounded (each node to its largest x), then, when the warm start is local search,
    /// repaired where it breaks a constraint (a GPU cap filled fractionally, an anti-affinity pair split in halves) and
    /// improved by its single-node moves; null when no feasible plan comes out.
    /// </summary>
    private int[]? LpRounding(PlanningProblem problem, int[] rounded, SolveOptions options)
    {
        if (warmStart is LocalSearchSolver search && search.Improve(problem, rounded, options).Choice is { } improved
            && problem.IsFeasible(improved) && (!problem.IsFeasible(rounded) || problem.BilledCostUsd(improved) <= problem.BilledCostUsd(rounded)))
        {
            return improved;
        }

        return problem.IsFeasible(rounded) ? rounded : null;
    }

    /// <inheritdoc />
    public bool IsExact => true;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => true;

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        // --time-limit counts from here: building the model and the warm start are part of the solve.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double? Remaining() => options.TimeLimitSeconds is { } total ? Math.Max(0.01, total - clock.Elapsed.TotalSeconds) : null;
        var notes = new Dictionary<string, string>();
        var stages = new StageTimes(notes, clock);
        var anytime = Anytime(problem, options, clock, stages, notes);
        if (anytime.Done is { } early)
        {
            return early;
        }

        var f = new MilpModel(problem, formulation, StrongSideRows);
        var engine = this.engine ?? BranchAndBoundEngines.For(options.Engine, problem);
        f.BuildCost();
        var needTime = options.Objective == PlanningObjective.Time || problem.Constraints.DeadlineHours is not null;

        // The time model, the deadline and the budget wait outside the LP bound stage while its solution rounds to a
        // plan that meets them (LinearModel.DeferNewRows); CBC gets them all.
        f.Lp.DeferNewRows = options.Objective == PlanningObjective.Cost;
        var makespan = needTime ? f.BuildTime() : -1;
        if (problem.Constraints.DeadlineHours is { } deadline)
        {
            f.Lp.AddRow([(makespan, 1.0)], double.NegativeInfinity, (double)deadline);
        }

        var costObjective = f.Lp.Objective;
        if (problem.Constraints.BudgetUsd is { } budget)
        {
            f.Lp.AddRow(costObjective.Select((v, i) => (i, v)).Where(p => p.v != 0), double.NegativeInfinity, (double)budget - f.Lp.ObjectiveConstant);
        }

        f.Lp.DeferNewRows = false;
        f.BuildConstraints();

        if (f.SideRowsNote is { } side)
        {
            notes["side-rows"] = side;
        }

        stages.Mark("model");
        (int[] Columns, double[] Values)? start = null;
        int[]? seedChoice = null;
        double seedCost = 0;
        if (anytime.Searched)
        {
            (seedChoice, seedCost, start) = (anytime.Start, anytime.StartCost, f.StartValues(anytime.Start!));
        }
        else if (warmStart is not null && options.Objective == PlanningObjective.Cost)
        {
            // The warm start gets half of what is left at most, so the bound stages keep time to prove it. Under a time
            // limit the constructive plan stands in when it finds none, or a dearer one.
            var seed = warmStart.Solve(problem, options with { TimeLimitSeconds = Remaining() * 0.5 });
            if (seed.Choice is { } partial && !problem.IsFeasible(partial) && warmStart is LocalSearchSolver search && seed.Notes.ContainsKey("time-limit"))
            {
                // Stopped by its limit while repairing (1,000 realistic nodes on a loaded machine): without a feasible plan
                // there is no LP stage, and branch and bound from the raw model finds none either. Half of what is left
                // again, from where it stopped.
                seed = search.Improve(problem, partial, options with { TimeLimitSeconds = Remaining() * 0.5 });
            }

            if (seed.Choice is { } sc && problem.IsFeasible(sc))
            {
                start = f.StartValues(sc);
                seedChoice = sc;
                seedCost = problem.BilledCostUsd(sc);
                options.Incumbents?.Offer(sc, seedCost, "the warm start");
            }

            if (anytime.Start is { } constructive && (seedChoice is null || anytime.StartCost < seedCost))
            {
                (seedChoice, seedCost, start) = (constructive, anytime.StartCost, f.StartValues(constructive));
            }
        }

        stages.Mark("warm start");
        notes["columns"] = f.Lp.Columns.ToString(CultureInfo.InvariantCulture);
        notes["rows"] = f.Lp.Rows.ToString(CultureInfo.InvariantCulture);
        notes["branch-and-bound"] = engine.Name;
        notes["nonzeros"] = f.Lp.NonZeros.ToString(CultureInfo.InvariantCulture);
        notes["egress"] = f.Tiers.MetersModelled == 0
            ? "no plan can cross a volume tier: first-tier rates are the bill"
            : $"volume tiers exact: {f.Tiers.MetersModelled.ToString(CultureInfo.InvariantCulture)} meters with {f.Tiers.Binaries.ToString(CultureInfo.InvariantCulture)} tier binaries";

        if (options.TimeLimitSeconds is not null && !CbcEngine.WaitIdle(0.5 * Remaining()!.Value))
        {
            // An earlier solve of this process, abandoned at its time limit, still runs in the native solver (which runs
            // one solve at a time): waiting for it could take longer than this solve's limit.
            stages.Mark("native solver busy");
            notes["fallback"] = "the native solver was still running an earlier solve of this process (abandoned at its time limit) for half of the time left; the warm-start plan is returned";
            return seedChoice is null || options.Objective != PlanningObjective.Cost
                ? new SolverOutcome(null, "time-limit", null, null, notes)
                : new SolverOutcome(seedChoice, "time-limit", seedCost, Math.Min(seedCost, Math.Max(f.AssignmentBound(), anytime.Floor)), notes);
        }

        if (options.Objective == PlanningObjective.Time)
        {
            // Lexicographic: minimise the makespan, then the cost among plans within 1e-6 h of it.
            var timeLp = f.WithObjective(makespan);
            var first = engine.Solve(timeLp, Remaining(), options.RelativeGap, null);
            if (first.Values is null)
            {
                return SolverOutcome.Infeasible(notes);
            }

            var best = first.Values[makespan];
            f.Lp.AddRow([(makespan, 1.0)], double.NegativeInfinity, best + 1e-6);
            var second = engine.Solve(f.Lp, Remaining(), options.RelativeGap, null);
            var values = second.Values ?? first.Values;
            var choiceT = f.ChoiceOf(values);
            return new SolverOutcome(choiceT, first.Optimal ? "optimal" : "time-limit", problem.MakespanHours(choiceT), first.Bound, notes);
        }

        double? lpBound = null;
        var quick = seedChoice is not null ? Math.Min(seedCost, Math.Max(f.AssignmentBound(), anytime.Floor)) : double.NegativeInfinity;
        if (seedChoice is not null && options.RelativeGap > 0 && quick >= OptimalityTolerance.Target(seedCost, options.RelativeGap))
        {
            // Where moves are a small part of the bill, each node on its cheapest candidate already proves the requested gap.
            stages.Mark("assignment bound");
            notes["assignment-bound"] = $"each node on its cheapest candidate: {quick.ToString("0.000000", CultureInfo.InvariantCulture)}, within the requested gap";
            options.Incumbents?.Bound(quick);
            return new SolverOutcome(seedChoice, "within-gap", seedCost, quick, notes);
        }

        if (seedChoice is not null)
        {
            // Before branch and bound: often the LP relaxation alone proves the warm start optimal, or within the
            // requested gap, at a fraction of CBC's cost (CBC would solve the same LP first, with no time limit).
            var proof = LpBoundEngine.Prove(f.Lp, OptimalityTolerance.Target(seedCost, options.RelativeGap) - f.Lp.ObjectiveConstant, Remaining(), f.PointOf(seedChoice), relaxed => problem.MeetsBudgetAndDeadline(f.ChoiceOf(relaxed)));
            stages.Mark("lp bound");
            notes["lp-bound"] = $"{proof.Iterations.ToString(CultureInfo.InvariantCulture)} dual simplex iterations{(proof.LpOptimal ? ", LP optimal" : string.Empty)}, "
                + $"{proof.RowsLoaded.ToString(CultureInfo.InvariantCulture)} of {f.Lp.Rows.ToString(CultureInfo.InvariantCulture)} rows after {proof.Rounds.ToString(CultureInfo.InvariantCulture)} rounds of row generation ({proof.RowsDropped.ToString(CultureInfo.InvariantCulture)} dropped as slack)";
            if (proof.Primal is { } relaxed && LpRounding(problem, f.ChoiceOf(relaxed), options with { TimeLimitSeconds = Remaining() * 0.25 }) is { } rounded
                && problem.BilledCostUsd(rounded) is var roundedCost && roundedCost < seedCost)
            {
                // The relaxation is often integral, or nearly: its rounding beats the warm start and may meet the bound.
                notes["lp-rounding"] = $"the rounded LP solution improved the warm start from {seedCost.ToString("0.000000", CultureInfo.InvariantCulture)} to {roundedCost.ToString("0.000000", CultureInfo.InvariantCulture)}";
                (seedChoice, seedCost, start) = (rounded, roundedCost, f.StartValues(rounded));
                options.Incumbents?.Offer(rounded, roundedCost, "the rounded LP solution");
            }

            stages.Mark("lp rounding");
            if (!double.IsNegativeInfinity(Math.Max(quick, proof.Bound)))
            {
                // The assignment bound stands when the LP stage stopped (time limit) below it.
                lpBound = Math.Min(seedCost, Math.Max(quick, proof.Bound + f.Lp.ObjectiveConstant));
                options.Incumbents?.Bound(lpBound.Value);
            }

            if (lpBound is { } proven && proven >= OptimalityTolerance.Target(seedCost, options.RelativeGap))
            {
                var optimal = proven >= OptimalityTolerance.Target(seedCost, 0);
                return new SolverOutcome(seedChoice, optimal ? "optimal" : "within-gap", seedCost, optimal ? seedCost : proven, notes);
            }

            if (lpBound is not null && proof.ReducedCosts is { } reduced)
            {
                notes["reduced-cost-fixing"] = $"{f.FixWorseThan(seedCost, proof.Bound + f.Lp.ObjectiveConstant, reduced).ToString(CultureInfo.InvariantCulture)} of {f.CandidateColumns.ToString(CultureInfo.InvariantCulture)} candidate columns fixed to 0";
            }

            // Branch and bound starts by solving the LP relaxation of the whole model, cold, inside CBC, where the wall
            // clock is not watched: about the LP stage's time scaled by the rows it left out (measured: a 200-node
            // realistic scenario, LP stage 51 s on 68,071 of 152,644 rows, CBC's root 113 s). With less time left, it
            // would overrun the limit.
            var rootSeconds = stages.Last * Math.Max(1.0, f.Lp.Rows / (double)Math.Max(1, proof.RowsUsed));
            if (options.TimeLimitSeconds is { } limit && limit - clock.Elapsed.TotalSeconds < rootSeconds)
            {
                notes["fallback"] = clock.Elapsed.TotalSeconds >= limit
                    ? "the time limit passed while proving the LP bound; the warm-start plan is returned"
                    : "too little time left for branch and bound to solve its root LP (estimated from the LP stage); the warm-start plan is returned";
                return new SolverOutcome(seedChoice, "time-limit", seedCost, lpBound, notes);
            }
        }

        if (seedChoice is null && options.TimeLimitSeconds is { } spent && clock.Elapsed.TotalSeconds >= spent)
        {
            // Out of time with no plan: branch and bound would start with its root LP, which does not watch the clock.
            notes["fallback"] = "the time limit passed before branch and bound could start, with no plan found";
            return new SolverOutcome(null, "time-limit", null, null, notes);
        }

        var result = engine.Solve(f.Lp, Remaining(), options.RelativeGap, start);
        stages.Mark(engine.Name);
        if (result.Values is null && seedChoice is not null)
        {
            // CBC stopped before accepting any plan (a time limit hit during preprocessing even reports
            // "infeasible"); the warm start is a feasible plan, so return it with the bound CBC proved, if any.
            notes["fallback"] = $"{engine.Name} found no plan within its limits; the warm-start plan is returned";
            var proven = result.Infeasible || double.IsNaN(result.Bound) ? lpBound : Math.Min(seedCost, Math.Max(result.Bound + f.Lp.ObjectiveConstant, lpBound ?? double.NegativeInfinity));
            return new SolverOutcome(seedChoice, "time-limit", seedCost, proven, notes);
        }

        if (result.Values is null)
        {
            // CBC reports a time limit hit in preprocessing as "infeasible": past the limit, nothing is proven.
            var timedOut = result.TimeLimitReached || (options.TimeLimitSeconds is { } l && clock.Elapsed.TotalSeconds >= 0.98 * l);
            return !timedOut
                ? SolverOutcome.Infeasible(notes)
                : new SolverOutcome(null, "time-limit", null, result.Bound + f.Lp.ObjectiveConstant, notes);
        }

        var choice = f.ChoiceOf(result.Values);
        var status = result.Optimal ? "optimal" : result.TimeLimitReached ? "time-limit" : "feasible";
        var bound = result.Optimal ? result.Objective : Math.Min(result.Bound, result.Objective);
        var objective = result.Objective + f.Lp.ObjectiveConstant;
        return new SolverOutcome(choice, status, objective, Math.Min(objective, Math.Max(bound + f.Lp.ObjectiveConstant, lpBound ?? double.NegativeInfinity)), notes);
    }
}
