using Placement.Core.Pricing;

namespace Placement.Planning;

/// <summary>
/// The volume-tiered part of the bill for one <see cref="PlanningProblem"/>: which meter every move between two
/// locations is billed on, each meter's volume upper bound over all plans (so solvers know whether any plan can
/// cross a tier), and the tier discount of a plan: <c>billed cost = PlanningProblem.CostUsd + TierDiscountUsd</c>.
/// </summary>
/// <remarks>
/// The moves are those of <see cref="PlanningProblem.CostUsd"/>: per (item, remote reader location) the largest
/// read there from the item's home, and the route-back of every node without storage. Volumes are in the meter's
/// unit (GB or GiB), as doubles.
/// </remarks>
public sealed class EgressMeters
{
    private readonly PlanningProblem problem;
    private readonly int[,] meterOf;

    private EgressMeters(PlanningProblem problem, int[,] meterOf, IReadOnlyList<EgressMeter> all)
    {
        this.problem = problem;
        this.meterOf = meterOf;
        All = all;
        Crossable = all.Where(m => m.CanCrossTier).ToList();
        CrossableIndex = all.Select(m => m.CanCrossTier).ToArray();
    }

    /// <summary>Every meter some move of some plan is billed on (free and unpriced moves have none).</summary>
    public IReadOnlyList<EgressMeter> All { get; }

    /// <summary>The meters whose volume can cross a tier boundary in some plan.</summary>
    public IReadOnlyList<EgressMeter> Crossable { get; }

    /// <summary>Per meter index: true when it can cross a tier.</summary>
    public bool[] CrossableIndex { get; }

    /// <summary>
    /// True when some plan can cross a tier: only then can the bill differ from the first-tier model, so only then
    /// are solvers that are exact for the first-tier model (the DPs) not exact for the bill.
    /// </summary>
    public bool AnyCrossable => Crossable.Count > 0;

    /// <summary>
    /// Why some plan's bill can differ from the first-tier model, e.g. <c>gcp/us-central1 internet egress can
    /// reach 20480 GiB, past its tier at 1024 GiB</c>; null when no meter can cross a tier.
    /// </summary>
    public string? DescribeCrossing()
    {
        if (Crossable.Count == 0)
        {
            return null;
        }

        var m = Crossable.MaxBy(c => c.VolumeUpperBoundUnits - c.Tiers[1].StartUnits)!;
        var more = Crossable.Count > 1 ? $" ({Crossable.Count} meters can)" : string.Empty;
        var rule = m.Rule switch
        {
            EgressRule.PairOverride => "pair-override",
            EgressRule.InterRegion => "inter-region",
            EgressRule.InterContinental => "inter-continental",
            _ => "internet",
        };
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{problem.Locations[m.Source]} {rule} egress can reach {decimal.Round(m.VolumeUpperBoundUnits, 1)} {m.Unit}, past its volume tier at {m.CrossableBoundaries[0].StartUnits} {m.Unit}{more}");
    }

    /// <summary>The meter a move from one location index to another is billed on; -1 when free (same location) or unpriced.</summary>
    public int MeterOf(int from, int to) => meterOf[from, to];

    /// <summary>The crossable meter of a move, or -1 when the move's meter (if any) cannot cross a tier.</summary>
    public int CrossableMeterOf(int from, int to) => meterOf[from, to] is var m && m >= 0 && CrossableIndex[m] ? m : -1;

    /// <summary>No meters: a problem whose egress is linear by construction (<see cref="PlanningProblem.FirstTierModel"/>, <see cref="PlanningProblem.ChordModel"/>).</summary>
    internal static EgressMeters Flat(PlanningProblem problem)
    {
        var n = problem.Locations.Count;
        var none = new int[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                none[a, b] = -1;
            }
        }

        return new EgressMeters(problem, none, []);
    }

    /// <summary>Builds the meters of a problem and their volume upper bounds.</summary>
    public static EgressMeters Build(PlanningProblem problem)
    {
        var pricing = problem.Model.Pricing;
        var n = problem.Locations.Count;
        var meterOf = new int[n, n];
        var keys = new Dictionary<(int Source, EgressRule Rule, int PairTo), int>();
        var schedules = new List<EgressSchedule>();
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                meterOf[a, b] = -1;
                if (a == b || pricing.ResolveEgress(problem.Locations[a], problem.Locations[b]) is not { } s || s.Rule == EgressRule.SameLocation)
                {
                    continue;
                }

                // The cost model's meter: (source, rule), a pair override per destination (it is its own price list).
                var key = (a, s.Rule, s.Rule == EgressRule.PairOverride ? b : -1);
                if (!keys.TryGetValue(key, out var m))
                {
                    m = keys[key] = schedules.Count;
                    schedules.Add(s);
                }

                meterOf[a, b] = m;
            }
        }

        var bound = new decimal[schedules.Count];

        // Per home and meter, an item moves at most the largest read of every destination on the meter, and at
        // most the sum of the reads of the readers that can reach one (each reader is at one place). Plain arrays:
        // an item read by a thousand nodes over twenty locations is a few hundred thousand steps.
        var byDestination = new long[schedules.Count];
        var byReader = new long[schedules.Count];
        var stamp = new int[schedules.Count];
        var epoch = 0;
        var touched = new List<int>();
        var largest = new long[n];
        foreach (var item in problem.Items)
        {
            var homes = item.AnchorNode >= 0 ? problem.Nodes[item.AnchorNode].Locations : [item.FixedHome];
            Array.Clear(largest);
            foreach (var r in item.Readers)
            {
                foreach (var l in problem.Nodes[r.Node].Locations)
                {
                    largest[l] = Math.Max(largest[l], r.Bytes);
                }
            }

            foreach (var h in homes)
            {
                touched.Clear();
                for (var l = 0; l < n; l++)
                {
                    if (largest[l] > 0 && meterOf[h, l] is var m && m >= 0)
                    {
                        if (byDestination[m] == 0 && byReader[m] == 0)
                        {
                            touched.Add(m);
                        }

                        byDestination[m] += largest[l];
                    }
                }

                foreach (var r in item.Readers)
                {
                    if (r.Bytes <= 0)
                    {
                        continue;
                    }

                    epoch++;
                    foreach (var l in problem.Nodes[r.Node].Locations)
                    {
                        if (meterOf[h, l] is var m && m >= 0 && stamp[m] != epoch)
                        {
                            stamp[m] = epoch;
                            byReader[m] += r.Bytes;
                        }
                    }
                }

                foreach (var m in touched)
                {
                    bound[m] += schedules[m].Unit.FromBytes(Math.Min(byDestination[m], byReader[m]));
                    byDestination[m] = 0;
                    byReader[m] = 0;
                }

                // Meters reached by readers but by no destination with bytes: nothing moves on them; reset.
                Array.Clear(byReader);
            }
        }

        foreach (var v in problem.Nodes.Where(v => !v.IsNative))
        {
            var homes = problem.NodeFixedHome[v.Index] >= 0 ? [problem.NodeFixedHome[v.Index]] : problem.Nodes[problem.NodeHomeAnchor[v.Index]].Locations;
            // The node is at one place and its output goes to one home: once per meter at most.
            var reachable = v.Locations.SelectMany(l => homes.Where(h => h != l && meterOf[l, h] >= 0).Select(h => meterOf[l, h])).Distinct();
            foreach (var m in reachable.Where(_ => v.Node.OutputBytes > 0))
            {
                bound[m] += schedules[m].Unit.FromBytes(v.Node.OutputBytes);
            }
        }

        var all = schedules.Select((s, m) => new EgressMeter(m, problem.LocationIndex[s.From], s.Rule, s.Unit, s.Tiers, bound[m])).ToList();
        return new EgressMeters(problem, meterOf, all);
    }

    /// <summary>Volume per meter (in its unit) of the plan with these node locations.</summary>
    public double[] Volumes(int[] nodeLocations)
    {
        var volumes = new double[All.Count];
        foreach (var item in problem.Items)
        {
            AddItem(item, nodeLocations, 1, volumes, crossableOnly: false);
        }

        foreach (var v in problem.Nodes.Where(v => !v.IsNative))
        {
            AddRouteBack(v.Index, nodeLocations, 1, volumes, crossableOnly: false);
        }

        return volumes;
    }

    /// <summary>The tier discount (zero or negative, USD) of per-meter volumes: the billed egress less the first-tier egress.</summary>
    public double TierDiscountUsd(double[] volumes)
    {
        double total = 0;
        foreach (var m in Crossable)
        {
            total += m.TierDiscountUsd(volumes[m.Index]);
        }

        return total;
    }

    /// <summary>
    /// Adds <paramref name="sign"/> times the volume of one item's transfers under given node locations to
    /// <paramref name="volumes"/> (only crossable meters when asked: the others never change the bill).
    /// </summary>
    public void AddItem(DataItem item, int[] nodeLocations, double sign, double[] volumes, bool crossableOnly = true)
    {
        if (item.Readers.Count == 0)
        {
            return;
        }

        // Per remote reader location (in order of its first reader), the largest read: spans and a linear search, as
        // PlanningProblem.ItemCostUsd does (the local search's trial moves come through here).
        var home = problem.HomeOf(item, nodeLocations);
        var readers = item.Readers;
        var most = Math.Min(readers.Count, problem.Locations.Count);
        Span<int> at = most <= 64 ? stackalloc int[most] : new int[most];
        Span<long> largest = most <= 64 ? stackalloc long[most] : new long[most];
        var count = 0;
        for (var k = 0; k < readers.Count; k++)
        {
            var r = readers[k];
            var l = nodeLocations[r.Node];
            if (l == home || meterOf[home, l] is var m && (m < 0 || (crossableOnly && !CrossableIndex[m])))
            {
                continue;
            }

            var j = at[..count].IndexOf(l);
            if (j < 0)
            {
                (at[count], largest[count]) = (l, r.Bytes);
                count++;
            }
            else
            {
                largest[j] = Math.Max(largest[j], r.Bytes);
            }
        }

        for (var j = 0; j < count; j++)
        {
            var meter = All[meterOf[home, at[j]]];
            volumes[meter.Index] += sign * (largest[j] / meter.BytesPerUnit);
        }
    }

    /// <summary>Adds <paramref name="sign"/> times the route-back volume of node <paramref name="v"/> (a node without storage).</summary>
    public void AddRouteBack(int v, int[] nodeLocations, double sign, double[] volumes, bool crossableOnly = true)
    {
        var home = problem.NodeFixedHome[v] >= 0 ? problem.NodeFixedHome[v] : nodeLocations[problem.NodeHomeAnchor[v]];
        var from = nodeLocations[v];
        var bytes = problem.Nodes[v].Node.OutputBytes;
        if (from == home || bytes <= 0 || meterOf[from, home] is var m && (m < 0 || (crossableOnly && !CrossableIndex[m])))
        {
            return;
        }

        volumes[m] += sign * (bytes / All[m].BytesPerUnit);
    }
}
