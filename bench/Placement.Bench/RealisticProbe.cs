using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using Placement.Planning;
using Placement.Planning.Milp;

namespace Placement.Bench;

/// <summary>Prints the structure of a realistic scenario's planning problem (locations, egress rate classes, model sizes).</summary>
internal static class RealisticProbe
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var nodes = args.Length > 0 ? int.Parse(args[0], inv) : 200;
        var seed = args.Length > 1 ? int.Parse(args[1], inv) : 1;
        var pricing = Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null));
        var scenario = PlannerBench.RealisticScenario(nodes, seed);
        var problem = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(scenario), pricing), new NetworkModel(pricing));
        var n = problem.Locations.Count;
        Console.WriteLine($"locations {n}, nodes {problem.NodeCount}, items {problem.Items.Count}, candidates {problem.Nodes.Sum(x => x.Candidates.Count)}");
        Console.WriteLine($"locations per node: mean {problem.Nodes.Average(x => x.Locations.Length):0.0}, max {problem.Nodes.Max(x => x.Locations.Length)}; native {problem.Nodes.Count(x => x.IsNative)}");
        Console.WriteLine($"readers per item: mean {problem.Items.Average(i => i.Readers.Count):0.00}, max {problem.Items.Max(i => i.Readers.Count)}; anchored {problem.Items.Count(i => i.AnchorNode >= 0)}");
        // Destination-wise: per L, distinct positive rates over homes.
        var levels = Enumerable.Range(0, n).Select(l => Enumerable.Range(0, n).Where(h => h != l).Select(h => problem.EgressUsdPerByte(h, l)).Distinct().Count()).ToArray();
        Console.WriteLine($"distinct rates into a destination: mean {levels.Average():0.0}, max {levels.Max()}");
        // Classes: locations with equal off-diagonal rows and columns.
        var cls = new int[n];
        var keys = new Dictionary<string, int>();
        for (var a = 0; a < n; a++)
        {
            var key = string.Join(",", Enumerable.Range(0, n).Where(b => b != a).Select(b => problem.EgressUsdPerByte(a, b).ToString("R", inv) + "/" + problem.EgressUsdPerByte(b, a).ToString("R", inv)));
            cls[a] = keys.TryGetValue(key, out var k) ? k : keys[key] = keys.Count;
        }
        Console.WriteLine($"naive classes (identical rows/cols): {keys.Count}");
        // Partition refinement: start with one class; split until rate(a,b) depends only on (class a, class b) for a != b.
        var part = new int[n];
        for (var iter = 0; iter < 50; iter++)
        {
            var sig = new Dictionary<string, int>();
            var next = new int[n];
            for (var a = 0; a < n; a++)
            {
                var parts = new SortedDictionary<int, string>();
                var bykey = Enumerable.Range(0, n).Where(b => b != a).GroupBy(b => part[b]).OrderBy(g => g.Key)
                    .Select(g => g.Key + ":" + string.Join("|", g.Select(b => problem.EgressUsdPerByte(a, b)).Concat(g.Select(b => -problem.EgressUsdPerByte(b, a))).Distinct().Order().Select(v => v.ToString("R", inv))));
                var key = part[a] + "#" + string.Join(";", bykey);
                next[a] = sig.TryGetValue(key, out var k) ? k : sig[key] = sig.Count;
            }
            var same = sig.Count == part.Distinct().Count();
            part = next;
            if (same) break;
        }
        Console.WriteLine($"refined classes: {part.Distinct().Count()}");
        foreach (var g in Enumerable.Range(0, n).GroupBy(a => part[a]).OrderBy(g => g.Key))
        {
            Console.WriteLine($"  class {g.Key}: {string.Join(" ", g.Select(a => problem.Locations[a].ToString()))}");
        }
        // Check whether rate within class pairs is single-valued.
        var multi = 0;
        foreach (var ga in Enumerable.Range(0, n).GroupBy(a => part[a]))
        foreach (var gb in Enumerable.Range(0, n).GroupBy(a => part[a]))
        {
            var vals = ga.SelectMany(a => gb.Where(b => b != a).Select(b => problem.EgressUsdPerByte(a, b))).Distinct().Count();
            if (vals > 1) multi++;
        }
        Console.WriteLine($"class pairs with more than one rate: {multi}");
        var storageVals = Enumerable.Range(0, n).Select(problem.StorageUsdPerByte).Distinct().Count();
        Console.WriteLine($"distinct storage rates: {storageVals}");
        for (var rep = 0; rep < 2; rep++) {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var f = new MilpModel(problem, MilpFormulation.RateLevels);
        Console.WriteLine($"ctor {sw.Elapsed.TotalSeconds:0.000} s"); sw.Restart();
        Console.WriteLine($"after x: cols {f.Lp.Columns} rows {f.Lp.Rows} nz {f.Lp.NonZeros}");
        f.BuildCost();
        Console.WriteLine($"cost {sw.Elapsed.TotalSeconds:0.000} s"); sw.Restart();
        Console.WriteLine($"after cost: cols {f.Lp.Columns} rows {f.Lp.Rows} nz {f.Lp.NonZeros} lazy {f.Lp.LazyRows}");
        f.BuildTime();
        Console.WriteLine($"time {sw.Elapsed.TotalSeconds:0.000} s"); sw.Restart();
        Console.WriteLine($"after time: cols {f.Lp.Columns} rows {f.Lp.Rows} nz {f.Lp.NonZeros}");
        f.BuildConstraints();
        Console.WriteLine($"constraints {sw.Elapsed.TotalSeconds:0.000} s"); sw.Restart();
        Console.WriteLine($"after constraints: cols {f.Lp.Columns} rows {f.Lp.Rows} nz {f.Lp.NonZeros}");
        }
        return 0;
    }
}

