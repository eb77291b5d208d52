using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Model;
using Placement.Planning.Milp;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The stronger side-constraint rows of the MILP (<c>MilpModel.SideRows.cs</c>: candidate fixing, deadline windows,
/// anti-affinity reader rows) are valid: on small random constrained instances the MILP with them finds brute force's
/// optimum, the same as with the plain rows, and its bound never passes the optimum.
/// </summary>
public class SideRowsTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(80);

    [Theory]
    [InlineData(BranchAndBoundEngine.Cbc)]
    [InlineData(BranchAndBoundEngine.Scip)]
    public void StrongRows_RandomConstrainedInstances_SameOptimumAsBruteForceAndPlainRows(BranchAndBoundEngine engine)
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(WithSharedReaderAntiAffinity(RandomInstances.Scenario(seed, maxNodes: 6, constraints: true), seed)) is not { } p)
            {
                return true;
            }

            // No warm start: branch and bound decides, on the strong and on the plain rows.
            var options = SolveOptions.Default with { Engine = engine };
            var brute = new BruteForceSolver().Solve(p, options);
            var strong = new MilpSolver().Solve(p, options);
            var plain = new MilpSolver { StrongSideRows = false }.Solve(p, options);
            if (brute.Choice is null)
            {
                return strong.Choice is null && strong.Status == "infeasible" && plain.Choice is null;
            }

            var optimum = brute.ObjectiveValue!.Value;
            return strong.Status == "optimal" && strong.Choice is { } c && p.Violations(c).Count == 0
                && Close(p.BilledCostUsd(c), optimum) && strong.LowerBound <= optimum + 1e-6
                && plain.Status == "optimal" && Close(plain.ObjectiveValue!.Value, strong.ObjectiveValue!.Value);
        }).Check(Runs);
    }

    [Fact]
    public void StrongRows_AntiAffinityReadersOfOneDataset_AddsReaderRowsAndKeepsOptimum()
    {
        var s = Scenario([Vm("a", 1000), Vm("b", 1000), Vm("c", 1000)], [new Edge("input", "a", null, null), new Edge("input", "b", null, null), new Edge("input", "c", null, null)],
            [new Dataset("input", L("aws/us-east-1"), 50_000_000_000, [], null)]);
        var p = ProblemFor(s with { Constraints = ScenarioConstraints.None with { AntiAffinity = [["a", "b", "c"]] } });
        var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
        var strong = new MilpSolver().Solve(p, SolveOptions.Default);
        Assert.Equal("optimal", strong.Status);
        Assert.True(Close(strong.ObjectiveValue!.Value, brute.ObjectiveValue!.Value));
        Assert.Matches(@", [1-9][0-9]* anti-affinity reader rows$", strong.Notes["side-rows"]);
        Assert.False(new MilpSolver { StrongSideRows = false }.Solve(p, SolveOptions.Default).Notes.ContainsKey("side-rows"));
    }

    [Fact]
    public void StrongRows_DeadlineBelowSlowSkus_FixesThemAndKeepsOptimum()
    {
        // A chain of two jobs taking 8 h on GCP's SKU and 1 h on AWS's, under a 3 h deadline: no GCP candidate fits.
        static WorkflowNode Job(string name) => Vm(name, 1_000_000) with
        {
            Work = WorkEstimate.None with { RuntimeHours = 1m, RuntimeHoursBySku = new Dictionary<string, decimal> { ["n2-standard-8"] = 8m, ["m5.2xlarge"] = 1m } },
        };
        var s = Scenario([Job("a"), Job("b")], [new Edge("a", "b", null, null)], []);
        var p = ProblemFor(s with { Constraints = ScenarioConstraints.None with { DeadlineHours = 3m } });
        var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
        var strong = new MilpSolver().Solve(p, SolveOptions.Default);
        Assert.Equal("optimal", strong.Status);
        Assert.True(Close(strong.ObjectiveValue!.Value, brute.ObjectiveValue!.Value));
        var gcp = p.Nodes.Sum(n => n.Candidates.Count(c => c.Location.ToString().StartsWith("gcp", StringComparison.Ordinal) && c.Offering == "n2-standard-8"));
        Assert.True(gcp >= 2, "the fixture needs GCP SKUs");
        Assert.StartsWith($"{gcp} candidate columns fixed", strong.Notes["side-rows"], StringComparison.Ordinal);
    }

    /// <summary>The scenario with an anti-affinity pair over two readers of one item, when some item has two (valid rows to test).</summary>
    private static Scenario WithSharedReaderAntiAffinity(Scenario s, int seed)
    {
        var shared = s.Edges.GroupBy(e => e.From).Where(g => g.Select(e => e.To).Distinct().Count() >= 2).ToList();
        if (shared.Count == 0 || new Random(seed).Next(3) == 0)
        {
            return s;
        }

        var readers = shared[0].Select(e => e.To).Distinct(StringComparer.Ordinal).Take(2).Order(StringComparer.Ordinal).ToList();
        return s with { Constraints = s.Constraints with { AntiAffinity = [.. s.Constraints.AntiAffinity, readers] } };
    }
}
