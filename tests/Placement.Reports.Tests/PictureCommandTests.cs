using Placement.Cli;

namespace Placement.Reports.Tests;

/// <summary>The picture options of the CLI: files written when asked, bad input refused with exit 2 and nothing written.</summary>
public sealed class PictureCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("placement-pictures-").FullName;

    private static string Scenario(string name) => Path.Combine(RepoPaths.Root, "scenarios", name);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Simulate_GanttPng_WritesAPng()
    {
        var png = Path.Combine(folder, "gantt.png");
        var (exit, _) = Cli("simulate", Scenario("video-pipeline-local.yaml"), "--plan", Scenario("video-pipeline-local.plan.json"), "--replicas", "3", "--gantt-png", png);
        Assert.Equal(0, exit);
        Assert.Equal((byte)0x89, File.ReadAllBytes(png)[0]);
    }

    [Fact]
    public void Plan_ParetoPng_WritesAPng()
    {
        var png = Path.Combine(folder, "pareto.png");
        var (exit, _) = Cli("plan", Scenario("finetune-eu.yaml"), "--pareto", "--png", png);
        Assert.Equal(0, exit);
        Assert.True(new FileInfo(png).Length > 5_000);
    }

    [Fact]
    public void Plan_PngWithoutPareto_ExitsTwoNamingTheOption()
    {
        var png = Path.Combine(folder, "pareto.png");
        var (exit, error) = Cli("plan", Scenario("finetune-eu.yaml"), "--png", png);
        Assert.Equal(2, exit);
        Assert.Contains("--png", error, StringComparison.Ordinal);
        Assert.False(File.Exists(png));
    }

    [Theory]
    [InlineData("--simulate", "0")]
    [InlineData("--runtime-cv", "-1")]
    public void Report_BadOption_ExitsTwoAndWritesNothing(string option, string value)
    {
        var html = Path.Combine(folder, "r.html");
        var (exit, error) = Cli("report", Scenario("video-pipeline-local.plan.json"), Scenario("video-pipeline-local.yaml"), option, value, "--out", html);
        Assert.Equal(2, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.False(File.Exists(html));
    }

    [Fact]
    public void Report_PlanOfAnotherScenario_ExitsTwo()
    {
        var html = Path.Combine(folder, "r.html");
        var (exit, error) = Cli("report", Scenario("video-pipeline-local.plan.json"), Scenario("video-pipeline.yaml"), "--out", html);
        Assert.Equal(2, exit);
        Assert.Contains("scenario", error, StringComparison.Ordinal);
        Assert.False(File.Exists(html));
    }

    private static (int Exit, string Error) Cli(params string[] args)
    {
        var error = new StringWriter();
        return (CliApp.Run(args, new StringWriter(), error, terminal: false), error.ToString());
    }
}
