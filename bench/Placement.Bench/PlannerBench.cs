using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Planning;
using Placement.Planning.Baselines;
using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>
/// The planner benchmark: seeded scenarios of each shape and size, solved by the tree DP (where it applies),
/// the MILP (and its big-M formulation, milp-bigm), the pairwise cloud-level ILP (SkyPilot-style) and local search, in one process. Prints seconds,
/// status, proven gap, the cost of each plan relative to the MILP's, and each solver's time relative to the
/// pairwise ILP and to the MILP (sub-second solves: the median of up to 5 runs); --notes adds each solver's notes (bound, LP stage, fixing).
/// The solvers are JIT-compiled on a small instance first (--cold: not).
/// </summary>
internal static class PlannerBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The pairwise ILP is skipped above this many columns (its model alone takes tens of seconds to build and solve).</summary>
    private const long MaxPairwiseColumns = 250_000;

    /// <summary>With --solvers a,b: only these solvers run (a treewidth-dp row matches treewidth-dp).</summary>
    private static string[]? solvers;

    private static bool Wanted(string name) => solvers is null || solvers.Any(s => name == s || name.StartsWith(s + " ", StringComparison.Ordinal));

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var timeLimit = Option(args, "--time-limit") is { } t ? double.Parse(t, Inv) : 10.0;
        var seed = Option(args, "--seed") is { } s ? int.Parse(s, Inv) : 1;
        var notes = args.Contains("--notes");
        var relativeGap = Option(args, "--gap") is { } g ? double.Parse(g, Inv) / 100 : 0;
        var tiered = args.Contains("--tiers");
        var wfDir = Option(args, "--wfinstances") ?? FindWfInstances();
        solvers = Option(args, "--solvers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var cases = new List<(string Shape, Func<Scenario> Make, int Candidates)>();
        void Add(string shape, Func<int, int, Scenario> make, int n, int c) => cases.Add((shape, () => make(n, seed), c));
        if (args.Contains("--realistic"))
        {
            // Issue 13's generator targets: 200 nodes exact (or within 0.1 %) < 5 s, 1,000 nodes within 1 % < 30 s;
            // real pricing (candidates: 0 marks it), every endpoint kind and constraint family.
            foreach (var n in new[] { 200, 1000 })
            {
                cases.Add(($"real-{n}", () => RealisticScenario(n, seed), 0));
            }

            wfDir = null;
        }
        else if (args.Contains("--scale"))
        {
            // Issue 13's planner targets: exact 1,000 x 50 (< 2 s), 10,000 x 20 within 1 % (< 10 s); pair with --only and --gap.
            Add("scale-1k-layered", PlannerScenarios.Layered, 1000, 50);
            Add("scale-1k-diamond", PlannerScenarios.Diamond, 1000, 50);
            Add("scale-10k-layered", PlannerScenarios.Layered, 10000, 20);
            Add("scale-10k-diamond", PlannerScenarios.Diamond, 10000, 20);
            wfDir = null;
        }
        else if (quick)
        {
            Add("chain", PlannerScenarios.Chain, 10, 5);
            Add("chain", PlannerScenarios.Chain, 1000, 20);
            Add("tree", PlannerScenarios.InTree, 1000, 20);
            Add("diamond", PlannerScenarios.Diamond, 200, 50);
            Add("series-par", PlannerScenarios.SeriesParallel, 200, 20);
            Add("series-par", PlannerScenarios.SeriesParallel, 1000, 20);
            Add("layered", PlannerScenarios.Layered, 200, 50);
        }
        else
        {
            Add("chain", PlannerScenarios.Chain, 10, 5);
            Add("chain", PlannerScenarios.Chain, 200, 50);
            Add("chain", PlannerScenarios.Chain, 1000, 20);
            Add("chain", PlannerScenarios.Chain, 1000, 60);
            Add("chain", PlannerScenarios.Chain, 2000, 60);
            Add("tree", PlannerScenarios.InTree, 200, 50);
            Add("tree", PlannerScenarios.InTree, 1000, 20);
            Add("tree", PlannerScenarios.InTree, 1000, 60);
            Add("diamond", PlannerScenarios.Diamond, 100, 20);
            Add("diamond", PlannerScenarios.Diamond, 200, 50);
            Add("diamond", PlannerScenarios.Diamond, 1000, 20);
            Add("series-par", PlannerScenarios.SeriesParallel, 200, 20);
            Add("series-par", PlannerScenarios.SeriesParallel, 1000, 20);
            Add("series-par", PlannerScenarios.SeriesParallel, 1000, 60);
            Add("layered", PlannerScenarios.Layered, 50, 5);
            Add("layered", PlannerScenarios.Layered, 200, 50);
            Add("layered", PlannerScenarios.Layered, 1000, 20);
            Add("layered", PlannerScenarios.Layered, 2000, 20);
        }

        if (wfDir is not null)
        {
            foreach (var file in Directory.GetFiles(wfDir, "*.json").Order(StringComparer.Ordinal))
            {
                if (quick && !file.Contains("montage", StringComparison.Ordinal))
                {
                    continue;
                }

                cases.Add(("wf:" + Path.GetFileNameWithoutExtension(file).Split('-')[0], () => PlannerWfCommons.Load(file, 1000), 20));
                if (file.Contains("bwa", StringComparison.Ordinal) && !quick)
                {
                    cases.Add(("wf:bwa", () => PlannerWfCommons.Load(file, 1000), 50));
                }
            }
        }

        Console.WriteLine($"planner benchmark: seed {seed}, time limit {timeLimit.ToString(Inv)} s per MILP/ILP solve, {Environment.ProcessorCount} cores{(tiered ? ", internet egress with volume tiers (--tiers)" : string.Empty)}");
        Console.WriteLine("cost/milp = the plan's billed cost over the MILP plan's; vs pairwise / vs milp = this solver's seconds over theirs (lower is faster).");
        Console.WriteLine();
        var header = $"{"shape",-14} {"nodes",6} {"cands",5} {"solver",-18} {"seconds",9} {"status",-10} {"gap",8} {"cost $",11} {"cost/milp",9} {"vs pairwise",11} {"vs milp",9}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        var only = Option(args, "--only");
        if (!args.Contains("--cold"))
        {
            WarmUp(seed);
        }

        foreach (var (shape, make, candidates) in cases.Where(c => only is null || c.Shape.Contains(only, StringComparison.Ordinal)))
        {
            RunCase(shape, make(), candidates, seed, timeLimit, relativeGap, notes, tiered);
        }

        return 0;
    }

    /// <summary>The real catalogue (pricing-data/), loaded once.</summary>
    private static readonly Lazy<Placement.Core.Pricing.PricingCatalog> RealPricing = new(() => Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null)));

    /// <summary>A <see cref="RealisticScenarios"/> scenario loaded (and validated) the way the CLI loads it.</summary>
    public static Scenario RealisticScenario(int nodes, int seed)
    {
        var loaded = Placement.Data.Scenarios.ScenarioLoader.Load(RealisticScenarios.Yaml(nodes, seed, RealPricing.Value), $"realistic-{nodes}.yaml", RealPricing.Value);
        return loaded.Ok ? loaded.Value! : throw new InvalidOperationException("the generated scenario does not load: " + string.Join("; ", loaded.Problems.Take(5)));
    }

    private static void RunCase(string shape, Scenario scenario, int candidates, int seed, double timeLimit, double relativeGap, bool notes, bool tiered)
    {
        var pricing = candidates == 0 ? RealPricing.Value : PlannerCatalog.Build(candidates, seed, tiered);
        var model = new CostModel(WorkflowGraph.Build(scenario), pricing);
        var problem = PlanningProblem.Build(model, new NetworkModel(pricing));
        var options = new SolveOptions(PlanningObjective.Cost, timeLimit, relativeGap);
        var cands = problem.Nodes.Max(n => n.Candidates.Count);
        var meterClock = Stopwatch.StartNew();
        var crossable = problem.Meters.Crossable.Count;
        var meterSeconds = meterClock.Elapsed.TotalSeconds;
        var results = new List<(string Name, double Seconds, SolverOutcome Outcome)>();
        var cpuSeconds = new Dictionary<string, double>(StringComparer.Ordinal);
        void Time(string name, ISolver solver)
        {
            if (!Wanted(name))
            {
                return;
            }

            // Sub-second solves are repeated (up to 5 runs, 1 s in all) and the median is reported, so a
            // collection or JIT pause in one run does not decide a ratio; solves of a second or more run once.
            var seconds = new List<double>();
            var cpu = new List<double>();
            SolverOutcome outcome;
            do
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                outcome = solver.Solve(problem, options);
                seconds.Add(clock.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            }
            while (seconds.Count < 5 && seconds.Sum() < 1.0);

            results.Add((name, seconds.Order().ElementAt(seconds.Count / 2), outcome));

            // The process's CPU seconds during the solve (JIT and GC threads included): on the shared, loaded machine
            // the wall clock also counts the time other processes held the cores.
            cpuSeconds[name] = cpu.Order().ElementAt(cpu.Count / 2);
        }

        // The DPs as the CLI runs them: exact for the bill through TierCertifiedSolver (a no-op without crossable tiers).
        var dp = new TierCertifiedSolver(new TreeDpSolver());
        if (dp.Applies(problem, options))
        {
            Time("dp", dp);
        }

        var treewidth = new TierCertifiedSolver(new TreewidthDpSolver());
        var estimate = new TreewidthDpSolver().Estimate(problem.FirstTierModel(), options);
        if (estimate.Applies && Wanted("treewidth-dp"))
        {
            Time($"treewidth-dp w{estimate.InducedWidth}", treewidth);
        }

        Time("milp", new MilpSolver(new LocalSearchSolver()));
        if (tiered)
        {
            // The same scenario priced without the tiers (today's first-tier model): what tier-exactness costs, same process.
            var flat = PlannerCatalog.Build(candidates, seed);
            var flatProblem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(scenario), flat), new NetworkModel(flat));
            var flatMilp = new MilpSolver(new LocalSearchSolver());
            Time("milp untiered", new FixedProblemSolver(flatMilp, flatProblem));
        }

        Time("milp-bigm", new MilpSolver(new LocalSearchSolver(), MilpFormulation.BigM));
        var pairColumns = PairwiseCloudIlpSolver.ColumnCount(problem);
        if (pairColumns <= MaxPairwiseColumns && Wanted("pairwise-cloud-ilp"))
        {
            Time("pairwise-cloud-ilp", new PairwiseCloudIlpSolver());
        }
        Time("local-search", new LocalSearchSolver());
        var milp = results.FirstOrDefault(r => r.Name == "milp") is { Name: not null } m ? m : results[0];
        var pairwise = results.FirstOrDefault(r => r.Name == "pairwise-cloud-ilp");
        var milpCost = milp.Outcome.Choice is { } mc ? problem.BilledCostUsd(mc) : double.NaN;
        foreach (var (name, seconds, outcome) in results)
        {
            var cost = outcome.Choice is { } c ? problem.BilledCostUsd(c) : double.NaN;
            var gap = outcome.LowerBound is { } lb && outcome.ObjectiveValue is { } obj && obj > 0 ? Math.Max(0, (obj - lb) / obj) : double.NaN;
            Console.WriteLine(
                $"{shape,-14} {problem.NodeCount,6} {cands,5} {name,-18} {seconds,9:0.000} {outcome.Status,-10} {(double.IsNaN(gap) ? "-" : (gap * 100).ToString("0.00", Inv) + "%"),8} " +
                $"{cost,11:0.00} {cost / milpCost,9:0.0000} {(pairwise.Name is null || pairwise.Outcome.Choice is null ? "-" : (seconds / pairwise.Seconds).ToString("0.000", Inv)),11} {seconds / milp.Seconds,9:0.000}");
        }

        if (notes)
        {
            var again = Stopwatch.StartNew();
            EgressMeters.Build(problem);
            Console.WriteLine($"  egress meters: {problem.Meters.All.Count}, {crossable} can cross a tier; volume bounds built in {meterSeconds:0.0000} s (first, with JIT), {again.Elapsed.TotalSeconds:0.0000} s (again)");
            foreach (var (name, _, outcome) in results)
            {
                Console.WriteLine($"  {name}: cpu={cpuSeconds.GetValueOrDefault(name):0.000} s; obj={outcome.ObjectiveValue:0.000000} lb={outcome.LowerBound:0.000000} cost={(outcome.Choice is { } ch ? problem.BilledCostUsd(ch) : double.NaN):0.000000}; {string.Join("; ", outcome.Notes.Select(n => n.Key + "=" + n.Value))}");
            }
        }

        if (tiered)
        {
            Console.WriteLine($"{shape,-14} {problem.NodeCount,6} {cands,5} {"tiers",-18} {problem.Meters.Crossable.Count} of {problem.Meters.All.Count} meters can cross a tier; milp: {milp.Outcome.Notes.GetValueOrDefault("egress")}, {milp.Outcome.Notes.GetValueOrDefault("columns")} columns");
            foreach (var (name, _, outcome) in results.Where(r => r.Outcome.Notes.ContainsKey("tiers")))
            {
                Console.WriteLine($"{shape,-14} {problem.NodeCount,6} {cands,5} {name,-18} {outcome.Notes["tiers"]}");
            }
        }

        if (!estimate.Applies && Wanted("treewidth-dp"))
        {
            Console.WriteLine($"{shape,-14} {problem.NodeCount,6} {cands,5} {"treewidth-dp",-18} skipped: {estimate.Refusal}");
        }

        if (pairwise.Name is null && Wanted("pairwise-cloud-ilp"))
        {
            Console.WriteLine($"{shape,-14} {problem.NodeCount,6} {cands,5} {"pairwise-cloud-ilp",-18} skipped: {pairColumns} columns (limit {MaxPairwiseColumns})");
        }

        Console.Out.Flush();
    }

    /// <summary>
    /// Solves a 10-node chain (flat and tiered egress) with the MILP in both formulations and local search, untimed,
    /// so the first timed case does not pay the JIT of the planner's code (about 1.5 s on the loaded 2-core
    /// machine, measured on layered 1000 x 51: model 1.9 s cold, 0.36 s warm). --cold skips it.
    /// </summary>
    private static void WarmUp(int seed)
    {
        foreach (var tiered in new[] { false, true })
        {
            var pricing = PlannerCatalog.Build(5, seed, tiered);
            var scenario = PlannerScenarios.Layered(12, seed);
            var problem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(scenario), pricing), new NetworkModel(pricing));
            foreach (var solver in new ISolver[] { new MilpSolver(new LocalSearchSolver()), new MilpSolver(new LocalSearchSolver(), MilpFormulation.BigM), new LocalSearchSolver() })
            {
                solver.Solve(problem, SolveOptions.Default);
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? FindWfInstances()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "wfinstances");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
