using System.Diagnostics;
using Placement.Execution.Journal;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Engine;

/// <summary>The executor killed by PID while a node's fallback runs, then resumed: the node commits once.</summary>
public class FallbackResumeTests
{
    [Fact]
    public async Task Resume_KilledDuringFallback_CommitsTheNodeOnce()
    {
        var folder = TestKit.TempFolder("fb-crash");
        // The primary always fails; the fallback (object form) marks that it started, then hangs until the test allows it.
        var yaml = """
            name: exec-fb-crash
            storage: { default: aws/us-east-1, retentionMonths: 1 }
            nodes:
              - name: only
                endpoint: { kind: vm, minVcpus: 2 }
                work: { runtimeHours: 0.1 }
                outputBytes: 10
                handler:
                  kind: command
                  run: "exit 4"
                  maxAttempts: "1"
                  fallback:
                    kind: command
                    run: "echo $PLACEMENT_IDEMPOTENCY_KEY >> $PLACEMENT_SCENARIO_DIR/started; [ -f $PLACEMENT_SCENARIO_DIR/go ] || sleep 60; printf %s $PLACEMENT_IDEMPOTENCY_KEY > $PLACEMENT_OUTPUT"
            edges: []
            """;
        var (path, graph) = TestKit.Scenario(folder, yaml);
        var planFile = Path.Combine(folder, "plan.json");
        var plan = TestKit.PlanFor(graph, ("only", "aws/us-east-1"));
        File.WriteAllText(planFile, Placement.Data.Plans.PlanJson.Write(plan));
        var state = Path.Combine(folder, "state");
        var started = Path.Combine(folder, "started");

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestKit.RepoRoot };
        foreach (var a in new[] { TestKit.PlacementDll, "run", path, "--plan", planFile, "--state", state, "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data"), "--seed", "5" })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["NO_COLOR"] = "1";
        string? runId = null;
        using (var first = Process.Start(info)!)
        {
            var line = await first.StandardOutput.ReadLineAsync();
            runId = line is not null && line.StartsWith("Run ", StringComparison.Ordinal) ? line.Split(' ')[1] : null;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(started) && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(50);
            }

            Assert.True(File.Exists(started), "the fallback never started");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.NotNull(runId);
        File.WriteAllText(Path.Combine(folder, "go"), "");
        using (var executor = TestKit.Executor(state, new StorageMap(new LocalFolderBackend(Path.Combine(state, "buckets")))))
        {
            Assert.Empty(executor.Journal.Commits(runId!));
            Assert.Contains(executor.Journal.Attempts(runId!), a => a.Kind == AttemptKind.Fallback && a.Status == "running");

            var request = new RunRequest(graph, plan, folder);
            var resumed = await executor.ResumeAsync(runId!, request, null, null, default);
            Assert.True(resumed.Status == RunStatus.Succeeded, string.Join("\n", resumed.Errors));
            Assert.Equal(NodeCommitKind.Fallback, resumed.Nodes.Single().Kind);
            // The killed fallback attempt stays in the journal as interrupted; the resumed attempts are numbered on.
            Assert.Equal(
                [(1, AttemptKind.Primary, "failed"), (2, AttemptKind.Fallback, "interrupted"), (3, AttemptKind.Primary, "failed"), (4, AttemptKind.Fallback, "ok")],
                executor.Journal.Attempts(runId!).OrderBy(a => a.Attempt).Select(a => (a.Attempt, a.Kind, a.Status)));
            var attempts = executor.Journal.Attempts(runId!).Count;
            var again = await executor.ResumeAsync(runId!, request, null, null, default);
            Assert.Equal(RunStatus.Succeeded, again.Status);
            Assert.Equal(attempts, executor.Journal.Attempts(runId!).Count);

            Assert.Equal(1, executor.Journal.CommitCount($"{runId}/only"));
            Assert.Equal(0, executor.Journal.CommitCount($"{runId}/only#fallback"));
            Assert.Equal($"{runId}/only#fallback", File.ReadAllText(TestKit.OutputFile(state, "aws/us-east-1", "exec-fb-crash", runId!, "only")));
            Assert.Equal([$"{runId}/only#fallback", $"{runId}/only#fallback"], File.ReadAllLines(started));
        }
    }
}
