using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Planning.Milp;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>The staged-copy rule in the planner's model: a staged copy holds the largest read of the readers with storage there.</summary>
public class StagedCopyTests
{
    private const long Gb = 1_000_000_000;

    /// <summary>The example: a streaming VM reads 40 GB and a storing VM 5 GB of src's output, kept two months.</summary>
    private static Scenario Example(CandidateRules readers) => Scenario(
        [Vm("src", 40 * Gb, rules: new CandidateRules([], [], L("gcp/us-west1"))),
         Vm("stream", 0, rules: readers) with { Persistence = Persistence.None },
         Vm("store", 0, rules: readers)],
        [new Edge("src", "stream", null), new Edge("src", "store", 5 * Gb)],
        retention: 2);

    [Fact]
    public void CostUsd_StreamingAndStoringReaderTogether_StagesTheStoringReadOnly()
    {
        var s = Example(new CandidateRules([], [], L("aws/us-east-1")));
        var p = ProblemFor(s);
        var choice = new int[p.NodeCount];
        var cost = ModelFor(s).Evaluate(p.Assignment(choice));

        // 40 GB egress gcp -> aws at $0.12/GiB, staged 5 GB x $0.023 x 2 at aws, home 40 GB at gcp x $0.020/GiB x 2.
        var expected = (40 * Gb / 1073741824.0 * 0.12) + (5 * 0.023 * 2) + (40 * Gb / 1073741824.0 * 0.020 * 2);
        Assert.Equal(5 * Gb, cost.Storage.Single(x => x.Copy == StorageCopy.Staged).Bytes);
        Assert.Equal(expected + (double)cost.Totals.ComputeUsd, p.CostUsd(choice), 6);
        Assert.Equal((double)cost.Totals.TotalUsd, p.CostUsd(choice), 5);
    }

    [Fact]
    public void Solvers_StreamingAndStoringReaders_PlanCostEqualsTheCostModel()
    {
        var s = Example(CandidateRules.Any);
        var p = ProblemFor(s);
        var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
        foreach (var solver in new ISolver[] { new MilpSolver(), new TreewidthDpSolver(), new LocalSearchSolver() })
        {
            var plan = Planner.Solve(p, solver, SolveOptions.Default);
            Assert.Equal(ModelFor(s).Evaluate(plan.Assignment).Totals, plan.Cost.Totals);
            Assert.Equal(brute.ObjectiveValue!.Value, p.CostUsd(p.Choice(plan.Assignment)!), 6);
        }
    }
}
