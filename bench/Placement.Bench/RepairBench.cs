using System.Diagnostics;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Core.Timing;
using Placement.Planning;

namespace Placement.Bench;

/// <summary>
/// The warm start on the hard family (<c>bench repair</c>): local search with its constraint repair
/// (<see cref="LocalSearchSolver"/>) on each hard case, as the MILP runs it (deadline and budget set from the
/// limit-free local-search plan, as in <see cref="EngineBench"/>). Prints seconds, whether the plan is feasible,
/// its billed cost and the repair moves, per case; the limit-free reference solve is timed too.
/// </summary>
internal static class RepairBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var seed = Option(args, "--seed") is { } s ? int.Parse(s, Inv) : 1;
        var limit = Option(args, "--time-limit") is { } t ? double.Parse(t, Inv) : 60.0;
        var sizes = Option(args, "--nodes") is { } ns ? ns.Split(',').Select(x => int.Parse(x, Inv)).ToArray() : [200, 1000];

        // JIT before anything is timed.
        Solve(HardScenarios.Make(PlannerScenarios.Diamond, 30, seed), HardScenarios.Catalog(10, seed), limit);
        Console.WriteLine($"repair benchmark: seed {seed}, time limit {limit.ToString(Inv)} s per solve, {Environment.ProcessorCount} cores");
        var header = $"{"case",-22} {"nodes",5} {"cands",5} {"stage",-9} {"seconds",8} {"feasible",8} {"cost $",10} {"rep/pol",9} {"violations",-40}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var n in sizes)
        {
            var candidates = n <= 200 ? 50 : 20;
            var pricing = HardScenarios.Catalog(candidates, seed);
            foreach (var (name, shape) in new (string, Func<int, int, Scenario>)[] { ("diamond", PlannerScenarios.Diamond), ("layered", PlannerScenarios.Layered) })
            {
                var hard = HardScenarios.Make(shape, n, seed);
                var (reference, refSeconds, refOutcome) = Solve(hard, pricing, limit);
                Print($"hard-nodl-{name}", reference, "reference", refSeconds, refOutcome);
                var plan = refOutcome.Choice!;
                var limited = HardScenarios.WithLimits(hard, reference.MakespanHours(plan), reference.BilledCostUsd(plan));
                var (p, seconds, outcome) = Solve(limited, pricing, limit);
                Print($"hard-{name}", p, "warm", seconds, outcome);
            }
        }

        return 0;
    }

    private static (PlanningProblem Problem, double Seconds, SolverOutcome Outcome) Solve(Scenario s, PricingCatalog pricing, double limit)
    {
        var problem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(s), pricing), new NetworkModel(pricing));
        var clock = Stopwatch.StartNew();
        var outcome = new LocalSearchSolver().Solve(problem, new SolveOptions(PlanningObjective.Cost, limit, 0));
        return (problem, clock.Elapsed.TotalSeconds, outcome);
    }

    private static void Print(string name, PlanningProblem p, string stage, double seconds, SolverOutcome o)
    {
        var feasible = o.Choice is { } c && p.Violations(c).Count == 0;
        var violations = o.Notes.GetValueOrDefault("violations", "-");
        Console.WriteLine($"{name,-22} {p.NodeCount,5} {p.Nodes.Max(n => n.Candidates.Count),5} {stage,-9} {seconds,8:0.000} {(feasible ? "yes" : "no"),8} {o.ObjectiveValue ?? double.NaN,10:0.00} {o.Notes.GetValueOrDefault("repair-moves", "0") + "/" + o.Notes.GetValueOrDefault("polish-moves", "0"),9} {(violations.Length > 40 ? violations[..40] : violations),-40}"
            + (o.Notes.ContainsKey("time-limit") ? " (time limit)" : string.Empty));
        Console.Out.Flush();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
