using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Planning;
using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>
/// The MILP's stages on one realistic scenario, run twice in one process (the second warm): model build (by part),
/// assignment bound, LP stage (wall and CPU seconds), rounding. <c>realistic-lp NODES SEED --build-only N</c> builds the
/// model N times and nothing else.
/// </summary>
internal static class RealisticLpProbe
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var nodes = args.Length > 0 ? int.Parse(args[0], inv) : 200;
        var seed = args.Length > 1 ? int.Parse(args[1], inv) : 1;
        var configs = new[] { "rate-levels" };
        var pricing = Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null));
        var scenario = PlannerBench.RealisticScenario(nodes, seed);
        var problem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(scenario), pricing), new NetworkModel(pricing));
        if (args.Length > 3 && args[2] == "--build-only")
        {
            // The model build alone, repeated (the first run pays the JIT): what the "model" stage costs.
            for (var i = 0; i < int.Parse(args[3], inv); i++)
            {
                var w = Stopwatch.StartNew();
                var built = Build(problem);
                Console.WriteLine($"build {w.Elapsed.TotalSeconds:0.000} s rows {built.Lp.Rows}");
            }

            return 0;
        }

        var ls = Stopwatch.StartNew();
        var sc = new LocalSearchSolver().Solve(problem, new SolveOptions(PlanningObjective.Cost, 60, 0)).Choice!;
        Console.WriteLine($"seed {problem.BilledCostUsd(sc):0.000} feasible {problem.IsFeasible(sc)} in {ls.Elapsed.TotalSeconds:0.00} s");
        foreach (var config in configs.Concat(configs))
        {
            var clock = Stopwatch.StartNew();
            var f = Build(problem);
            var build = clock.Elapsed.TotalSeconds;
            var ab = f.AssignmentBound();
            Console.WriteLine($"assignment bound {ab:0.000} ({(problem.BilledCostUsd(sc) - ab) / problem.BilledCostUsd(sc) * 100:0.000} % below the seed) in {clock.Elapsed.TotalSeconds - build:0.000} s");
            clock.Restart();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var proof = LpBoundEngine.Prove(f.Lp, double.MaxValue, 300, f.PointOf(sc), relaxed => problem.MeetsBudgetAndDeadline(f.ChoiceOf(relaxed)));
            var lp = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"lp cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:0.000}");
            var rounded = proof.Primal is { } pr ? f.ChoiceOf(pr) : null;
            Console.WriteLine($"{config,-14} build {build,6:0.00} s  lp {lp,6:0.00} s  bound {proof.Bound + f.Lp.ObjectiveConstant:0.000} optimal {proof.LpOptimal} iters {proof.Iterations} rounds {proof.Rounds} rows {proof.RowsLoaded}/{f.Lp.Rows} nz {f.Lp.NonZeros}"
                + (rounded is null ? "" : $" rounded {problem.BilledCostUsd(rounded):0.000} feasible {problem.IsFeasible(rounded)}"));
            if (rounded is not null)
            {
                Console.WriteLine("  violations: " + string.Join("; ", problem.Violations(rounded)));
                var pr2 = proof.Primal!;
                var fractional = problem.Nodes.Count(n => f.CandidateValues(pr2, n.Index).Max() < 1 - 1e-6);
                Console.WriteLine($"  fractional nodes: {fractional}");
            }
        }

        return 0;
    }

    internal static MilpModel Build(PlanningProblem problem)
    {
        var sw = Stopwatch.StartNew();
        var f = new MilpModel(problem, MilpFormulation.RateLevels);
        var t0 = sw.Elapsed.TotalSeconds;
        f.BuildCost();
        var t1 = sw.Elapsed.TotalSeconds;
        f.Lp.DeferNewRows = true;
        var makespan = problem.Constraints.DeadlineHours is not null ? f.BuildTime() : -1;
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
        var t2 = sw.Elapsed.TotalSeconds;
        f.BuildConstraints();
        Console.WriteLine($"build: ctor {t0:0.000} cost {t1 - t0:0.000} time+budget {t2 - t1:0.000} constraints {sw.Elapsed.TotalSeconds - t2:0.000}; lazy {f.Lp.LazyRows} deferred {f.Lp.DeferredRows}");
        return f;
    }
}
