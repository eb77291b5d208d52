using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Timing;
using Placement.Data;
using Placement.Data.Plans;
using Placement.Data.Reports;
using Placement.Data.Scenarios;
using Placement.Cli.Progress;
using Placement.Planning;
using Placement.Planning.Baselines;
using Placement.Planning.Milp;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement plan SCENARIO [--objective cost|time] [--deadline DURATION] [--budget USD] [--solver NAME]
/// [--engine auto|cbc|scip] [--time-limit S] [--gap PERCENT] [--out PLAN.json]</c>: finds the cheapest (or fastest) placement meeting every constraint,
/// prints it with its cost lines, the savings against each baseline and a per-node explanation.
/// </summary>
internal static class PlanCommand
{
    /// <summary>Time limit of the pairwise ILP baseline when --time-limit is not given, in seconds.</summary>
    internal const double BaselineSeconds = 10;
    private const double MinBaselineSeconds = 0.05;

    /// <summary>
    /// Past the plan's due time with no plan found yet and no limit to keep (never under --time-limit, whose grace is
    /// what is left of the limit), how long the solve may still take to return one.
    /// </summary>
    private const double GraceSeconds = 2;

    /// <summary>
    /// Seconds the explanation takes per node candidate under --time-limit, about (local pricing: 0.64 s for realistic
    /// 1,000's 40,118 candidates at load 9, 0.06 s for realistic 200's 8,310).
    /// </summary>
    private const double ExplainSecondsPerCandidate = 2e-5;

    /// <summary>Under --time-limit, the most work (<see cref="Explainer.ExactWorkLimit"/>'s unit) explained exactly: a few milliseconds.</summary>
    private const long TimeLimitedExplainWork = 20_000;

    public static Command Create(CliConsole console, Option<string?> pricing, Func<string, string?> solverLibraries)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file" };
        var objective = new Option<string>("--objective") { Description = "cost (default) or time (estimated makespan)", DefaultValueFactory = _ => "cost" };
        var deadline = new Option<string?>("--deadline") { Description = "Upper bound on the estimated makespan, e.g. 90m, 2h, 1.5h, 1d (a bare number is hours)" };
        var budget = NumberOptions.OptionalDecimal("--budget", "Upper bound on the plan's total cost in USD", 0, ScenarioLimits.MaxBudgetUsd, minExclusive: true);
        var solver = new Option<string>("--solver") { Description = "auto (default), " + string.Join(", ", SolverCatalog.Names.Skip(1)), DefaultValueFactory = _ => "auto" };
        var engine = new Option<string>("--engine") { Description = "Branch-and-bound engine of the MILP behind its LP stage: auto (default), cbc or scip", DefaultValueFactory = _ => "auto" };
        var timeLimit = NumberOptions.OptionalDouble("--time-limit", "Seconds the solver may use; the best plan found is returned with its gap", 0, 7 * 86400, minExclusive: true);
        var gap = NumberOptions.OptionalDouble("--gap", "Stop once the plan is proven within this many percent of the optimum (default 0: prove optimality)", 0, 100, maxExclusive: true);
        var output = new Option<string?>("--out", "-o") { Description = "Write the plan file (JSON) here" };
        var pareto = new Option<bool>("--pareto") { Description = "Also print the cost/makespan frontier (every non-dominated plan, up to 20)" };
        var png = new Option<string?>("--png") { Description = "With --pareto: draw the frontier to FILE (PNG)" };
        var command = new Command("plan", "Find the cheapest placement that meets every constraint, with savings and explanations.");
        command.Arguments.Add(scenario);
        command.Options.Add(objective);
        command.Options.Add(deadline);
        command.Options.Add(budget);
        command.Options.Add(solver);
        command.Options.Add(engine);
        command.Options.Add(timeLimit);
        command.Options.Add(gap);
        command.Options.Add(output);
        command.Options.Add(pareto);
        command.Options.Add(png);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(scenario);
            var problems = new List<Problem>();
            var objectiveValue = parse.GetValue(objective) switch
            {
                "cost" => PlanningObjective.Cost,
                "time" => PlanningObjective.Time,
                var other => Bad(problems, "--objective", $"'{other}' is not an objective", "use cost or time", PlanningObjective.Cost),
            };
            var deadlineHours = parse.GetValue(deadline) is { } d ? ParseHours(d, problems) : null;
            var budgetUsd = parse.GetValue(budget);
            var limit = parse.GetValue(timeLimit);
            var gapPercent = parse.GetValue(gap) ?? 0;
            var solverName = parse.GetValue(solver) ?? "auto";
            if (solverName != "auto" && SolverCatalog.Create(solverName) is null)
            {
                problems.Add(new Problem("command line", 0, 0, "--solver", $"'{solverName}' is not a solver", "use " + string.Join(", ", SolverCatalog.Names)));
            }

            var engineName = parse.GetValue(engine) ?? "auto";
            var engineValue = BranchAndBoundEngines.Parse(engineName);
            if (engineValue is null)
            {
                problems.Add(new Problem("command line", 0, 0, "--engine", $"'{engineName}' is not a branch-and-bound engine", "use " + string.Join(", ", BranchAndBoundEngines.Names)));
            }

            if (parse.GetValue(png) is not null && !parse.GetValue(pareto))
            {
                problems.Add(new Problem("command line", 0, 0, "--png", "--png draws the frontier, which only --pareto computes", "add --pareto"));
            }

            var outputs = new OutputFiles(path);
            var outPath = outputs.File("--out", parse.GetValue(output));
            outputs.File("--png", parse.GetValue(png));
            outputs.ThrowIfBad(problems);

            // --time-limit bounds the whole command, from the process start to the plan file (WallClockBudget).
            var wall = WallClockBudget.Start(limit);
            CliProgress.Report("plan", $"loading {Path.GetFileName(path)}");
            var (catalog, loaded) = CommandSupport.Load(path, parse.GetValue(pricing), console);
            NativeSolverLibraries.EnsureAvailable(solverLibraries);
            var constraints = loaded.Constraints with
            {
                BudgetUsd = budgetUsd ?? loaded.Constraints.BudgetUsd,
                DeadlineHours = deadlineHours ?? loaded.Constraints.DeadlineHours,
            };
            var s = loaded with { Constraints = constraints };
            var model = new CostModel(WorkflowGraph.Build(s), catalog);
            CliProgress.Report("plan", $"building the planning problem ({loaded.Nodes.Count} nodes)");
            var problem = Build(model, path);
            StageTimings.Mark("planning problem built");
            var pairs = problem.Nodes.Sum(n => (long)n.Candidates.Count);
            // Plans and bounds published while solving are in USD: only the cost objective publishes them.
            var incumbents = new IncumbentLog();
            var options = new SolveOptions(objectiveValue, wall.ForSolver(pairs), gapPercent / 100)
            {
                Engine = engineValue ?? BranchAndBoundEngine.Auto,
                Incumbents = objectiveValue == PlanningObjective.Cost ? incumbents : null,
            };
            // auto returns only a solver that applies (it has just estimated the DPs); named solvers are checked.
            var chosen = solverName == "auto" ? SolverCatalog.Auto(problem, options) : SolverCatalog.Create(solverName)!;
            if (solverName != "auto" && !chosen.Applies(problem, options))
            {
                throw new InputException(new Problem("command line", 0, 0, "--solver", $"solver {chosen.Name} does not apply to this scenario with these options",
                    chosen switch
                    {
                        TierCertifiedSolver { Inner: TreeDpSolver } => "the tree DP needs every data item read by at most one node, no scenario-wide constraints and --objective cost; use --solver milp",
                        TierCertifiedSolver { Inner: TreewidthDpSolver tw } => tw.Estimate(problem.FirstTierModel(), options).Refusal + "; use --solver milp",
                        _ => "use --solver auto",
                    }));
            }

            // The solver's share is taken again now: choosing it (the DP estimates) took time out of the budget.
            options = options with { TimeLimitSeconds = wall.ForSolver(pairs) };
            CliProgress.Report("plan", $"solving with {chosen.Name}: {problem.NodeCount} nodes, {pairs} candidates" + (options.TimeLimitSeconds is { } tl ? $", solver limit {tl.ToString("0.0", CultureInfo.InvariantCulture)} s" : ""));
            var clock = Stopwatch.StartNew();
            Plan plan;
            bool abandoned;
            try
            {
                (plan, abandoned) = DeadlineSolve.Run(problem, chosen, options, incumbents, wall.UntilPlanDue(pairs), limit is null ? GraceSeconds : wall.PlanMarginSeconds(pairs), limit);
            }
            catch (PlanningException e)
            {
                throw Conflicts(path, e);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            StageTimings.Mark("solved");
            plan = plan with { Solver = plan.Solver with { Seconds = Math.Round(seconds, 3) } };
            CliProgress.Report("plan", $"{plan.Solver.Name} {plan.Solver.Status}: incumbent ${CostReport.Usd(plan.Cost.Totals.TotalUsd)}"
                + (plan.Solver.LowerBoundUsd is { } lbUsd ? $", bound ${CostReport.Usd(lbUsd)}, gap {Pct(plan.Solver.Gap ?? 0)}" : ", no bound") + $" in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
            // The plan file is written before the baselines and the explanation (which only the printed report uses), so
            // --time-limit bounds the time to the plan file whatever those take.
            if (outPath is not null)
            {
                outputs.Write("--out", outPath, PlanJson.Write(plan));
                CliProgress.Report("plan", $"plan written to {outPath}" + (limit is { } l ? $" ({wall.Elapsed.ToString("0.0", CultureInfo.InvariantCulture)} s of the {l.ToString("0.#", CultureInfo.InvariantCulture)} s limit)" : ""));
            }

            StageTimings.Mark("plan file written");
            // Under --time-limit the baselines share what is left after the explanation's estimated time, and the
            // explanation is left out when that time is no longer there, so the whole command ends by the limit.
            var explainSeconds = ExplainSecondsPerCandidate * pairs;
            var baselines = RunBaselines(problem, options with { Incumbents = null }, limit is null ? null : wall.ForBaselines(BaselineSeconds * SolverCatalog.Baselines.Count, explainSeconds));
            StageTimings.Mark("baselines");
            CliProgress.Report("plan", "explaining the plan");
            // Under --time-limit the exact explanation (a cost-model evaluation per alternative; 6 s on the realistic
            // 200-node scenario) only for small plans; the local pricing otherwise.
            var explanation = limit is not null && wall.Remaining < explainSeconds
                ? null
                : Explainer.Explain(problem, plan, limit is null ? Explainer.ExactWorkLimit : TimeLimitedExplainWork);
            StageTimings.Mark("explained");

            Print(console, problem, plan, baselines, explanation, options);
            StageTimings.Mark("printed");
            if (parse.GetValue(pareto) && abandoned)
            {
                // The frontier solves MILPs, and the abandoned solve still holds the (single-instance) native solver.
                console.Line();
                console.Line("Cost/makespan frontier left out: the solve was stopped at --time-limit");
            }
            else if (parse.GetValue(pareto))
            {
                var frontier = ParetoFrontier.Compute(problem, options);
                PrintPareto(console, problem, frontier);
                if (parse.GetValue(png) is { } pngPath)
                {
                    PictureFiles.Frontier(pngPath, problem, plan, frontier);
                }
            }

            if (console.IsTerminal)
            {
                console.Line($"Solved in {seconds.ToString("0.000", CultureInfo.InvariantCulture)} s.");
            }
            else
            {
                console.Error.Write($"solved in {seconds.ToString("0.000", CultureInfo.InvariantCulture)} s\n");
            }

            if (outPath is not null)
            {
                console.Line($"Plan written to {outPath}");
            }

            return 0;
        });
        return command;
    }

    public static PlanningProblem Build(CostModel model, string path)
    {
        try
        {
            return PlanningProblem.Build(model, new NetworkModel(model.Pricing));
        }
        catch (PlanningException e)
        {
            throw Conflicts(path, e);
        }
    }

    private static InputException Conflicts(string path, PlanningException e) =>
        new(e.Conflicts.Select(c => new Problem(path, 0, 0, "constraints", c)).ToList());

    /// <summary>
    /// The baselines the plan is compared with, each limited to <see cref="BaselineSeconds"/>; under --time-limit they
    /// share <paramref name="totalSeconds"/> (what the budget leaves them), each runs on a worker thread waited for no
    /// longer than its share, and those the budget has no time left for or that do not finish in their share are left
    /// out (with the reason, for the printed table), so the limit holds for the whole command.
    /// </summary>
    private static Baselines RunBaselines(PlanningProblem problem, SolveOptions options, double? totalSeconds)
    {
        var clock = Stopwatch.StartNew();
        var result = new Baselines([], []);
        CliProgress.Report("plan", $"baselines (at most {(totalSeconds ?? BaselineSeconds).ToString("0.0", CultureInfo.InvariantCulture)} s{(totalSeconds is null ? " each" : " in all")})");
        foreach (var baseline in SolverCatalog.Baselines)
        {
            var seconds = BaselineSeconds;
            if (totalSeconds is { } total)
            {
                var left = total - clock.Elapsed.TotalSeconds;
                if (left < MinBaselineSeconds)
                {
                    CliProgress.Report("plan", $"baseline {baseline.Name} left out: no time left under --time-limit");
                    result.LeftOut.Add((baseline.Name, "no time left under --time-limit"));
                    continue;
                }

                seconds = Math.Min(BaselineSeconds, left);
                if (baseline is PairwiseCloudIlpSolver && PairwiseCloudIlpSolver.ColumnCount(problem) is var columns && columns > seconds * PairwiseCloudIlpSolver.ColumnsPerSecond)
                {
                    var reason = $"its ILP has {columns.ToString("N0", CultureInfo.InvariantCulture)} columns, more than CBC solves in its {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s share of --time-limit";
                    CliProgress.Report("plan", $"baseline {baseline.Name} left out: {reason}");
                    result.LeftOut.Add((baseline.Name, reason));
                    continue;
                }
            }

            var limited = options with { Objective = PlanningObjective.Cost, TimeLimitSeconds = seconds };
            SolverOutcome outcome;
            if (totalSeconds is null)
            {
                outcome = baseline.Solve(problem, limited);
            }
            else
            {
                // A baseline's own limit may not hold (CBC's root LP in the pairwise ILP): wait for it no longer than its share.
                var work = new BackgroundWork<SolverOutcome>("baseline " + baseline.Name, () => baseline.Solve(problem, limited));
                if (!work.Wait(seconds + MinBaselineSeconds))
                {
                    work.Abandon();
                    var share = seconds.ToString("0.00", CultureInfo.InvariantCulture);
                    CliProgress.Report("plan", $"baseline {baseline.Name} left out: not done within its {share} s share of --time-limit");
                    result.LeftOut.Add((baseline.Name, $"not done within its {share} s share of --time-limit"));
                    continue;
                }

                outcome = work.Result;
            }

            StageTimings.Mark($"baseline {baseline.Name}");
            if (outcome.Choice is not null)
            {
                result.Plans.Add((baseline, Planner.ToPlan(problem, baseline, outcome)));
            }
        }

        return result;
    }

    /// <summary>The baselines' plans, and those left out under --time-limit with the reason.</summary>
    private sealed record Baselines(List<(ISolver Solver, Plan Plan)> Plans, List<(string Name, string Reason)> LeftOut);

    private static void Print(CliConsole console, PlanningProblem problem, Plan plan, Baselines baselines, IReadOnlyList<NodeExplanation>? explanation, SolveOptions options)
    {
        var r = plan.Solver;
        console.Heading($"Plan for scenario {plan.ScenarioName}, solver {r.Name} ({r.Status})");
        var bound = r.LowerBoundUsd is { } lb ? $"; proven lower bound ${Usd(lb)} on the billed total; gap {Pct(r.Gap ?? 0)}" : "";
        console.Line($"objective {(options.Objective == PlanningObjective.Cost ? "cost" : "time")}: total ${Usd(plan.Cost.Totals.TotalUsd)}{bound}; estimated makespan {Makespan(r.Notes["makespan hours"])}");
        if (r.Status == "time-limit")
        {
            // Say plainly that the plan is not proven optimal, and how far from it it may be.
            var how = r.Notes.TryGetValue("fallback", out var fallback) ? fallback : "the solver stopped at the time limit";
            console.Line($"stopped by --time-limit: {how}; " + (r.Gap is { } g ? $"the plan is within {Pct(g)} of the optimum" : "no lower bound was proven, so the gap is unknown"));
        }
        console.Line();
        CostCommand.PrintLines(console, plan.Cost, "Placement");
        console.Line();
        console.Line("Savings against baselines (each re-priced with the cost model)");
        var table = new TextTable("baseline", ">total $", ">saving $", ">saving %", "note");
        foreach (var (solver, b) in baselines.Plans)
        {
            var saving = b.Cost.Totals.TotalUsd - plan.Cost.Totals.TotalUsd;
            var pct = b.Cost.Totals.TotalUsd == 0 ? 0 : (double)(saving / b.Cost.Totals.TotalUsd);
            var choice = problem.Choice(b.Assignment);
            var broken = choice is null ? [] : problem.Violations(choice);
            var note = broken.Count > 0 ? "breaks " + string.Join("; ", broken)
                : b.Solver.Notes.TryGetValue("location", out var at) ? "at " + at : "";
            table.Add(solver.Name, Usd(b.Cost.Totals.TotalUsd), Usd(saving), Pct(pct), note);
        }

        foreach (var (name, reason) in baselines.LeftOut)
        {
            table.Add(name, "-", "-", "-", "left out: " + reason);
        }

        console.Table(table);
        console.Line();
        if (explanation is null)
        {
            console.Line("Explanation left out: no time left for it under --time-limit");
            return;
        }

        PrintExplanation(console, explanation);
    }

    private static void PrintPareto(CliConsole console, PlanningProblem problem, IReadOnlyList<ParetoPoint> points)
    {
        console.Line();
        console.Line("Cost/makespan frontier (each plan is the cheapest meeting a deadline just below the previous one's makespan)");
        var unit = DurationText.UnitFor(points.Select(p => p.MakespanHours * 3600));
        var t = new TextTable(">cost $", $">makespan {unit.Symbol}", "placement");
        foreach (var p in points)
        {
            var priced = Plan.Create(problem.Model, problem.Assignment(p.Choice), SolverReport.Empty);
            t.Add(Usd(priced.Cost.Totals.TotalUsd), DurationText.Number(p.MakespanHours * 3600, unit),
                string.Join(" ", problem.Nodes.Select(n => $"{n.Name}={n.Candidates[p.Choice[n.Index]].Location}")));
        }

        console.Table(t);
    }

    public static void PrintExplanation(CliConsole console, IReadOnlyList<NodeExplanation> explanation)
    {
        console.Line("Explanation (switching one node, the rest of the plan unchanged; + means the switch costs more)");
        var t = new TextTable("node", "chosen", "best alternative", ">compute $", ">egress $", ">storage $", ">total $", "forced by");
        foreach (var e in explanation)
        {
            t.Add(e.Node, e.Chosen.ToString(), e.Alternative?.ToString() ?? "(none)", Delta(e.ComputeDeltaUsd), Delta(e.EgressDeltaUsd), Delta(e.StorageDeltaUsd), Delta(e.TotalDeltaUsd), e.ForcedBy ?? "-");
        }

        console.Table(t);
    }

    /// <summary>The solver's makespan note (hours, invariant) in the unit that fits it.</summary>
    private static string Makespan(string hours) =>
        double.TryParse(hours, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) ? DurationText.Format(h * 3600) : hours + " h";

    private static string Delta(decimal? usd) => usd is { } v ? (v > 0 ? "+" : "") + Usd(v) : "-";

    private static string Usd(decimal usd) => CostReport.Usd(usd);

    private static string Pct(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static T Bad<T>(List<Problem> problems, string field, string message, string hint, T fallback)
    {
        problems.Add(new Problem("command line", 0, 0, field, message, hint));
        return fallback;
    }

    /// <summary>Parses a duration such as 90m, 2h, 1.5h, 3600s or 1d into hours; a bare number is hours.</summary>
    public static decimal? ParseHours(string text, List<Problem> problems)
    {
        var t = text.Trim().ToLowerInvariant();
        var (number, factor) = t.EndsWith('d') ? (t[..^1], 24m) : t.EndsWith('h') ? (t[..^1], 1m) : t.EndsWith('m') ? (t[..^1], 1m / 60) : t.EndsWith('s') ? (t[..^1], 1m / 3600) : (t, 1m);
        if (!decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            problems.Add(new Problem("command line", 0, 0, "--deadline", $"'{text}' is not a duration", "e.g. --deadline 90m, 2h or 1.5h"));
            return null;
        }

        if (value > ScenarioLimits.MaxDeadlineHours / factor)
        {
            problems.Add(new Problem("command line", 0, 0, "--deadline", $"'{text}' is out of range", $"give a duration above 0 and at most {ScenarioLimits.Text(ScenarioLimits.MaxDeadlineHours)} hours"));
            return null;
        }

        return value * factor;
    }
}
