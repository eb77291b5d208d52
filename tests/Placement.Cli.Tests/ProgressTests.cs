using Placement.Cli.Progress;

namespace Placement.Cli.Tests;

/// <summary>The wall-clock budget of plan --time-limit and the terminal-only progress lines.</summary>
[Collection("cli")]
public class ProgressTests
{
    [Fact]
    public void ForSolver_WithLimit_KeepsReserveForLaterStages()
    {
        var budget = WallClockBudget.Start(100);
        var solver = budget.ForSolver(pairs: 1_000_000)!.Value;
        var remaining = budget.Remaining!.Value;
        Assert.True(remaining <= 100 - budget.Elapsed + 1e-6);
        Assert.InRange(remaining - solver, 0.1 * 100 - 1e-6, 0.4 * 100 + 1e-6);
        Assert.True(budget.ForBaselines(10) <= 10);
    }

    [Fact]
    public void ForSolver_NoLimit_IsUnlimited()
    {
        var budget = WallClockBudget.Start(null);
        Assert.Null(budget.ForSolver(1000));
        Assert.Null(budget.Remaining);
        Assert.Equal(10, budget.ForBaselines(10));
    }

    [Fact]
    public void Report_OnlyWhenEnabled()
    {
        var (enabled, writer) = (CliProgress.Enabled, CliProgress.Writer);
        try
        {
            var text = new StringWriter();
            CliProgress.Writer = text;
            CliProgress.Enabled = false;
            CliProgress.Report("plan", "quiet");
            Assert.Equal("", text.ToString());
            CliProgress.Enabled = true;
            CliProgress.Report("plan", "solving");
            Assert.Matches(@"^\[ *\d+\.\d s\] plan: solving\n$", text.ToString());
        }
        finally
        {
            (CliProgress.Enabled, CliProgress.Writer) = (enabled, writer);
        }
    }

    [Fact]
    public void Plan_TimeLimitLeavesNoTimeForBaselines_WritesPlanAndLeavesBaselinesOut()
    {
        // Under a limit this small the budget floors at 0.01 s, below what a baseline needs: the plan file is still
        // written (it comes before the baselines), and the baselines are left out instead of overrunning the limit.
        var dir = Path.Combine(Path.GetTempPath(), $"progress-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var planPath = Path.Combine(dir, "plan.json");
            var (exit, output, _) = CliRunner.Run("plan", Path.Combine(CliRunner.Root, "scenarios/video-pipeline.yaml"), "--time-limit", "0.001", "--out", planPath);
            Assert.Equal(0, exit);
            Assert.True(File.Exists(planPath));
            var savings = output[output.IndexOf("Savings against baselines", StringComparison.Ordinal)..];
            Assert.DoesNotContain("single-location", savings, StringComparison.Ordinal);

            var (unlimitedExit, unlimited, _) = CliRunner.Run("plan", Path.Combine(CliRunner.Root, "scenarios/video-pipeline.yaml"));
            Assert.Equal(0, unlimitedExit);
            Assert.Contains("single-location", unlimited[unlimited.IndexOf("Savings against baselines", StringComparison.Ordinal)..], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
