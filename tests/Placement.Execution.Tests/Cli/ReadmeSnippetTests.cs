using System.Diagnostics;

namespace Placement.Execution.Tests.Cli;

/// <summary>The README's "run a plan on this machine" commands, run as a new user would (a child process).</summary>
public class ReadmeSnippetTests
{
    private static (int Code, string Out, string Err) Placement(string state, params string[] args) => Child([.. args, "--state", state]);

    private static (int Code, string Out, string Err) Child(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestKit.RepoRoot };
        info.ArgumentList.Add(TestKit.PlacementDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove("OPENAI_API_KEY");
        info.Environment.Remove("PLACEMENT_OPENAI_API_KEY");
        using var p = Process.Start(info)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }

    [Fact]
    public void RunThenReconcile_LocalVideoPipeline_SummaryStoredAndReconciled()
    {
        var state = TestKit.TempFolder("readme");
        var (code, output, error) = Placement(state, "run", "scenarios/video-pipeline-local.yaml", "--plan", "scenarios/video-pipeline-local.plan.json");
        Assert.True(code == 0, output + error);
        Assert.Contains("succeeded: 4 node(s) committed", output, StringComparison.Ordinal);
        var runId = output.Split('\n')[0].Split(' ')[1];
        var summary = File.ReadAllText(TestKit.OutputFile(state, "aws/us-east-1", "video-pipeline-local", runId, "summarise"));
        Assert.StartsWith("Summary (stand-in for the LLM): 40 shots; top labels:", summary, StringComparison.Ordinal);

        var trace = Directory.GetFiles(Path.Combine(state, "runs"), "trace.json", SearchOption.AllDirectories).Single();
        var csv = Path.Combine(state, "reconcile.csv");
        var args = new[] { "reconcile", "scenarios/video-pipeline-local.plan.json", trace, "--csv", csv };
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = TestKit.RepoRoot };
        info.ArgumentList.Add(TestKit.PlacementDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("transfer,split,gcp/us-west1,aws/us-east-1,22000,21752,", File.ReadAllText(csv), StringComparison.Ordinal);
        Assert.Contains("Bytes moved: predicted 25000, measured 22782", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RunThenSimulateTrace_LocalVideoPipeline_SimulatorReplaysTheExecutorTrace()
    {
        var state = TestKit.TempFolder("readme-sim");
        var (code, output, error) = Placement(state, "run", "scenarios/video-pipeline-local.yaml", "--plan", "scenarios/video-pipeline-local.plan.json");
        Assert.True(code == 0, output + error);
        var trace = Directory.GetFiles(Path.Combine(state, "runs"), "trace.json", SearchOption.AllDirectories).Single();
        Assert.Contains("\"format\": \"placement-trace/1\"", File.ReadAllText(trace), StringComparison.Ordinal);

        (code, output, error) = Child("simulate", "scenarios/video-pipeline-local.yaml", "--plan", "scenarios/video-pipeline-local.plan.json", "--trace", trace);
        Assert.True(code == 0, output + error);
        Assert.Contains("Runtimes and bytes: replayed from trace.json", output, StringComparison.Ordinal);

        (code, output, error) = Child("reconcile", "scenarios/video-pipeline-local.plan.json", trace);
        Assert.True(code == 0, output + error);
        Assert.Contains("Bytes moved: predicted 25000, measured 22782", output, StringComparison.Ordinal);
    }
}
