using Placement.Planning.Milp;
using static Placement.Testing.Fixtures;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>Regression tests of the MILP, each named after the bug it caught.</summary>
public class MilpRegressionTests
{
    /// <summary>
    /// A shared egress-rate column in USD per byte had coefficients near 1e-10 that CBC dropped, so fan-out
    /// transfers from a variable home cost nothing (seeds 4, 34, 56 among the first hundred). Rates are now
    /// in USD per GB. Checks the first 300 seeds exhaustively rather than a random sample.
    /// </summary>
    [Fact]
    public void Solve_FanOutFromVariableHome_ChargesTheTransfer_Seeds0To300()
    {
        var failures = new List<string>();
        for (var seed = 0; seed < 300; seed++)
        {
            var p = ProblemFor(RandomInstances.Scenario(seed));
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default).ObjectiveValue!.Value;
            var milp = new MilpSolver().Solve(p, SolveOptions.Default);
            var tolerance = 1e-6 * Math.Max(1, brute);
            if (Math.Abs(milp.ObjectiveValue!.Value - brute) > tolerance || Math.Abs(p.CostUsd(milp.Choice!) - brute) > tolerance)
            {
                failures.Add($"seed {seed}: milp objective {milp.ObjectiveValue}, its plan {p.CostUsd(milp.Choice!)}, brute force {brute}");
            }
        }

        Assert.Empty(failures);
    }
}
