using System.Globalization;

namespace Placement.Planning;

/// <summary>
/// Exact dynamic programming for tree-shaped problems: when every data item has at most one reader (chains,
/// in-trees and forests of them) the objective is a sum of per-node terms and per-pair terms (an item's home
/// node and its reader; a node without storage and its home node). When those pairs form a forest, min-sum
/// message passing from the leaves to a root is exact, in O(pairs x candidates^2).
/// </summary>
public sealed class TreeDpSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "dp";

    /// <inheritdoc />
    public bool IsExact => true;

    /// <inheritdoc />
    /// <remarks>Its messages are the first-tier model, which is the bill only when no egress meter can cross a volume tier.</remarks>
    public bool Applies(PlanningProblem problem, SolveOptions options) =>
        options.Objective == PlanningObjective.Cost
        && !LocalSearchSolver.HasGlobalConstraints(problem)
        && !problem.Meters.AnyCrossable
        && problem.Items.All(i => i.Readers.Select(r => r.Node).Distinct().Count() <= 1)
        && Factors(problem) is { } f && IsForest(problem.NodeCount, f);

    /// <summary>
    /// Table operations of a solve: per pair, the product of the two nodes' candidate counts (each message
    /// minimises over one node's candidates for each of the other's). Comparable with
    /// <see cref="TreewidthEstimate.Work"/>, which counts locations instead of candidates.
    /// </summary>
    public static double Work(PlanningProblem problem) =>
        Factors(problem).Sum(f => (double)problem.Nodes[f.A].Candidates.Count * problem.Nodes[f.B].Candidates.Count);

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        if (!Applies(problem, options))
        {
            throw new ArgumentException("The tree DP needs a tree-shaped problem without scenario-wide constraints and without egress meters that can cross a volume tier.", nameof(problem));
        }

        var unary = Unary(problem);
        var factors = Factors(problem);
        var neighbours = problem.Nodes.Select(_ => new List<(int Other, PairFactor F)>()).ToArray();
        foreach (var f in factors)
        {
            neighbours[f.A].Add((f.B, f));
            neighbours[f.B].Add((f.A, f));
        }

        // Order every component from a root (lowest index), children after parents.
        var parent = Enumerable.Repeat(-1, problem.NodeCount).ToArray();
        var parentFactors = new List<PairFactor>[problem.NodeCount];
        var order = new List<int>();
        var seen = new bool[problem.NodeCount];
        for (var root = 0; root < problem.NodeCount; root++)
        {
            if (seen[root])
            {
                continue;
            }

            seen[root] = true;
            var queue = new Queue<int>([root]);
            while (queue.TryDequeue(out var v))
            {
                order.Add(v);
                foreach (var group in neighbours[v].GroupBy(n => n.Other).Where(g => !seen[g.Key]))
                {
                    seen[group.Key] = true;
                    parent[group.Key] = v;
                    parentFactors[group.Key] = group.Select(g => g.F).ToList();
                    queue.Enqueue(group.Key);
                }
            }
        }

        // Leaves to roots: total[v][c] = unary + sum of children's messages; each child keeps its argmin per parent candidate.
        var total = unary.Select(u => (double[])u.Clone()).ToArray();
        var best = new int[problem.NodeCount][];
        for (var k = order.Count - 1; k >= 0; k--)
        {
            var v = order[k];
            var p = parent[v];
            if (p < 0)
            {
                continue;
            }

            var pn = problem.Nodes[p];
            var vn = problem.Nodes[v];
            best[v] = new int[pn.Candidates.Count];
            for (var cp = 0; cp < pn.Candidates.Count; cp++)
            {
                var bestValue = double.PositiveInfinity;
                for (var cv = 0; cv < vn.Candidates.Count; cv++)
                {
                    var value = total[v][cv];
                    foreach (var f in parentFactors[v])
                    {
                        value += f.Cost(problem, f.A == p ? pn.LocationIndex[cp] : vn.LocationIndex[cv], f.A == p ? vn.LocationIndex[cv] : pn.LocationIndex[cp]);
                    }

                    if (value < bestValue)
                    {
                        bestValue = value;
                        best[v][cp] = cv;
                    }
                }

                total[p][cp] += bestValue;
            }
        }

        var choice = new int[problem.NodeCount];

        // Home copies at fixed homes (datasets, default storage) cost the same whatever the choice.
        var objective = problem.Items.Where(i => i.AnchorNode < 0 && i.Bytes > 0 && !double.IsNaN(problem.StorageUsdPerByte(i.FixedHome)))
            .Sum(i => i.Bytes * problem.StorageUsdPerByte(i.FixedHome));
        foreach (var v in order)
        {
            if (parent[v] < 0)
            {
                choice[v] = Enumerable.Range(0, total[v].Length).MinBy(c => total[v][c]);
                objective += total[v][choice[v]];
            }
            else
            {
                choice[v] = best[v][choice[parent[v]]];
            }
        }

        var notes = new Dictionary<string, string> { ["pairs"] = factors.Count.ToString(CultureInfo.InvariantCulture) };
        return new SolverOutcome(choice, "optimal", objective, objective, notes);
    }

    /// <summary>Terms that depend on one node only: run cost, home copies, transfers from fixed homes, route-backs to fixed homes.</summary>
    private static double[][] Unary(PlanningProblem p)
    {
        var unary = p.Nodes.Select(n => n.RunUsd.Select(r => (double)r).ToArray()).ToArray();
        foreach (var n in p.Nodes.Where(n => !n.IsNative && p.NodeFixedHome[n.Index] >= 0))
        {
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                unary[n.Index][c] += n.Node.OutputBytes * p.EgressUsdPerByte(n.LocationIndex[c], p.NodeFixedHome[n.Index]);
            }
        }

        foreach (var item in p.Items)
        {
            if (item.AnchorNode >= 0 && item.Bytes > 0)
            {
                var a = p.Nodes[item.AnchorNode];
                for (var c = 0; c < a.Candidates.Count; c++)
                {
                    var s = p.StorageUsdPerByte(a.LocationIndex[c]);
                    unary[a.Index][c] += double.IsNaN(s) ? 0 : item.Bytes * s;
                }
            }

            if (item.AnchorNode < 0)
            {
                foreach (var r in item.Readers)
                {
                    var rn = p.Nodes[r.Node];
                    for (var c = 0; c < rn.Candidates.Count; c++)
                    {
                        unary[r.Node][c] += Transfer(p, item.FixedHome, rn.LocationIndex[c], r.Bytes, rn.IsNative);
                    }
                }
            }
        }

        return unary;
    }

    private static double Transfer(PlanningProblem p, int home, int at, long bytes, bool readerNative)
    {
        if (home == at)
        {
            return 0;
        }

        var s = p.StorageUsdPerByte(at);
        return bytes * p.EgressUsdPerByte(home, at) + (readerNative && bytes > 0 && !double.IsNaN(s) ? bytes * s : 0);
    }

    private static List<PairFactor> Factors(PlanningProblem p)
    {
        var factors = new List<PairFactor>();
        foreach (var item in p.Items.Where(i => i.AnchorNode >= 0))
        {
            foreach (var r in item.Readers)
            {
                factors.Add(new PairFactor(item.AnchorNode, r.Node, r.Bytes, p.Nodes[r.Node].IsNative, false));
            }
        }

        foreach (var n in p.Nodes.Where(n => !n.IsNative && p.NodeHomeAnchor[n.Index] >= 0 && n.Node.OutputBytes > 0))
        {
            factors.Add(new PairFactor(n.Index, p.NodeHomeAnchor[n.Index], n.Node.OutputBytes, false, true));
        }

        return factors;
    }

    private static bool IsForest(int nodes, List<PairFactor> factors)
    {
        var root = Enumerable.Range(0, nodes).ToArray();
        int Find(int v) => root[v] == v ? v : root[v] = Find(root[v]);
        foreach (var (a, b) in factors.Select(f => (Math.Min(f.A, f.B), Math.Max(f.A, f.B))).Distinct())
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra == rb)
            {
                return false;
            }

            root[ra] = rb;
        }

        return true;
    }

    /// <summary>
    /// A term between two nodes: an item moving from its home (A's location) to its single reader B, or the
    /// route-back of node A's output to its home (B's location).
    /// </summary>
    private sealed record PairFactor(int A, int B, long Bytes, bool ReaderNative, bool RouteBack)
    {
        public double Cost(PlanningProblem p, int locA, int locB) =>
            RouteBack ? Bytes * p.EgressUsdPerByte(locA, locB) : Transfer(p, locA, locB, Bytes, ReaderNative);
    }
}
