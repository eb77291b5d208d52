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
}
