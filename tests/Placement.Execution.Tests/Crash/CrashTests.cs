using System.Text.Json;

namespace Placement.Execution.Tests.Crash;

/// <summary>
/// The executor as the real CLI process, SIGKILLed at seeded random moments and resumed until done; then two
/// resumes of one run at once, and two fresh runs of one scenario at once.
/// </summary>
public class CrashTests
{
    private static CrashHarness Harness(string name) => new(TestKit.PlacementDll, TestKit.RepoRoot, TestKit.TempFolder(name));

    [Fact]
    public async Task Run_KilledAtRandomMomentsAndResumed_NothingLostOrDoubledEveryReExecutionJournaledNoOrphans()
    {
        var figures = await Harness("crash-kill").RunAsync(nodes: 12, sleepSeconds: 0.4, kills: 6, seed: 11, maxDelaySeconds: 1.5);
        Assert.True(figures.Kills >= 4, figures.ToString());
        Assert.True(figures.Interrupted >= 1 && figures.ReExecutions >= 1, figures.ToString());
        Assert.True(figures.Lost == 0 && figures.DuplicateCommits == 0 && figures.UnjournaledReExecutions == 0 && figures.Orphans == 0, figures.ToString());
        Assert.True(figures.Executions >= 6, figures.ToString());
    }

    [Fact]
    public async Task Resume_WhileAnotherProcessDrivesTheRun_RefusedNamingTheOwnerAndTheOwnerFinishes()
    {
        var harness = Harness("crash-two-resumes");
        var (scenario, plan) = await harness.PrepareAsync(nodes: 3, sleepSeconds: 1.5);
        using var owner = harness.Start(harness.RunArgs(scenario, plan, null, "1"));
        var first = await owner.StandardOutput.ReadLineAsync();
        var runId = first!.Split(' ')[1];
        var rest = owner.StandardOutput.ReadToEndAsync();

        var (code, output, error) = await harness.RunToEndAsync(harness.RunArgs(scenario, plan, runId, "2"));
        Assert.Equal(2, code);
        Assert.Contains($"run {runId} is being driven by another process: pid {owner.Id}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("start ", output, StringComparison.Ordinal);

        await owner.WaitForExitAsync();
        Assert.True(owner.ExitCode == 0, await rest);
        Assert.Contains($"Run {runId} succeeded: 3 node(s) committed", await rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TwoFreshRunsOfOneScenarioAtOnce_BothSucceedUnderTheirOwnKeysWithMatchingHashes()
    {
        var harness = Harness("crash-two-runs");
        var (scenario, plan) = await harness.PrepareAsync(nodes: 3, sleepSeconds: 0.3);
        var a = harness.RunToEndAsync(harness.RunArgs(scenario, plan, null, "7"));
        var b = harness.RunToEndAsync(harness.RunArgs(scenario, plan, null, "7"));
        var results = await Task.WhenAll(a, b);
        Assert.All(results, r => Assert.True(r.Code == 0, r.Out + r.Err));
        var ids = results.Select(r => r.Out.Split('\n')[0].Split(' ')[1]).ToList();
        Assert.NotEqual(ids[0], ids[1]);
        foreach (var id in ids)
        {
            var manifestPath = Path.Combine(Path.GetDirectoryName(scenario)!, "state", "runs", id, "manifest.json");
            using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
            var outputs = manifest.RootElement.GetProperty("outputs").EnumerateArray().ToList();
            Assert.Equal(3, outputs.Count);
            foreach (var o in outputs)
            {
                var uri = o.GetProperty("uri").GetString()!;
                if (o.GetProperty("kind").GetString() == "ran")
                {
                    // What a run computed lies under its own key; a cache hit points at the other run's (never a copy).
                    Assert.Contains($"/runs/{id}/", uri, StringComparison.Ordinal);
                }

                var path = new Uri(uri).LocalPath;
                Assert.Equal(o.GetProperty("sha256").GetString(), await Placement.Execution.Storage.ContentHash.OfFileAsync(path, default));
            }
        }
    }
}
