using FsCheck;
using FsCheck.Fluent;
using Placement.Bench;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Core.Timing;
using Placement.Planning.Milp;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The MILP's formulation on small scenarios of the bench's realistic generator (<see cref="RealisticScenarios"/>: the
/// real catalogue's rates, every endpoint kind, datasets homed across providers, volume tiers that big datasets cross,
/// GPU caps, budget and deadline), restricted by a global allow list to a few locations so brute force can enumerate
/// them: rate-level rows written with the smaller home side, route-backs by rate levels, tier volume rows left to row
/// generation, the rounded relaxation repaired by local search and the assignment bound must all keep the optimum
/// exact and every bound below it.
/// </summary>
public class RealisticFormulationProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(40);

    private static readonly Lazy<PricingCatalog> Pricing = new(() => Placement.Data.Workspace.LoadPricing(Placement.Data.Workspace.FindPricingFolder(null, null)));

    /// <summary>Locations the allow lists draw from: both sides of the Atlantic for each cloud, and the LLM APIs'.</summary>
    private static readonly string[] Pool = ["aws/us-east-1", "aws/eu-west-2", "aws/us-west-2", "gcp/us-central1", "gcp/europe-west4", "gcp/asia-east1", "azure/eastus", "azure/westeurope"];

    [Fact]
    public void Milp_SmallRealisticScenarios_OptimalAndEqualToBruteForce()
    {
        var checkedCount = 0;
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (Problem(seed) is not { } p)
            {
                return true;
            }

            checkedCount++;
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var milp = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default);
            if (brute.Choice is null)
            {
                return milp.Choice is null;
            }

            var cold = new MilpSolver().Solve(p, SolveOptions.Default);
            var best = p.BilledCostUsd(brute.Choice);
            return milp.Status == "optimal" && Close(p.BilledCostUsd(milp.Choice!), best) && milp.LowerBound <= best + 1e-6
                && cold.Status == "optimal" && Close(p.BilledCostUsd(cold.Choice!), best);
        }).Check(Runs);
        Assert.True(checkedCount >= 10, $"only {checkedCount} generated scenarios were small enough to enumerate");
    }

    [Fact]
    public void Bounds_SmallRealisticScenarios_NeverAboveTheOptimum()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (Problem(seed) is not { } p || new BruteForceSolver().Solve(p, SolveOptions.Default).Choice is not { } best)
            {
                return true;
            }

            var optimum = p.BilledCostUsd(best);
            var model = new MilpModel(p, MilpFormulation.RateLevels);
            model.BuildCost();
            model.BuildConstraints();
            var assignment = model.AssignmentBound();
            var full = LpBoundEngine.Prove(model.Lp, double.MaxValue, null);
            var local = new LocalSearchSolver().Solve(p, SolveOptions.Default).Choice!;
            var generated = LpBoundEngine.Prove(model.Lp, double.MaxValue, null, model.PointOf(local));
            var lp = full.Bound + model.Lp.ObjectiveConstant;
            return assignment <= optimum + 1e-6 && lp <= optimum + 1e-6 && assignment <= lp + 1e-6
                && full.LpOptimal && generated.LpOptimal && Math.Abs(full.Bound - generated.Bound) <= 1e-6 * Math.Max(1, Math.Abs(full.Bound));
        }).Check(Runs);
    }

    [Fact]
    public void Milp_SmallRealisticScenarios_RateLevelsTighterThanBigM()
    {
        // The big-M model (route-backs and transfers by big-M rows) is a weaker relaxation of the same MILP.
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (Problem(seed) is not { } p)
            {
                return true;
            }

            double Lp(MilpFormulation kind)
            {
                var model = new MilpModel(p, kind);
                model.BuildCost();
                model.BuildConstraints();
                return LpBoundEngine.Prove(model.Lp, double.MaxValue, null).Bound + model.Lp.ObjectiveConstant;
            }

            return Lp(MilpFormulation.RateLevels) >= Lp(MilpFormulation.BigM) - 1e-6;
        }).Check(Runs);
    }

    /// <summary>A generated scenario of 2 to 5 nodes allowed at three to five locations, or null when it has no candidate plan small enough to enumerate.</summary>
    private static PlanningProblem? Problem(int seed)
    {
        var rng = new Random(seed);
        var allowed = Pool.OrderBy(_ => rng.Next()).Take(rng.Next(3, 6)).Append("openai/global").ToList();
        var yaml = RealisticScenarios.Yaml(rng.Next(2, 6), seed, Pricing.Value)
            .Replace("constraints:\n", $"constraints:\n  allow: [{string.Join(", ", allowed)}]\n", StringComparison.Ordinal);
        var loaded = Placement.Data.Scenarios.ScenarioLoader.Load(yaml, "realistic.yaml", Pricing.Value);
        if (!loaded.Ok)
        {
            return null;
        }

        try
        {
            var p = PlanningProblem.Build(new CostModel(WorkflowGraph.Build(loaded.Value!), Pricing.Value), new NetworkModel(Pricing.Value));
            var combinations = p.Nodes.Aggregate(1.0, (a, n) => a * n.Candidates.Count);
            return combinations <= 20_000 ? p : null;
        }
        catch (PlanningException)
        {
            return null;
        }
    }
}
