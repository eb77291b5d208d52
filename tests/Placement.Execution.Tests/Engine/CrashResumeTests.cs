using System.Diagnostics;
using Placement.Execution.Journal;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Engine;

/// <summary>The executor as a real child process (<c>dotnet placement.dll run ...</c>), killed by PID mid-run and resumed.</summary>
public class CrashResumeTests
{
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestKit.RepoRoot };
        info.ArgumentList.Add(TestKit.PlacementDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info)!;
    }

    [Fact]
    public async Task Run_KilledByPidMidRun_ResumeCompletesEveryOutputOnceWithRightHash()
    {
        var folder = TestKit.TempFolder("crash");
        var (path, graph) = TestKit.Scenario(folder, Scenarios.CommandChain(8, 0.3));
        var plan = Path.Combine(folder, "plan.json");
        File.WriteAllText(plan, Placement.Data.Plans.PlanJson.Write(TestKit.PlanFor(graph, Enumerable.Range(1, 8).Select(i => ($"n{i}", "aws/us-east-1")).ToArray())));
        var state = Path.Combine(folder, "state");
        var pricing = Path.Combine(TestKit.RepoRoot, "pricing-data");

        // First process: kill it (SIGKILL, no chance to clean up) once three nodes have committed.
        string? runId = null;
        using (var first = Start("run", path, "--plan", plan, "--state", state, "--pricing", pricing, "--seed", "3"))
        {
            var commits = 0;
            while (await first.StandardOutput.ReadLineAsync() is { } line)
            {
                runId ??= line.StartsWith("Run ", StringComparison.Ordinal) ? line.Split(' ')[1] : null;
                if (line.StartsWith("commit", StringComparison.Ordinal) && ++commits == 3)
                {
                    first.Kill();
                    break;
                }
            }

            await first.WaitForExitAsync();
            Assert.NotEqual(0, first.ExitCode);
        }

        Assert.NotNull(runId);
        using (var journal = new SqliteJournal(Path.Combine(state, "journal.db")))
        {
            var before = journal.Commits(runId!).Count;
            Assert.InRange(before, 3, 7);
        }

        using (var second = Start("run", path, "--plan", plan, "--state", state, "--pricing", pricing, "--resume", runId!))
        {
            var output = await second.StandardOutput.ReadToEndAsync();
            var error = await second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.True(second.ExitCode == 0, output + error);
            Assert.Contains($"Run {runId} succeeded: 8 node(s) committed", output, StringComparison.Ordinal);
        }

        using (var journal = new SqliteJournal(Path.Combine(state, "journal.db")))
        {
            var commits = journal.Commits(runId!);
            Assert.Equal(8, commits.Count);
            Assert.Contains(commits.Values, c => c.Kind == Ports.NodeCommitKind.Ran);
            var backend = new LocalFolderBackend(Path.Combine(state, "buckets"));
            foreach (var c in commits.Values)
            {
                Assert.Equal(1, journal.CommitCount(c.IdempotencyKey));
                var stored = await ContentHash.OfObjectAsync(backend, Core.Model.Location.Parse(c.StorageHome), c.ObjectKey, default);
                Assert.Equal((c.Sha256, c.Bytes), stored);
            }

            // The chain's last output proves each node read its parent's committed output.
            var last = File.ReadAllText(TestKit.OutputFile(state, "aws/us-east-1", "exec-chain", runId!, "n8"));
            Assert.StartsWith("node-8 ", last, StringComparison.Ordinal);
        }
    }
}
