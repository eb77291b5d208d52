using FsCheck;
using FsCheck.Fluent;
using Placement.Cli;
using Placement.Planning.Milp;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// The branch-and-bound engines behind the MILP's LP stage: CBC and SCIP agree with brute force (optimum, bound,
/// every constraint), <c>plan --engine</c> is validated at the edge, and a failing engine says what to do.
/// </summary>
public class BranchAndBoundEngineTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(60);

    private static PlanningProblem? TryProblem(Placement.Core.Model.Scenario s)
    {
        try
        {
            return ProblemFor(s);
        }
        catch (PlanningException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData(BranchAndBoundEngine.Cbc)]
    [InlineData(BranchAndBoundEngine.Scip)]
    public void Engine_RandomConstrainedInstances_MatchesBruteForceWithSoundBound(BranchAndBoundEngine engine)
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, constraints: true)) is not { } p)
            {
                return true;
            }

            // No warm start: the LP stage is skipped, so branch and bound itself decides every instance.
            var brute = new BruteForceSolver().Solve(p, SolveOptions.Default);
            var milp = new MilpSolver().Solve(p, SolveOptions.Default with { Engine = engine });
            if (brute.Choice is null)
            {
                return milp.Choice is null && milp.Status == "infeasible";
            }

            return milp.Status == "optimal" && milp.Choice is { } c && p.Violations(c).Count == 0
                && Close(p.BilledCostUsd(c), brute.ObjectiveValue!.Value)
                && milp.LowerBound is { } lb && lb <= brute.ObjectiveValue.Value + 1e-6 && Close(lb, brute.ObjectiveValue.Value)
                && milp.Notes["branch-and-bound"] == engine.ToString().ToLowerInvariant();
        }).Check(Runs);
    }

    [Fact]
    public void Engines_RandomInstances_AgreeOnOptimumWithWarmStart()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed, maxNodes: 7));
            var cbc = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default with { Engine = BranchAndBoundEngine.Cbc });
            var scip = new MilpSolver(new LocalSearchSolver()).Solve(p, SolveOptions.Default with { Engine = BranchAndBoundEngine.Scip });
            return cbc.Status == "optimal" && scip.Status == "optimal" && Close(cbc.ObjectiveValue!.Value, scip.ObjectiveValue!.Value)
                && Close(p.BilledCostUsd(scip.Choice!), scip.ObjectiveValue.Value);
        }).Check(Runs);
    }

    [Fact]
    public void Scip_TimeObjective_MatchesBruteForceMakespan()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var p = ProblemFor(RandomInstances.Scenario(seed));
            var options = SolveOptions.Default with { Objective = PlanningObjective.Time, Engine = BranchAndBoundEngine.Scip };
            var brute = new BruteForceSolver().Solve(p, options);
            var milp = new MilpSolver().Solve(p, options);
            return Math.Abs(p.MakespanHours(milp.Choice!) - brute.ObjectiveValue!.Value) <= 1e-5;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    [Fact]
    public void Scip_InvalidModel_ThrowsNamingEngineAndAlternative()
    {
        var lp = new LinearModel();
        var x = lp.AddColumn(0, 10, -3, true);
        var y = lp.AddColumn(0, 10, 0, true);
        lp.AddRow([(x, 1), (y, double.NaN)], double.NegativeInfinity, 7.5);
        var e = Assert.Throws<BranchAndBoundException>(() => ScipEngine.Instance.Solve(lp, null, 0, null));
        Assert.Equal("scip", e.Engine);
        Assert.StartsWith("the branch-and-bound engine scip failed: SCIP stopped with status ABNORMAL and no plan", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("Hint: use --engine cbc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MilpSolver_EngineFails_ExceptionReachesCaller()
    {
        var p = ProblemFor(RandomInstances.Scenario(3));
        var solver = new MilpSolver(null, MilpFormulation.RateLevels, new FailingEngine());
        var e = Assert.Throws<BranchAndBoundException>(() => solver.Solve(p, SolveOptions.Default));
        Assert.Contains("Hint: use --engine scip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_ConstraintsThatCoupleNodes_ScipElseCbc()
    {
        var plain = ProblemFor(RandomInstances.Scenario(5));
        Assert.Equal(BranchAndBoundEngine.Cbc, BranchAndBoundEngines.Pick(plain));
        var capped = plain.WithConstraints(plain.Constraints with { DefaultMaxGpusPerLocation = 4 });
        Assert.Equal(BranchAndBoundEngine.Scip, BranchAndBoundEngines.Pick(capped));
        var budget = plain.WithConstraints(plain.Constraints with { BudgetUsd = 1e6m });
        Assert.Equal(BranchAndBoundEngine.Scip, BranchAndBoundEngines.Pick(budget));
    }

    [Fact]
    public void Plan_UnknownEngine_ExitsTwoNamingOptionAndChoices()
    {
        var dir = Directory.CreateTempSubdirectory("placement-engine-");
        var outFile = Path.Combine(dir.FullName, "plan.json");
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, output, error) = Run("plan", scenario, "--engine", "gurobi", "--out", outFile);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: command line: --engine: 'gurobi' is not a branch-and-bound engine. Hint: use auto, cbc, scip\n1 problem(s); nothing was written.\n", error);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void Plan_EachEngine_SameTotalAsDefault()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var totals = new[] { "auto", "cbc", "scip" }.Select(engine =>
        {
            var (code, output, error) = Run("plan", scenario, "--engine", engine, "--solver", "milp");
            Assert.True(code == 0, error);
            return output.Split('\n').First(l => l.StartsWith("objective cost: total $", StringComparison.Ordinal)).Split(';')[0];
        }).ToList();
        Assert.Single(totals.Distinct());
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, output, error, terminal: false);
        return (code, output.ToString(), error.ToString());
    }

    private sealed class FailingEngine : IBranchAndBoundEngine
    {
        public string Name => "cbc";

        public MilpResult Solve(LinearModel lp, double? timeLimitSeconds, double relativeGap, (int[] Columns, double[] Values)? start) =>
            throw new BranchAndBoundException("cbc", "CBC stopped abnormally");
    }
}
