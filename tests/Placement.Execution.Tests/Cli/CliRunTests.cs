using Placement.Cli;

namespace Placement.Execution.Tests.Cli;

public class CliRunTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, terminal: false);
        return (code, o.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), e.ToString());
    }

    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    private static (string Folder, string Scenario, string Plan) SpreadOnDisk(string name, string? yaml = null)
    {
        var folder = TestKit.TempFolder(name);
        var (path, graph) = TestKit.Scenario(folder, yaml ?? Scenarios.Spread);
        TestKit.WriteBytes(Path.Combine(folder, "raw.bin"), 5000);
        var plan = Path.Combine(folder, "plan.json");
        File.WriteAllText(plan, Placement.Data.Plans.PlanJson.Write(TestKit.PlanFor(graph, Scenarios.SpreadPlacement)));
        return (folder, path, plan);
    }

    [Fact]
    public void Run_LocalStorage_SucceedsAndPrintsRunIdFirstAndSummary()
    {
        var (folder, scenario, plan) = SpreadOnDisk("cli-run");
        var (code, output, error) = Cli("run", scenario, "--plan", plan, "--state", Path.Combine(folder, "state"), "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data"), "--seed", "1");
        Assert.True(code == 0, error + output);
        Assert.StartsWith("Run run-", output, StringComparison.Ordinal);
        Assert.Contains("succeeded: 5 node(s) committed, 11000 bytes moved in 5 transfer(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PrimaryFailsWithNoopFallback_SummarySaysTheOutputCameFromTheFallback()
    {
        var yaml = Scenarios.Spread.Replace("outputBytes: 2000, handler: { kind: noop }", "outputBytes: 2000, handler: { kind: command, run: \"exit 1\", maxAttempts: \"1\", fallback: { kind: noop } }", StringComparison.Ordinal);
        var (folder, scenario, plan) = SpreadOnDisk("cli-fallback", yaml);
        var (code, output, error) = Cli("run", scenario, "--plan", plan, "--state", Path.Combine(folder, "state"), "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data"), "--seed", "1");
        Assert.True(code == 0, error + output);
        Assert.Contains("start    b at gcp/us-west1 (attempt 2, fallback noop)", output, StringComparison.Ordinal);
        Assert.Contains("commit   b fallback 2000 bytes", output, StringComparison.Ordinal);
        Assert.Contains("Output from the fallback handler (the primary failed): b.", output, StringComparison.Ordinal);
        Assert.Contains("succeeded: 5 node(s) committed, 11000 bytes moved in 5 transfer(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Terminal_LiveProgressThenSummary()
    {
        var (folder, scenario, plan) = SpreadOnDisk("cli-tty");
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(["run", scenario, "--plan", plan, "--state", Path.Combine(folder, "state"), "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data")], o, e, terminal: true);
        Assert.True(code == 0, e.ToString());
        Assert.Contains("╭", o.ToString(), StringComparison.Ordinal); // Spectre tables; the live bar itself draws only on an interactive terminal
        Assert.DoesNotContain("Run run-", o.ToString().Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("succeeded: 5 node(s) committed", o.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ThenResumeFinishedRun_NothingRunsAgain()
    {
        var (folder, scenario, plan) = SpreadOnDisk("cli-resume");
        var state = Path.Combine(folder, "state");
        var pricing = Path.Combine(TestKit.RepoRoot, "pricing-data");
        var first = Cli("run", scenario, "--plan", plan, "--state", state, "--pricing", pricing);
        var runId = first.Out.Split(' ')[1];
        var (code, output, error) = Cli("run", scenario, "--plan", plan, "--state", state, "--pricing", pricing, "--resume", runId);
        Assert.True(code == 0, error);
        Assert.Equal(5, output.Split('\n').Count(l => l.StartsWith("commit", StringComparison.Ordinal) && l.Contains(" alreadycommitted ", StringComparison.Ordinal)));
        Assert.DoesNotContain("\nstart ", output, StringComparison.Ordinal);
        var unknown = Cli("run", scenario, "--plan", plan, "--state", state, "--pricing", pricing, "--resume", "run-nope");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("no run run-nope", unknown.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PlanOfAnotherScenario_ExitTwoBeforeAnythingRuns()
    {
        var (folder, scenario, _) = SpreadOnDisk("cli-other");
        var otherPlan = Path.Combine(TestKit.RepoRoot, "scenarios", "video-pipeline-local.plan.json");
        var state = Path.Combine(folder, "state");
        var (code, output, error) = Cli("run", scenario, "--plan", otherPlan, "--state", state, "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data"));
        Assert.Equal(2, code);
        Assert.Contains("the plan is for scenario video-pipeline-local, not exec-spread", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(state, "runs")));
        Assert.False(File.Exists(Path.Combine(state, "journal.db")));
        Assert.Equal("", output);
    }

    [Fact]
    public void Run_DatasetNowhere_ExitTwoAndNoJournalOrRunFolder()
    {
        var (folder, scenario, plan) = SpreadOnDisk("cli-nodata");
        File.Delete(Path.Combine(folder, "raw.bin"));
        var state = Path.Combine(folder, "state");
        var (code, output, error) = Cli("run", scenario, "--plan", plan, "--state", state, "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data"));
        Assert.Equal(2, code);
        Assert.Contains("dataset raw: not in its home bucket", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(state, "journal.db")));
        Assert.False(Directory.Exists(Path.Combine(state, "runs")));
        Assert.Equal("", output);
    }

    [Fact]
    public void Runs_AfterTwoRuns_ListsEachWithStatusPlanAndTraceAndHintsTheStateFolder()
    {
        var (folder, scenario, plan) = SpreadOnDisk("cli-runs", Scenarios.Spread.Replace("outputBytes: 1000, handler: { kind: noop }", "outputBytes: 1000, handler: { kind: command, run: \"exit 3\", maxAttempts: \"1\" }", StringComparison.Ordinal));
        var state = Path.Combine(folder, "state");
        var pricing = Path.Combine(TestKit.RepoRoot, "pricing-data");
        var empty = Cli("runs", "--state", state);
        Assert.Equal(0, empty.Code);
        Assert.Contains("No runs in", empty.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(state, "journal.db")));

        var failed = Cli("run", scenario, "--plan", plan, "--state", state, "--pricing", pricing);
        Assert.Equal(1, failed.Code);
        var runId = failed.Out.Split(' ')[1];
        Assert.Contains($"Resume with: placement run ... --resume {runId} --state {state}", failed.Out, StringComparison.Ordinal);

        var (code, output, error) = Cli("runs", "--state", state);
        Assert.True(code == 0, error);
        var row = output.Split('\n').Single(l => l.Contains(runId, StringComparison.Ordinal));
        Assert.Contains("failed", row, StringComparison.Ordinal);
        Assert.Contains(plan, row, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(state, "runs", runId, "trace.json"), row, StringComparison.Ordinal);
        Assert.Contains("exec-spread", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownHandler_ExitTwoNamingTheNodeAndTheKinds()
    {
        var (folder, scenario, plan) = SpreadOnDisk("cli-unknown", Scenarios.Spread.Replace("outputBytes: 2000, handler: { kind: noop }", "outputBytes: 2000, handler: { kind: teleport }", StringComparison.Ordinal));
        var state = Path.Combine(folder, "state");
        var (code, _, error) = Cli("run", scenario, "--plan", plan, "--state", state, "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data"));
        Assert.Equal(2, code);
        Assert.Contains("nodes.b.handler.kind: unknown handler 'teleport'", error, StringComparison.Ordinal);
        Assert.Contains("command, copy, llm, noop", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(state, "runs")));
    }

    [Fact]
    public void Run_S3WithoutCredentials_ExitTwoWithOneClearMessage()
    {
        var (folder, scenario, plan) = SpreadOnDisk("cli-creds");
        Assert.Null(Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        var state = Path.Combine(folder, "state");
        var (code, _, error) = Cli("run", scenario, "--plan", plan, "--storage", "s3", "azure=azure", "--state", state, "--pricing", Path.Combine(TestKit.RepoRoot, "pricing-data"));
        Assert.Equal(2, code);
        Assert.Contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", error, StringComparison.Ordinal);
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", error, StringComparison.Ordinal);
        Assert.Contains("2 problem(s)", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(state, "runs")));
    }

    [Fact]
    public void Reconcile_GoldenPlanAndTrace_MatchesExpectedTextAndCsv()
    {
        var csv = Path.Combine(TestKit.TempFolder("rec"), "rec.csv");
        var (code, output, error) = Cli("reconcile", Golden("reconcile.plan.json"), Golden("reconcile.trace.json"), "--csv", csv);
        Assert.True(code == 0, error);
        var expected = File.ReadAllText(Golden("reconcile.expected.txt"))
            .Replace("PLAN", Golden("reconcile.plan.json"), StringComparison.Ordinal)
            .Replace("TRACE", Golden("reconcile.trace.json"), StringComparison.Ordinal)
            .Replace("CSVFILE", csv, StringComparison.Ordinal);
        Assert.Equal(expected, output);
        Assert.Equal(File.ReadAllText(Golden("reconcile.expected.csv")), File.ReadAllText(csv));
    }

    [Fact]
    public void Reconcile_RunOfAnOutputWithParts_ComparesEachPartWithThePlanFromTheManifestBesideTheTrace()
    {
        // A recorded run of the parts scenario (split's four parts read at aws/us-east-1, azure/eastus and at home).
        var csv = Path.Combine(TestKit.TempFolder("rec-parts"), "rec.csv");
        var plan = Golden(Path.Combine("parts-run", "plan.json"));
        var trace = Golden(Path.Combine("parts-run", "trace.json"));
        var (code, output, error) = Cli("reconcile", plan, trace, "--csv", csv);
        Assert.True(code == 0, error);
        var expected = File.ReadAllText(Golden("reconcile-parts.expected.txt"))
            .Replace("PLAN", plan, StringComparison.Ordinal)
            .Replace("TRACE", trace, StringComparison.Ordinal)
            .Replace("CSVFILE", csv, StringComparison.Ordinal);
        Assert.Equal(expected, output);
        Assert.Equal(File.ReadAllText(Golden("reconcile-parts.expected.csv")), File.ReadAllText(csv));
    }

    [Fact]
    public void Reconcile_TraceOfAnotherScenario_ExitTwo()
    {
        var (code, _, error) = Cli("reconcile", Golden("reconcile.plan.json"), Golden("reconcile.plan.json"));
        Assert.Equal(2, code);
        Assert.Contains("not a run trace", error, StringComparison.Ordinal);
    }
}
