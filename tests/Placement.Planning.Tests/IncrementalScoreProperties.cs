using FsCheck;
using FsCheck.Fluent;
using Placement.Bench;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Timing;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The local search's incremental pricing against full recomputation on instances whose bill crosses volume tiers
/// (<see cref="TieredFixtures"/>): the repair's unit-move score (<see cref="ConstraintRepair"/>), the kept meter
/// volumes of <see cref="TierShift"/> over a sequence of committed moves, and the search's determinism.
/// </summary>
public class IncrementalScoreProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150);

    [Fact]
    public void TryScore_TieredRandomGroupMoves_EqualsScoreOfMovedPlanAndLeavesPlan()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TieredFixtures.TryProblemFor(Constrained(seed, maxNodes: 7)) is not { } p)
            {
                return true.ToProperty();
            }

            var rng = new Random(seed);
            var repair = new ConstraintRepair(p);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var before = choice.ToArray();
            var nodes = Enumerable.Range(0, p.NodeCount).Where(_ => rng.Next(2) == 0).ToArray();
            var picks = new int[p.NodeCount];
            var moved = choice.ToArray();
            foreach (var v in nodes)
            {
                moved[v] = picks[v] = rng.Next(p.Nodes[v].Candidates.Count);
            }

            var incremental = repair.TryScore(choice, nodes, picks, LocalSearchSolver.ViolationPenaltyUsd);
            var full = repair.Score(moved, LocalSearchSolver.ViolationPenaltyUsd);
            return (Math.Abs(incremental - full) <= 1e-9 * Math.Max(1, Math.Abs(full)) && choice.SequenceEqual(before))
                .Label($"incremental {incremental} vs full {full} (crossable meters {p.Meters.Crossable.Count})");
        }).Check(Runs);
    }

    [Fact]
    public void BestSingleMove_TieredRandomPlans_IsTheBestMoveByFullScore()
    {
        // The local search's repairing descent picks each involved node's move with it: it must be the move the full
        // score (ConstraintRepair.Score of each moved plan) ranks best, up to float rounding.
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TieredFixtures.TryProblemFor(Constrained(seed, maxNodes: 7)) is not { } p)
            {
                return true.ToProperty();
            }

            var rng = new Random(seed);
            var repair = new ConstraintRepair(p);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var v = rng.Next(p.NodeCount);
            var before = choice.ToArray();
            var picked = repair.NewState(choice).BestSingleMove(v, LocalSearchSolver.ViolationPenaltyUsd, new int[p.NodeCount]);
            var current = repair.Score(choice, LocalSearchSolver.ViolationPenaltyUsd);
            var tolerance = 1e-9 * Math.Max(1, Math.Abs(current));
            var deltas = Enumerable.Range(0, p.Nodes[v].Candidates.Count).Select(c =>
            {
                var moved = choice.ToArray();
                moved[v] = c;
                return repair.Score(moved, LocalSearchSolver.ViolationPenaltyUsd) - current;
            }).ToArray();
            var best = deltas.Min();
            var agrees = picked < 0 ? best >= -1e-9 - tolerance : deltas[picked] <= best + tolerance && deltas[picked] < tolerance;
            return (agrees && choice.SequenceEqual(before)).Label($"picked {picked} ({(picked < 0 ? double.NaN : deltas[picked])}), best full delta {best}");
        }).Check(Runs);
    }

    [Fact]
    public void TierShift_RandomCommittedMoves_DiscountEqualsFullRecomputation()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7));
            var rng = new Random(seed);
            var footprint = new MoveFootprint(p);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var loc = p.NodeLocations(choice);
            var tiers = new TierShift(p, loc);
            for (var step = 0; step < 12; step++)
            {
                var v = rng.Next(p.NodeCount);
                var c = rng.Next(p.Nodes[v].Candidates.Count);
                var discountBefore = p.Meters.TierDiscountUsd(p.Meters.Volumes(loc));
                tiers.Leave(loc, footprint.Items[v], footprint.RouteBacks[v]);
                choice[v] = c;
                loc[v] = p.Nodes[v].LocationIndex[c];
                var shift = tiers.Enter(loc, footprint.Items[v], footprint.RouteBacks[v]);
                tiers.Commit(loc, footprint.Items[v], footprint.RouteBacks[v]);
                var full = p.Meters.TierDiscountUsd(p.Meters.Volumes(loc));
                if (!Close(discountBefore + shift, full) || !Close(tiers.DiscountUsd, full))
                {
                    return false.Label($"step {step}: {discountBefore} + {shift} and kept {tiers.DiscountUsd} vs full {full}");
                }
            }

            return true.ToProperty();
        }).Check(Runs);
    }

    [Fact]
    public void TieredInstances_OftenCrossATierUnderConstraints()
    {
        // Guards the properties above: they must see instances whose bill has a tier discount to price.
        var crossing = Enumerable.Range(0, 100).Count(seed => TieredFixtures.TryProblemFor(Constrained(seed, maxNodes: 7)) is { } p && p.Meters.AnyCrossable);
        Assert.True(crossing >= 40, $"only {crossing} of 100 constrained instances can cross a tier");
    }

    [Fact]
    public void LocalSearch_TieredConstrainedInstancesTwice_SamePlanAndSameImprovement()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TieredFixtures.TryProblemFor(Constrained(seed, maxNodes: 7)) is not { } p)
            {
                return true;
            }

            var rng = new Random(seed);
            var start = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var search = new LocalSearchSolver();
            return search.Solve(p, SolveOptions.Default).Choice!.SequenceEqual(new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice!)
                && search.Improve(p, start, SolveOptions.Default).Choice!.SequenceEqual(new LocalSearchSolver().Improve(p, start, SolveOptions.Default).Choice!);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void LocalSearch_RealisticScenario_FeasibleSamePlanTwiceAndNoSingleMoveHelps()
    {
        // The realistic family (tiers, GPU caps, anti-affinity, colocate, budget, deadline) at a size a unit test affords.
        var pricing = Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null));
        var loaded = Placement.Data.Scenarios.ScenarioLoader.Load(RealisticScenarios.Yaml(80, 1, pricing), "realistic-80.yaml", pricing);
        var p = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(loaded.Value!), pricing), new NetworkModel(pricing));
        var first = new LocalSearchSolver().Solve(p, SolveOptions.Default);
        var second = new LocalSearchSolver().Solve(p, SolveOptions.Default);
        Assert.True(p.Meters.AnyCrossable);
        Assert.Equal(first.Choice, second.Choice);
        var choice = first.Choice!;
        Assert.Empty(p.Violations(choice));
        var cost = p.BilledCostUsd(choice);
        Assert.True(Close(first.ObjectiveValue!.Value, cost));
        foreach (var n in p.Nodes)
        {
            var was = choice[n.Index];
            for (var c = 0; c < n.Candidates.Count; c++)
            {
                choice[n.Index] = c;
                Assert.False(p.IsFeasible(choice) && p.BilledCostUsd(choice) < cost - 1e-6, $"moving {n.Name} to candidate {c} lowers the bill");
            }

            choice[n.Index] = was;
        }
    }

    /// <summary>A random instance with an anti-affinity triple, maybe a colocate pair, GPU caps, and maybe a budget and a deadline.</summary>
    private static Scenario Constrained(int seed, int maxNodes)
    {
        var s = RandomInstances.Scenario(seed, maxNodes);
        var rng = new Random(unchecked((seed * 17) + 3));
        var names = s.Nodes.Select(n => n.Name).OrderBy(_ => rng.Next()).ToList();
        var anti = names.Count >= 3 ? new List<IReadOnlyList<string>> { names.Take(3).Order(StringComparer.Ordinal).ToList() } : [];
        var colocate = names.Count >= 5 && rng.Next(2) == 0 ? new List<IReadOnlyList<string>> { names.Skip(3).Take(2).Order(StringComparer.Ordinal).ToList() } : [];
        var caps = new Dictionary<Location, int> { [L("aws/us-east-1")] = rng.Next(2) * 8, [L("gcp/us-west1")] = rng.Next(2) * 8 };
        return s with
        {
            Constraints = ScenarioConstraints.None with
            {
                AntiAffinity = anti,
                Colocate = colocate,
                MaxGpusPerLocation = caps,
                BudgetUsd = rng.Next(2) == 0 ? rng.Next(1, 300) : null,
                DeadlineHours = rng.Next(2) == 0 ? rng.Next(1, 40) / 4m : null,
            },
        };
    }
}
