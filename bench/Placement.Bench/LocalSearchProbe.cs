using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Planning;
using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>
/// The MILP's two local-search stages on one realistic scenario (<c>bench local-search-probe NODES [SEED] [--repeat N] [--time-limit S] [--no-rounding] [--budget USD]</c>):
/// the warm start (<see cref="LocalSearchSolver.Solve"/>) and the LP rounding (<see cref="LocalSearchSolver.Improve"/> from
/// the rounded LP relaxation, computed once and cached under /tmp, so a before/after pair starts from the same plan).
/// Prints wall and CPU seconds, the billed cost, feasibility and the search's notes, per run.
/// </summary>
internal static class LocalSearchProbe
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var nodes = args.Length > 0 ? int.Parse(args[0], Inv) : 200;
        var seed = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], Inv) : 1;
        var repeat = Option(args, "--repeat") is { } r ? int.Parse(r, Inv) : 2;
        var limit = Option(args, "--time-limit") is { } t ? double.Parse(t, Inv) : 120.0;
        var skipRounding = args.Contains("--no-rounding");
        var pricing = Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null));
        var scenario = PlannerBench.RealisticScenario(nodes, seed);
        var problem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(scenario), pricing), new NetworkModel(pricing));
        if (Option(args, "--budget") is { } b)
        {
            // An unreachable budget keeps the plan infeasible: times the repairing descent (every node, every candidate).
            problem = problem.WithConstraints(problem.Constraints with { BudgetUsd = decimal.Parse(b, Inv) });
            skipRounding = true;
        }

        Console.WriteLine($"real-{nodes} seed {seed}: {problem.NodeCount} nodes, {problem.Nodes.Max(n => n.Candidates.Count)} candidates at most, crossable meters {problem.Meters.Crossable.Count}");
        var options = new SolveOptions(PlanningObjective.Cost, limit, 0);
        var rounded = skipRounding ? null : Rounded(problem, nodes, seed, options);
        for (var k = 0; k < repeat; k++)
        {
            Time("warm start", problem, () => new LocalSearchSolver().Solve(problem, options));

            // As MilpSolver runs it under a time limit: from the constructive plan instead of the best baseline.
            Time("from constructive", problem, () => new LocalSearchSolver().Improve(problem, FeasibleStart.Build(problem, () => false), options));
            if (rounded is not null)
            {
                Console.WriteLine($"  rounded LP plan {problem.BilledCostUsd(rounded):0.000000} feasible {problem.IsFeasible(rounded)}");
                Time("lp rounding", problem, () => new LocalSearchSolver().Improve(problem, rounded, options));
            }
        }

        return 0;
    }

    private static void Time(string stage, PlanningProblem problem, Func<SolverOutcome> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (allocated, collections) = (GC.GetTotalAllocatedBytes(true), GC.CollectionCount(0));
        var clock = Stopwatch.StartNew();
        var outcome = run();
        var wall = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var (mb, gcs) = ((GC.GetTotalAllocatedBytes(true) - allocated) / 1e6, GC.CollectionCount(0) - collections);
        var c = outcome.Choice!;
        Console.WriteLine($"  {stage,-17} wall {wall,7:0.000} s cpu {cpuSeconds,7:0.000} s cost {problem.BilledCostUsd(c):0.000000} feasible {problem.IsFeasible(c)} alloc {mb:0} MB gen0 {gcs} "
            + string.Join(" ", outcome.Notes.Select(n => $"{n.Key}={n.Value}")));
        Console.Out.Flush();
    }

    /// <summary>The rounded LP relaxation's plan, from /tmp/ls-rounded-NODES-SEED.txt when an earlier run cached it.</summary>
    private static int[]? Rounded(PlanningProblem problem, int nodes, int seed, SolveOptions options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ls-rounded-{nodes}-{seed}.txt");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Split(',').Select(x => int.Parse(x, Inv)).ToArray();
        }

        // As MilpSolver runs the LP stage at --gap 0.1: seeded with the warm start, stopping at the bound that proves it.
        var warm = new LocalSearchSolver().Solve(problem, options).Choice!;
        var f = RealisticLpProbe.Build(problem);
        var target = OptimalityTolerance.Target(problem.BilledCostUsd(warm), 0.001) - f.Lp.ObjectiveConstant;
        var proof = LpBoundEngine.Prove(f.Lp, target, 600, f.PointOf(warm), relaxed => problem.IsFeasible(f.ChoiceOf(relaxed)));
        if (proof.Primal is null)
        {
            Console.WriteLine("  the LP stage returned no primal point: no LP rounding stage");
            return null;
        }

        var choice = f.ChoiceOf(proof.Primal);
        File.WriteAllText(path, string.Join(",", choice));
        return choice;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
