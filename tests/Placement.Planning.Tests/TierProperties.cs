using FsCheck;
using FsCheck.Fluent;
using Placement.Planning.Milp;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The billed objective on random instances priced with volume tiers that small plans cross
/// (<see cref="TieredFixtures"/>): the planner's billed cost against the cost model, the tier-exact MILP
/// against brute force on the bill, and every reported bound against the plan's own billed total.
/// </summary>
public class TierProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(120);

    [Fact]
    public void BilledCostUsd_AnyChoice_EqualsCostModelWithinRounding()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var s = RandomInstances.Scenario(seed, maxNodes: 7);
            var p = TieredFixtures.ProblemFor(s);
            var rng = new Random(pick);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            var cost = TieredFixtures.ModelFor(s).Evaluate(p.Assignment(choice));
            var lines = cost.Nodes.Count + cost.Transfers.Count + cost.Storage.Count;
            var billed = p.BilledCostUsd(choice);
            var tolerance = 1e-6 * (lines + 1) + 1e-9 * billed;
            return (Math.Abs((double)cost.Totals.TotalUsd - billed) <= tolerance)
                .Label($"cost model {cost.Totals.TotalUsd} vs billed {billed} (first-tier {p.CostUsd(choice)})");
        }).Check(Runs);
    }

    [Fact]
    public void VolumeUpperBound_AnyChoice_BoundsEveryMetersVolume()
    {
        // The tier rows cap V and e by it, and "cannot cross" keeps today's model: an under-estimate would cut plans.
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7));
            var rng = new Random(pick);
            var volumes = p.Meters.Volumes(p.NodeLocations(p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray()));
            return p.Meters.All.All(m => volumes[m.Index] <= (double)m.VolumeUpperBoundUnits * (1 + 1e-12) + 1e-12);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void RandomInstances_Tiered_OftenCrossATier()
    {
        // Guards the other properties: they must see instances where the bill differs from the first-tier model.
        var crossing = Enumerable.Range(0, 100).Count(seed => TieredFixtures.ProblemFor(RandomInstances.Scenario(seed)).Meters.AnyCrossable);
        var differing = Enumerable.Range(0, 100).Count(seed =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).Choice!;
            return p.BilledCostUsd(brute) < p.CostUsd(brute) - 1e-3;
        });
        Assert.True(crossing >= 50, $"only {crossing} of 100 instances can cross a tier");
        Assert.True(differing >= 20, $"only {differing} of 100 billed optima differ from their first-tier price");
    }

    [Fact]
    public void Milp_TieredInstances_MatchesBruteForceOnTheBill()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var milp = new MilpSolver().Solve(p, SolveOptions.Default);
            return milp.Status == "optimal"
                && Close(p.BilledCostUsd(milp.Choice!), brute.ObjectiveValue!.Value)
                && Close(milp.ObjectiveValue!.Value, brute.ObjectiveValue.Value)
                && milp.LowerBound <= brute.ObjectiveValue.Value + 1e-6;
        }).Check(Runs);
    }

    [Fact]
    public void Milp_TieredInstancesWithConstraints_MatchesBruteForceOnTheBill()
    {
        // Budgets included: the budget row is the billed objective, so plans that fit only thanks to the tiers are found.
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TieredFixtures.TryProblemFor(RandomInstances.Scenario(seed, constraints: true)) is not { } p)
            {
                return true;
            }

            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var milp = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default);
            if (brute.Choice is null)
            {
                return milp.Choice is null || milp.Status == "infeasible";
            }

            return milp.Choice is { } c && p.Violations(c).Count == 0 && Close(p.BilledCostUsd(c), brute.ObjectiveValue!.Value);
        }).Check(Runs);
    }

    [Fact]
    public void Milp_BigMFormulationOnTieredInstances_MatchesBruteForceOnTheBill()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var milp = new MilpSolver(new LocalSearchSolver(), MilpFormulation.BigM).Solve(p, SolveOptions.Default);
            return milp.Status == "optimal" && Close(p.BilledCostUsd(milp.Choice!), brute.ObjectiveValue!.Value);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Plan_AnySolverOnTieredInstances_BoundNeverAboveBilledTotalAndOptimalOnlyWhenItIs()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TieredFixtures.TryProblemFor(RandomInstances.Scenario(seed, constraints: seed % 2 == 0)) is not { } p)
            {
                return true;
            }

            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var solvers = SolverCatalog.Names.Where(n => n != "auto").Select(n => SolverCatalog.Create(n)!).Append(SolverCatalog.Auto(p, SolveOptions.Default));
            foreach (var solver in solvers.Where(s => s.Applies(p, SolveOptions.Default)))
            {
                Placement.Core.Plans.Plan plan;
                try
                {
                    plan = Planner.Solve(p, solver, SolveOptions.Default);
                }
                catch (PlanningException)
                {
                    continue;
                }

                var total = plan.Cost.Totals.TotalUsd;
                var r = plan.Solver;
                if (r.LowerBoundUsd is { } lb && lb > total)
                {
                    return false;
                }

                if (r.Status == "optimal" && !Close((double)total, brute.ObjectiveValue!.Value))
                {
                    return false;
                }

                if (r.Status == "optimal" && r.Gap != 0)
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void LocalSearch_TieredInstances_NoSingleMoveLowersTheBill()
    {
        // The incremental tier discount (TierShift) must agree with the full billed cost: at the end no single move helps.
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7));
            var outcome = new LocalSearchSolver().Solve(p, SolveOptions.Default);
            var choice = outcome.Choice!;
            var cost = p.BilledCostUsd(choice);
            if (!Close(outcome.ObjectiveValue!.Value, cost))
            {
                return false;
            }

            foreach (var n in p.Nodes)
            {
                var was = choice[n.Index];
                for (var c = 0; c < n.Candidates.Count; c++)
                {
                    choice[n.Index] = c;
                    if (p.BilledCostUsd(choice) < cost - 1e-6)
                    {
                        return false;
                    }
                }

                choice[n.Index] = was;
            }

            return true;
        }).Check(Runs);
    }

    [Theory]
    [InlineData(Shape.Tree)]
    [InlineData(Shape.SeriesParallel)]
    [InlineData(Shape.Chain)]
    public void TierCertifiedDps_TieredInstances_MatchBruteForceOnTheBill(Shape shape)
    {
        // Certified by the chord bound, or handed to the tier-exact MILP: either way optimal for the bill.
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed, maxNodes: 6, shape: shape));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            ISolver[] solvers = [new TierCertifiedSolver(new TreeDpSolver()), new TierCertifiedSolver(new TreewidthDpSolver()), SolverCatalog.Auto(p, SolveOptions.Default)];
            return solvers.Where(s => s.Applies(p, SolveOptions.Default)).All(s =>
                s.Solve(p, SolveOptions.Default) is var o && o.Status == "optimal" && Close(p.BilledCostUsd(o.Choice!), brute)
                && Close(o.ObjectiveValue!.Value, brute) && o.LowerBound <= o.ObjectiveValue + 1e-9);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void ChordModel_AnyChoice_NeverAboveTheBill()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (seed, pick) =>
        {
            var p = TieredFixtures.ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7));
            var rng = new Random(pick);
            var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
            return !p.HasChordBound || p.ChordModel().CostUsd(choice) <= p.BilledCostUsd(choice) + 1e-9;
        }).Check(Runs);
    }

    [Fact]
    public void Dps_CrossableInstances_DoNotApplyUnwrappedAndAutoCertifiesThem()
    {
        var crossing = Enumerable.Range(0, 200).Select(seed => TieredFixtures.ProblemFor(RandomInstances.Scenario(seed, tree: true)))
            .Where(p => p.Meters.AnyCrossable).ToList();
        Assert.NotEmpty(crossing);
        foreach (var p in crossing)
        {
            Assert.False(new TreeDpSolver().Applies(p, SolveOptions.Default));
            Assert.False(new TreewidthDpSolver().Applies(p, SolveOptions.Default));
            Assert.Contains("exact for first-tier egress rates only", new TreewidthDpSolver().Estimate(p, SolveOptions.Default).Refusal, StringComparison.Ordinal);
            var auto = SolverCatalog.Auto(p, SolveOptions.Default);
            Assert.True(auto is MilpSolver || auto is TierCertifiedSolver, auto.GetType().Name);
        }
    }

    [Fact]
    public void Milp_NoMeterCanCrossATier_BuildsTheFirstTierModel()
    {
        // The untiered fixture: tiers start at 10,240 GB, beyond any random instance, so no tier rows are added.
        var p = ProblemFor(RandomInstances.Scenario(3));
        Assert.False(p.Meters.AnyCrossable);
        var milp = new MilpSolver().Solve(p, SolveOptions.Default);
        Assert.Equal("no plan can cross a volume tier: first-tier rates are the bill", milp.Notes["egress"]);
        Assert.Equal(p.CostUsd(milp.Choice!), p.BilledCostUsd(milp.Choice!));
    }
}
