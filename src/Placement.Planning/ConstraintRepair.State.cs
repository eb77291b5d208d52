using System.Runtime.InteropServices;

namespace Placement.Planning;

/// <summary>The incremental scoring of <see cref="ConstraintRepair"/>'s unit moves.</summary>
internal sealed partial class ConstraintRepair
{
    /// <summary>
    /// A plan under repair with the parts of its score kept apart (locations, GPUs per location, each group's
    /// shortfall, the billed cost and, when some meter can cross a volume tier, every crossable meter's volume), so a
    /// trial move of a unit reprices only what it changes: its nodes' groups, the GPU counts of the locations it
    /// leaves and enters, the items and route-backs its nodes touch, and the tier discount of the meters whose volume
    /// those shift (<see cref="TierShift"/>). The makespan, under a deadline, is recomputed per trial that could
    /// improve. Scores equal <see cref="Score"/> of the moved plan up to float rounding.
    /// </summary>
    internal sealed class RepairState
    {
        private readonly ConstraintRepair r;
        private readonly PlanningProblem p;
        private readonly int[] choice;
        private readonly int[] loc;
        private readonly int[] gpus;
        private readonly double[] antiShort;
        private readonly double[] coloShort;
        private readonly int[] stamp;
        private readonly int[] nodeStamp;
        private readonly TierShift? tiers;
        private readonly List<int> items = [];
        private readonly List<int> routeBacks = [];
        private readonly List<int> places = [];
        private readonly List<(int Node, int Candidate)> saved = [];
        private readonly double groupShortfall;
        private readonly double gpuShortfall;
        private readonly double cost;
        private int epoch;

        public RepairState(ConstraintRepair repair, int[] choice)
        {
            r = repair;
            p = repair.problem;
            this.choice = choice;
            loc = p.NodeLocations(choice);
            gpus = p.GpusByLocation(choice);
            antiShort = r.antiAffinity.Select(AntiShortfall).ToArray();
            coloShort = r.colocate.Select(ColocateShortfall).ToArray();
            stamp = new int[Math.Max(Math.Max(p.Items.Count, p.NodeCount), Math.Max(r.antiAffinity.Length, r.colocate.Length))];
            nodeStamp = new int[p.NodeCount];
            groupShortfall = antiShort.Sum() + coloShort.Sum();
            gpuShortfall = Enumerable.Range(0, gpus.Length).Sum(GpuExcess);

            // The bill as BilledCostUsd computes it (first-tier cost plus the tier discount of the same volumes).
            tiers = p.Meters.AnyCrossable ? new TierShift(p, loc) : null;
            cost = tiers is null ? p.CostUsd(choice) : p.CostUsd(choice) + tiers.DiscountUsd;
            Shortfall = groupShortfall + gpuShortfall + LimitsShortfall(cost, choice);
        }

        /// <summary><see cref="ConstraintRepair.Shortfall(int[])"/> of the plan.</summary>
        public double Shortfall { get; }

        /// <summary><see cref="ConstraintRepair.Score"/> of the plan.</summary>
        public double Score(double penaltyUsd) => cost + penaltyUsd * Shortfall;

        /// <summary>
        /// The score of the plan with <paramref name="nodes"/> on <paramref name="picks"/>' candidates; the plan is left as
        /// it was. When the score without the deadline term already reaches <paramref name="atLeast"/>, that lower value
        /// is returned without computing the makespan (the caller rejects the move either way).
        /// </summary>
        public double TryScore(int[] nodes, int[] picks, double penaltyUsd, double atLeast = double.PositiveInfinity)
        {
            epoch++;
            items.Clear();
            routeBacks.Clear();
            places.Clear();
            saved.Clear();
            foreach (var v in nodes)
            {
                saved.Add((v, choice[v]));
                foreach (var i in r.footprint.Items[v])
                {
                    if (Once(i))
                    {
                        items.Add(i);
                    }
                }

                foreach (var w in r.footprint.RouteBacks[v])
                {
                    if (nodeStamp[w] != epoch)
                    {
                        nodeStamp[w] = epoch;
                        routeBacks.Add(w);
                    }
                }

                AddPlace(loc[v]);
                AddPlace(p.Nodes[v].LocationIndex[picks[v]]);
            }

            double gpuBefore = 0;
            foreach (var l in places)
            {
                gpuBefore += GpuExcess(l);
            }

            var itemSpan = CollectionsMarshal.AsSpan(items);
            var routeBackSpan = CollectionsMarshal.AsSpan(routeBacks);
            var before = Local(nodes);
            tiers?.Leave(loc, itemSpan, routeBackSpan);

            // Move the nodes.
            foreach (var v in nodes)
            {
                var n = p.Nodes[v];
                gpus[loc[v]] -= n.Gpus[choice[v]];
                choice[v] = picks[v];
                loc[v] = n.LocationIndex[picks[v]];
                gpus[loc[v]] += n.Gpus[choice[v]];
            }

            var shortfall = groupShortfall + gpuShortfall - gpuBefore;
            foreach (var l in places)
            {
                shortfall += GpuExcess(l);
            }

            epoch++;
            foreach (var v in nodes)
            {
                foreach (var g in r.antiAffinityOf[v])
                {
                    if (Once(g))
                    {
                        shortfall += AntiShortfall(r.antiAffinity[g]) - antiShort[g];
                    }
                }
            }

            epoch++;
            foreach (var v in nodes)
            {
                foreach (var g in r.colocateOf[v])
                {
                    if (Once(g))
                    {
                        shortfall += ColocateShortfall(r.colocate[g]) - coloShort[g];
                    }
                }
            }

            var moved = cost + Local(nodes) - before + (tiers?.Enter(loc, itemSpan, routeBackSpan) ?? 0);
            shortfall += BudgetShortfall(moved);
            if (p.Constraints.DeadlineHours is not null && moved + (penaltyUsd * Math.Max(0, shortfall)) < atLeast)
            {
                shortfall += DeadlineShortfall(choice);
            }

            // Move them back.
            foreach (var (v, c) in saved)
            {
                var n = p.Nodes[v];
                gpus[loc[v]] -= n.Gpus[choice[v]];
                choice[v] = c;
                loc[v] = n.LocationIndex[c];
                gpus[loc[v]] += n.Gpus[c];
            }

            return moved + penaltyUsd * Math.Max(0, shortfall);
        }

        /// <summary>
        /// The candidate of node <paramref name="v"/> whose move alone lowers the score most, by more than 1e-9 USD, or -1
        /// (each priced as <see cref="TryScore"/> prices a unit move; <paramref name="picks"/> is scratch, indexed by node).
        /// Candidates in index order, the first of equal scores.
        /// </summary>
        public int BestSingleMove(int v, double penaltyUsd, int[] picks)
        {
            var current = Score(penaltyUsd);
            var (bestDelta, bestC) = (-1e-9, -1);
            int[] single = [v];
            var was = choice[v];
            for (var c = 0; c < p.Nodes[v].Candidates.Count; c++)
            {
                if (c == was)
                {
                    continue;
                }

                picks[v] = c;
                var delta = TryScore(single, picks, penaltyUsd, current + bestDelta) - current;
                if (delta < bestDelta)
                {
                    (bestDelta, bestC) = (delta, c);
                }
            }

            return bestC;
        }

        /// <summary>The first-tier cost of what moving <paramref name="nodes"/> reprices: their runs, the touched items and route-backs.</summary>
        private double Local(int[] nodes)
        {
            double total = 0;
            foreach (var v in nodes)
            {
                total += (double)p.Nodes[v].RunUsd[choice[v]];
            }

            foreach (var i in items)
            {
                total += p.ItemCostUsd(p.Items[i], loc);
            }

            foreach (var w in routeBacks)
            {
                total += p.RouteBackUsd(w, loc);
            }

            return total;
        }

        private void AddPlace(int l)
        {
            if (!places.Contains(l))
            {
                places.Add(l);
            }
        }

        private bool Once(int g)
        {
            if (stamp[g] == epoch)
            {
                return false;
            }

            stamp[g] = epoch;
            return true;
        }

        private double GpuExcess(int l) => r.caps[l] is { } cap && gpus[l] > cap ? gpus[l] - cap : 0;

        private double AntiShortfall(int[] g) => g.Length - g.Select(v => loc[v]).Distinct().Count();

        private double ColocateShortfall(int[] g) => g.Length - g.GroupBy(v => loc[v]).Max(x => x.Count());

        private double LimitsShortfall(double billed, int[] plan) => BudgetShortfall(billed) + DeadlineShortfall(plan);

        private double BudgetShortfall(double billed) =>
            p.Constraints.BudgetUsd is { } budget && billed > (double)budget + 1e-6 ? (billed - (double)budget) / Math.Max(1e-6, (double)budget) : 0;

        private double DeadlineShortfall(int[] plan) =>
            p.Constraints.DeadlineHours is { } deadline && p.MakespanHours(plan) is var makespan && makespan > (double)deadline + 1e-9
                ? (makespan - (double)deadline) / Math.Max(1e-9, (double)deadline)
                : 0;
    }
}
