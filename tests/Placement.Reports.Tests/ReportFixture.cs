using System.Text.Json;
using Placement.Cli;

namespace Placement.Reports.Tests;

/// <summary>
/// Runs the bundled local video pipeline once with the embedded executor (state in a temporary folder), then writes
/// the report of its plan with a 200-replica simulation, the measured trace and the frontier, through the CLI as a
/// user would. Shared by the tests of this class.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public ReportFixture()
    {
        Folder = Directory.CreateTempSubdirectory("placement-report-").FullName;
        var scenarios = Path.Combine(RepoPaths.Root, "scenarios");
        ScenarioPath = Path.Combine(scenarios, "video-pipeline-local.yaml");
        PlanPath = Path.Combine(scenarios, "video-pipeline-local.plan.json");
        var state = Path.Combine(Folder, "state");
        Cli(["run", ScenarioPath, "--plan", PlanPath, "--state", state, "--seed", "7"]);
        TracePath = Directory.GetFiles(Path.Combine(state, "runs"), "trace.json", SearchOption.AllDirectories).Single();
        ReportPath = Path.Combine(Folder, "report.html");
        Cli(["report", PlanPath, ScenarioPath, "--simulate", "200", "--runtime-cv", "0.3", "--trace", TracePath, "--pareto", "--out", ReportPath]);
        Html = File.ReadAllText(ReportPath);
        using var plan = JsonDocument.Parse(File.ReadAllText(PlanPath));
        PlanTotals = plan.RootElement.GetProperty("cost").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.Ordinal);
    }

    public string Folder { get; }

    public string ScenarioPath { get; }

    public string PlanPath { get; }

    public string TracePath { get; }

    public string ReportPath { get; }

    public string Html { get; }

    /// <summary>The plan file's <c>cost</c> object: compute, services, llm, egress, storage, total (USD).</summary>
    public IReadOnlyDictionary<string, decimal> PlanTotals { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void Cli(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error, terminal: false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"placement {string.Join(' ', args)} exited {exit}: {error}{output}");
        }
    }
}
