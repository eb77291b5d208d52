using System.Globalization;
using System.Runtime.CompilerServices;

namespace Placement.Planning;

/// <summary>
/// Exact variable (bucket) elimination over node locations, for DAGs of small treewidth: chains, trees,
/// series-parallel graphs, narrow layered DAGs. The objective is written as a sum of tables
/// (<see cref="TreewidthModel"/>: run cost per node, route-backs per (node, anchor), and per data item its
/// home copy, fan-out-deduplicated transfers and staged copies over its anchor and all its readers). Nodes
/// are eliminated in min-fill order; eliminating a node builds a table over its neighbours of the minimum over
/// its locations, and remembers the argmin, so the optimum is recovered backwards. Time is the sum over
/// eliminations of (table entries x the node's locations); it refuses problems above
/// <see cref="MaxTableEntries"/>, <see cref="MaxWork"/> or <see cref="MaxStoredEntries"/>, the time
/// objective and scenario-wide constraints (colocate, anti-affinity, GPU caps, budget, deadline).
/// </summary>
public sealed class TreewidthDpSolver : ISolver
{
    /// <summary>Largest table (input factor or message) built.</summary>
    public const double MaxTableEntries = 4_000_000;

    /// <summary>Largest total work (table entries x domain size, summed over eliminations).</summary>
    public const double MaxWork = 400_000_000;

    /// <summary>Largest number of table entries stored over the whole run.</summary>
    public const double MaxStoredEntries = 25_000_000;

    /// <inheritdoc />
    public string Name => "treewidth-dp";

    /// <inheritdoc />
    public bool IsExact => true;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => Estimate(problem, options).Applies;

    /// <summary>The cost of the elimination along the min-fill order, or why the DP does not apply.</summary>
    public TreewidthEstimate Estimate(PlanningProblem problem, SolveOptions options) => Prepare(problem, options).Estimate;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        var (model, order, estimate) = Prepare(problem, options);
        if (estimate.Refusal is not null || model is null)
        {
            throw new ArgumentException(estimate.Refusal, nameof(problem));
        }

        var domain = model.Domain;
        var (factors, constant) = model.Tables();
        var factorsOf = problem.Nodes.Select(_ => new List<int>()).ToArray();
        var all = new List<CostFactor?>();
        void Register(CostFactor f)
        {
            foreach (var v in f.Scope)
            {
                factorsOf[v].Add(all.Count);
            }

            all.Add(f);
        }

        foreach (var f in factors)
        {
            Register(f);
        }

        // Per elimination, what the way back needs: the message's scope and strides and the argmin (not the message itself).
        var steps = new List<(int Node, int[] Scope, int[] Strides, ushort[] Argmin)>();
        foreach (var v in order)
        {
            var bucket = factorsOf[v].Distinct().Where(id => all[id] is not null).Select(id => all[id]!).ToList();
            foreach (var id in factorsOf[v])
            {
                all[id] = null;
            }

            var scope = bucket.SelectMany(f => f.Scope).Where(u => u != v).Distinct().Order().ToArray();
            var message = new CostFactor(scope, domain);
            var argmin = new ushort[message.Table.Length];
            Eliminate(v, domain, bucket, message, argmin);
            steps.Add((v, message.Scope, message.Strides, argmin));
            if (scope.Length == 0)
            {
                constant += message.Table[0];
            }
            else
            {
                Register(message);
            }
        }

        // Backwards: every node in a message's scope is eliminated later, so its value is known.
        var value = new int[problem.NodeCount];
        for (var s = steps.Count - 1; s >= 0; s--)
        {
            var (v, scope, strides, argmin) = steps[s];
            var idx = 0;
            for (var k = 0; k < scope.Length; k++)
            {
                idx += value[scope[k]] * strides[k];
            }

            value[v] = argmin[idx];
        }

        var choice = problem.Nodes.Select(n => model.ValueCandidate[n.Index][value[n.Index]]).ToArray();
        var notes = new Dictionary<string, string>
        {
            ["induced width"] = estimate.InducedWidth.ToString(CultureInfo.InvariantCulture),
            ["work"] = estimate.Work.ToString("0", CultureInfo.InvariantCulture),
        };
        return new SolverOutcome(choice, "optimal", constant, constant, notes);
    }

    private static (TreewidthModel? Model, int[] Order, TreewidthEstimate Estimate) Prepare(PlanningProblem problem, SolveOptions options)
    {
        if (options.Objective != PlanningObjective.Cost)
        {
            return (null, [], TreewidthEstimate.Refused("treewidth-dp does not apply: it minimises cost only"));
        }

        if (LocalSearchSolver.HasGlobalConstraints(problem))
        {
            return (null, [], TreewidthEstimate.Refused("treewidth-dp does not apply: the scenario has scenario-wide constraints (colocate, antiAffinity, maxGpusPerLocation, budget or deadline)"));
        }

        if (problem.Meters.DescribeCrossing() is { } crossing)
        {
            // The tables are the first-tier model; the bill differs from it once a meter can pass a volume tier.
            return (null, [], TreewidthEstimate.Refused($"treewidth-dp does not apply: it is exact for first-tier egress rates only, and {crossing}"));
        }

        var model = TreewidthModel.Build(problem);
        if (model.Domain.Any(d => d > ushort.MaxValue))
        {
            return (null, [], TreewidthEstimate.Refused("treewidth-dp does not apply: a node has more than 65,535 locations"));
        }

        var (order, estimate) = EliminationOrder.Compute(model.Domain, model.Scopes, v => problem.Nodes[v].Name, MaxTableEntries, MaxWork, MaxStoredEntries);
        return (model, order, estimate);
    }

    /// <summary>message[assignment of its scope] = min over v's values of the sum of the bucket's tables; argmin keeps the lowest value on ties.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Eliminate(int v, int[] domain, List<CostFactor> bucket, CostFactor message, ushort[] argmin)
    {
        var scope = message.Scope;
        var m = scope.Length;
        var b = bucket.Count;
        var tables = bucket.Select(f => f.Table).ToArray();
        var strideV = bucket.Select(f => f.StrideOf(v)).ToArray();
        var strideIn = new int[b * m];
        for (var f = 0; f < b; f++)
        {
            for (var k = 0; k < m; k++)
            {
                strideIn[(f * m) + k] = bucket[f].StrideOf(scope[k]);
            }
        }

        var dv = domain[v];
        var offset = new int[b];
        var counter = new int[m];
        var output = message.Table;
        unchecked
        {
            for (var idx = 0; idx < output.Length; idx++)
            {
                var best = double.PositiveInfinity;
                var arg = 0;
                for (var x = 0; x < dv; x++)
                {
                    double sum = 0;
                    for (var f = 0; f < b; f++)
                    {
                        sum += tables[f][offset[f] + (x * strideV[f])];
                    }

                    if (sum < best)
                    {
                        best = sum;
                        arg = x;
                    }
                }

                output[idx] = best;
                argmin[idx] = (ushort)arg;
                for (var k = m - 1; k >= 0; k--)
                {
                    for (var f = 0; f < b; f++)
                    {
                        offset[f] += strideIn[(f * m) + k];
                    }

                    if (++counter[k] < domain[scope[k]])
                    {
                        break;
                    }

                    for (var f = 0; f < b; f++)
                    {
                        offset[f] -= strideIn[(f * m) + k] * counter[k];
                    }

                    counter[k] = 0;
                }
            }
        }
    }
}
