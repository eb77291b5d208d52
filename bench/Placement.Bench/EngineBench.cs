using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Core.Timing;
using Placement.Planning;
using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>
/// CBC against SCIP behind the MILP's LP stage (<c>bench engines</c>): the hard family (<see cref="HardScenarios"/>:
/// GPU caps, anti-affinity, colocate, budget, deadline) and the LP-proven family (the same DAGs unconstrained) at
/// 200 and 1,000 nodes, in one process. Per case it prints the root LP bound (the relaxation of the model branch
/// and bound starts from) and its gap to the best plan found, then each engine's seconds, status, proven gap and
/// billed cost, and each engine's seconds over CBC's.
/// </summary>
internal static class EngineBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>--no-root: skip the root LP probe (it runs the warm start and the LP stage a second time).</summary>
    private static bool NoRoot { get; set; }

    public static int Run(string[] args)
    {
        NoRoot = args.Contains("--no-root");
        var timeLimit = Option(args, "--time-limit") is { } t ? double.Parse(t, Inv) : 60.0;
        var seed = Option(args, "--seed") is { } s ? int.Parse(s, Inv) : 1;
        var only = Option(args, "--only");

        // --without budget,aa,colo,gpu drops constraint kinds from the hard family, to see which make it hard.
        var drop = Option(args, "--without") ?? string.Empty;
        var engines = (Option(args, "--engines") ?? "cbc,scip").Split(',').Select(e => BranchAndBoundEngines.Parse(e) ?? throw new ArgumentException($"--engines: unknown engine {e}")).ToList();
        // --rows plain,strong: the side-constraint rows as before (plain) and with MilpSolver.StrongSideRows (strong), in one run.
        var rows = (Option(args, "--rows") ?? "plain,strong").Split(',').Select(r => r switch
        {
            "plain" => false,
            "strong" => true,
            _ => throw new ArgumentException($"--rows: unknown side rows {r} (plain, strong)"),
        }).ToList();
        var hardCands = Option(args, "--hard-cands") is { } hc ? int.Parse(hc, Inv) : 0;
        var cases = new List<(string Family, string Shape, Func<int, int, Scenario> Make, int Nodes, int Candidates)>();
        foreach (var family in new[] { "hard", "hard-nodl", "lp-proven" })
        {
            var sizes = Option(args, "--nodes") is { } ns ? ns.Split(',').Select(x => int.Parse(x, Inv)).ToArray() : [200, 1000];
            int Cands(int plain) => hardCands > 0 && family != "lp-proven" ? hardCands : plain;
            foreach (var n in sizes)
            {
                cases.Add((family, "diamond", PlannerScenarios.Diamond, n, Cands(n <= 200 ? 50 : 20)));
                cases.Add((family, "layered", PlannerScenarios.Layered, n, Cands(n <= 200 ? 50 : 20)));
            }
        }

        // JIT and native libraries loaded before anything is timed.
        foreach (var engine in engines)
        {
            new MilpSolver(new LocalSearchSolver()).Solve(Problem(PlannerScenarios.Chain(10, seed), PlannerCatalog.Build(5, seed)), new SolveOptions() with { Engine = engine });
        }

        Console.WriteLine($"engine benchmark: seed {seed}, time limit {timeLimit.ToString(Inv)} s per solve, {Environment.ProcessorCount} cores; SCIP {ScipVersion()}");
        Console.WriteLine("hard = GPU caps + anti-affinity + colocate + budget + deadline; hard-nodl = the same without the deadline; lp-proven = the DAG unconstrained.");
        Console.WriteLine("root gap = (best plan's billed cost - root LP bound) / best cost; vs cbc = seconds over CBC's (lower is faster).");
        Console.WriteLine();
        var header = $"{"family",-10} {"shape",-8} {"nodes",5} {"cands",5} {"rows",-6} {"engine",-7} {"seconds",8} {"status",-10} {"gap",8} {"cost $",11} {"root LP $",11} {"root gap",8} {"vs cbc",7}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var c in cases.Where(c => only is null || $"{c.Family}-{c.Shape}-{c.Nodes}".Contains(only, StringComparison.Ordinal)))
        {
            foreach (var strong in rows)
            {
                RunCase(c.Family, c.Shape, c.Make, c.Nodes, c.Candidates, seed, timeLimit, engines, drop, strong);
            }
        }

        return 0;
    }

    private static void RunCase(string family, string shape, Func<int, int, Scenario> make, int nodes, int candidates, int seed, double timeLimit, List<BranchAndBoundEngine> engines, string drop, bool strong)
    {
        var (problem, limits) = Build(family, make, nodes, candidates, seed, drop);
        var options = new SolveOptions(PlanningObjective.Cost, timeLimit, 0);
        var probe = new RootLpProbe();
        var rootClock = Stopwatch.StartNew();
        var rootOutcome = NoRoot
            ? new SolverOutcome(null, "skipped", null, null, new Dictionary<string, string>())
            : new MilpSolver(new LocalSearchSolver(), MilpFormulation.RateLevels, probe) { StrongSideRows = strong }.Solve(problem, options with { TimeLimitSeconds = Math.Max(60, timeLimit) });
        var rootSeconds = rootClock.Elapsed.TotalSeconds;
        var runs = new List<(BranchAndBoundEngine Engine, double Seconds, SolverOutcome Outcome)>();
        foreach (var engine in engines)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            var outcome = new MilpSolver(new LocalSearchSolver()) { StrongSideRows = strong }.Solve(problem, options with { Engine = engine });
            runs.Add((engine, clock.Elapsed.TotalSeconds, outcome));
        }

        var costs = runs.Where(r => r.Outcome.Choice is not null).Select(r => problem.BilledCostUsd(r.Outcome.Choice!)).ToList();
        var best = costs.Count > 0 ? costs.Min() : double.NaN;
        var root = probe.LastBound;
        var rootGap = double.IsNaN(root) ? "-" : double.IsNaN(best) ? "no plan" : ((best - root) / best * 100).ToString("0.00", Inv) + "%";
        var cbc = runs.FirstOrDefault(r => r.Engine == BranchAndBoundEngine.Cbc);
        foreach (var (engine, seconds, outcome) in runs)
        {
            var cost = outcome.Choice is { } ch ? problem.BilledCostUsd(ch) : double.NaN;
            var gap = outcome.LowerBound is { } lb && outcome.ObjectiveValue is { } obj && obj > 0 ? Math.Max(0, (obj - lb) / obj) : double.NaN;
            Console.WriteLine(
                $"{family,-10} {shape,-8} {problem.NodeCount,5} {problem.Nodes.Max(n => n.Candidates.Count),5} {(strong ? "strong" : "plain"),-6} {engine.ToString().ToLowerInvariant(),-7} {seconds,8:0.000} {outcome.Status,-10} " +
                $"{(double.IsNaN(gap) ? "-" : (gap * 100).ToString("0.00", Inv) + "%"),8} {cost,11:0.00} {(double.IsNaN(root) ? "-" : root.ToString("0.00", Inv)),11} {rootGap,8} " +
                $"{(cbc.Outcome is null ? "-" : (seconds / cbc.Seconds).ToString("0.000", Inv)),7}");
        }

        Console.WriteLine($"  {limits}; root LP (GLOP) {(NoRoot ? "skipped (--no-root)" : double.IsNaN(root) ? (rootOutcome.Notes.ContainsKey("lp-bound") ? "not reached (the LP stage proved the plan or used the time)" : "not solved") : "solved")} in {rootSeconds:0.00} s; lp stage: {runs[0].Outcome.Notes.GetValueOrDefault("lp-bound", "skipped (no feasible warm start)")}; columns {runs[0].Outcome.Notes.GetValueOrDefault("columns")}, rows {runs[0].Outcome.Notes.GetValueOrDefault("rows")}{(runs[0].Outcome.Notes.TryGetValue("side-rows", out var side) ? "; side rows: " + side : string.Empty)}; stages {WarmStart(runs[0].Outcome)}");
        Console.Out.Flush();
    }

    /// <summary>The case's problem; for the hard family with limits set from the deadline-free local-search plan.</summary>
    private static (PlanningProblem Problem, string Limits) Build(string family, Func<int, int, Scenario> make, int nodes, int candidates, int seed, string drop)
    {
        if (family == "lp-proven")
        {
            var flat = PlannerCatalog.Build(candidates, seed);
            return (Problem(make(nodes, seed), flat), "unconstrained");
        }

        var pricing = HardScenarios.Catalog(candidates, seed);
        var hard = HardScenarios.Make(make, nodes, seed);
        var reference = Problem(hard, pricing);
        var plan = new LocalSearchSolver().Solve(reference, SolveOptions.Default).Choice!;
        var makespan = reference.MakespanHours(plan);
        var cost = reference.BilledCostUsd(plan);
        var broken = reference.Violations(plan);
        var scenario = family == "hard" ? HardScenarios.WithLimits(hard, makespan, cost) : HardScenarios.WithLimits(hard, makespan, cost) with
        {
            Constraints = HardScenarios.WithLimits(hard, makespan, cost).Constraints with { DeadlineHours = null },
        };
        scenario = scenario with
        {
            Constraints = scenario.Constraints with
            {
                BudgetUsd = drop.Contains("budget", StringComparison.Ordinal) ? null : scenario.Constraints.BudgetUsd,
                AntiAffinity = drop.Contains("aa", StringComparison.Ordinal) ? [] : scenario.Constraints.AntiAffinity,
                Colocate = drop.Contains("colo", StringComparison.Ordinal) ? [] : scenario.Constraints.Colocate,
                DefaultMaxGpusPerLocation = drop.Contains("gpu", StringComparison.Ordinal) ? null : scenario.Constraints.DefaultMaxGpusPerLocation,
            },
        };
        var c = scenario.Constraints;
        var text = $"{hard.Nodes.Count(n => n.Endpoint is VmRequirement { GpuType: not null })} GPU nodes, cap {c.DefaultMaxGpusPerLocation} per location, {c.AntiAffinity.Count} anti-affinity groups, {c.Colocate.Count} colocate pairs, " +
            $"budget ${c.BudgetUsd}{(c.DeadlineHours is { } d ? $", deadline {d} h" : string.Empty)} (reference plan ${cost:0.00}, {makespan:0.00} h{(broken.Count > 0 ? ", breaking " + string.Join("; ", broken.Take(3)) : string.Empty)})";
        return (Problem(scenario, pricing), text);
    }

    private static PlanningProblem Problem(Scenario s, PricingCatalog pricing) =>
        PlanningProblem.Build(new CostModel(WorkflowGraph.Build(s), pricing), new NetworkModel(pricing));

    private static string WarmStart(SolverOutcome outcome) => outcome.Notes.TryGetValue("stages", out var t) ? t : "-";

    private static string ScipVersion()
    {
        using var solver = Google.OrTools.LinearSolver.Solver.CreateSolver("SCIP");
        return solver?.SolverVersion() ?? "unavailable";
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
