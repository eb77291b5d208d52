using Placement.Cli;

namespace Placement.Planning.Tests;

/// <summary>The plan and explain commands on scenarios/video-pipeline.yaml, compared with checked-in golden files.</summary>
public class PlanCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, output, error, terminal: false);
        return (code, output.ToString(), error.ToString());
    }

    private static void MatchesGolden(string name, string actual)
    {
        // Set UPDATE_GOLDEN=1 to rewrite the checked-in file after a deliberate change; review the diff.
        var path = Path.Combine(RepoPaths.Root, "tests", "Placement.Planning.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Fact]
    public void Plan_VideoPipeline_MatchesGoldenFile()
    {
        var dir = Directory.CreateTempSubdirectory("placement-plan-");
        var outFile = Path.Combine(dir.FullName, "plan.json");
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, output, error) = Run("plan", scenario, "--out", outFile);
        Assert.True(code == 0, error);
        Assert.True(File.Exists(outFile));
        MatchesGolden("plan-video-pipeline.txt", output.Replace(outFile, "PLAN.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_TransferPastAnEgressTier_TableShowsTheBilledRateBesideTheBilledDollars()
    {
        // 20 TiB leave GCP: 1 TiB at $0.12/GiB, 9 TiB at $0.11, 10 TiB at $0.08 = $1,955.84, i.e. $0.0955/GiB billed.
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "training-egress-tiers.yaml");
        var (code, output, error) = Run("plan", scenario);
        Assert.True(code == 0, error);
        Assert.Contains("0.0955/GiB (tiered, first tier 0.1200)   1955.84", output, StringComparison.Ordinal);
        MatchesGolden("plan-training-egress-tiers.txt", output);
    }

    [Fact]
    public void Explain_VideoPipelinePlan_MatchesGoldenFile()
    {
        var dir = Directory.CreateTempSubdirectory("placement-explain-");
        var outFile = Path.Combine(dir.FullName, "plan.json");
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        Assert.Equal(0, Run("plan", scenario, "--out", outFile).Code);
        var (code, output, error) = Run("explain", outFile, scenario);
        Assert.True(code == 0, error);
        MatchesGolden("explain-video-pipeline.txt", output);
    }

    [Fact]
    public void Plan_BudgetBelowCheapest_ExitsTwoNamingTheBudget()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, output, error) = Run("plan", scenario, "--budget", "10");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("constraints: budget $10.00 is below the cheapest plan meeting the other constraints ($27.31)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UnknownSolver_ExitsTwoListingTheSolvers()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, _, error) = Run("plan", scenario, "--solver", "magic");
        Assert.Equal(2, code);
        Assert.Contains("'magic' is not a solver", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TreewidthDpWithTimeObjective_ExitsTwoWithTheReason()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, output, error) = Run("plan", scenario, "--solver", "treewidth-dp", "--objective", "time");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("treewidth-dp does not apply: it minimises cost only; use --solver milp", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TreewidthDpByName_SameCostAsTheMilp()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, output, error) = Run("plan", scenario, "--solver", "treewidth-dp");
        Assert.True(code == 0, error);
        Assert.Contains("solver treewidth-dp (optimal)", output, StringComparison.Ordinal);
        Assert.Contains("total $27.31; proven lower bound $27.31", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SameScenarioTwice_SameOutput()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        Assert.Equal(Run("plan", scenario).Out, Run("plan", scenario).Out);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100")]
    public void Plan_GapOutsideZeroToHundred_ExitsTwoNamingTheGap(string gap)
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, output, error) = Run("plan", scenario, "--gap", gap);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--gap", error, StringComparison.Ordinal);
        Assert.Contains("give a number from 0 up to but not including 100", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MilpWithOnePercentGap_ReportsAPlanProvenWithinIt()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, output, error) = Run("plan", scenario, "--solver", "milp", "--gap", "1");
        Assert.True(code == 0, error);
        var heading = output.Split('\n')[0];
        Assert.Matches(@"^Plan for scenario video-pipeline, solver milp \((optimal|within-gap)\)$", heading);
        var gap = System.Text.RegularExpressions.Regex.Match(output, @"gap (\d+\.\d+)%");
        Assert.True(gap.Success, output);
        Assert.True(double.Parse(gap.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 1.0, output);
    }
}
