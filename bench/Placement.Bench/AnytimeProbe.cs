using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Planning;
using Placement.Planning.Baselines;
using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>Times the stages an anytime plan can be made of on a realistic scenario (<c>bench anytime NODES SEED</c>).</summary>
internal static class AnytimeProbe
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var nodes = args.Length > 0 ? int.Parse(args[0], inv) : 1000;
        var seed = args.Length > 1 ? int.Parse(args[1], inv) : 1;
        var pricing = Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null));
        if (args.Length > 2 && args[2] == "milp")
        {
            var limit = double.Parse(args[3], inv);
            var p0 = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(PlannerBench.RealisticScenario(nodes, seed)), pricing), new NetworkModel(pricing));
            var sw = Stopwatch.StartNew();
            var o = new MilpSolver(new LocalSearchSolver()).Solve(p0, new SolveOptions(PlanningObjective.Cost, limit));
            Console.WriteLine($"milp limit {limit}: {sw.Elapsed.TotalSeconds:0.000} s {o.Status} {o.ObjectiveValue:0.00} bound {o.LowerBound:0.00}");
            foreach (var kv in o.Notes) Console.WriteLine($"  {kv.Key}: {kv.Value}");
            var ls = new LocalSearchSolver().Improve(p0, FeasibleStart.Build(p0, () => false), new SolveOptions(PlanningObjective.Cost, limit));
            foreach (var kv in ls.Notes) Console.WriteLine($"  ls {kv.Key}: {kv.Value}");
            return 0;
        }

        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            double Lap() { var s = clock.Elapsed.TotalSeconds; clock.Restart(); return s; }
            var scenario = PlannerBench.RealisticScenario(nodes, seed);
            var problem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(scenario), pricing), new NetworkModel(pricing));
            Console.WriteLine($"round {round}: problem build {Lap():0.000} s");
            var cheapest = new CheapestComputeSolver().Solve(problem, SolveOptions.Default).Choice!;
            Console.WriteLine($"cheapest {Lap():0.000} s feasible {problem.IsFeasible(cheapest)} cost {problem.BilledCostUsd(cheapest):0.00} makespan {problem.MakespanHours(cheapest):0.00} deadline {problem.Constraints.DeadlineHours}");
            foreach (var v in problem.Violations(cheapest)) Console.WriteLine("  " + v);
            Console.WriteLine($"min run sum {problem.Nodes.Sum(n => (double)n.RunUsd.Min()):0.00} crossable {problem.Meters.AnyCrossable}");
            var f0 = new MilpModel(problem, MilpFormulation.RateLevels, true);
            f0.BuildCost();
            f0.BuildConstraints();
            Console.WriteLine($"model build {Lap():0.000} s rows {f0.Lp.Rows} cols {f0.Lp.Columns}");
            Console.WriteLine($"assignment bound {f0.AssignmentBound():0.00} {Lap():0.000} s");
            Console.WriteLine($"floor {problem.CostFloorUsd():0.00} {Lap():0.000} s pairs {problem.Nodes.Sum(n => n.Candidates.Count)}");
            var fs = FeasibleStart.Build(problem, () => false);
            Console.WriteLine($"feasible start {Lap():0.000} s feasible {problem.IsFeasible(fs)} cost {problem.BilledCostUsd(fs):0.00}");
            foreach (var v in problem.Violations(fs)) Console.WriteLine("  " + v);
            var fsl = new LocalSearchSolver().Improve(problem, fs, new SolveOptions(PlanningObjective.Cost, 5));
            Console.WriteLine($"local search from it (limit 5) {Lap():0.000} s feasible {problem.IsFeasible(fsl.Choice!)} cost {fsl.ObjectiveValue:0.00} {string.Join(", ", fsl.Notes.Select(kv => kv.Key + "=" + kv.Value))}");
            if (args.Length > 2) return 0;
            var repair = new ConstraintRepair(problem);
            Console.WriteLine($"repair index {Lap():0.000} s");
            var c = (int[])cheapest.Clone();
            var moves = repair.Repair(c, LocalSearchSolver.ViolationPenaltyUsd, () => false);
            Console.WriteLine($"repair {Lap():0.000} s moves {moves} feasible {problem.IsFeasible(c)} cost {problem.BilledCostUsd(c):0.00}");
            var ls = new LocalSearchSolver().Solve(problem, SolveOptions.Default);
            Console.WriteLine($"local search {Lap():0.000} s feasible {problem.IsFeasible(ls.Choice!)} cost {ls.ObjectiveValue:0.00} {string.Join(", ", ls.Notes.Select(kv => kv.Key + "=" + kv.Value))}");
        }

        return 0;
    }
}
