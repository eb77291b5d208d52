namespace Placement.Cli.Tests;

/// <summary>
/// One test per class of bad input an outside tester found crashing or confusing the CLI (issue 11): each ends with
/// exit 2, one message naming the file and position or the option, what is wrong and how to fix it, and no file written.
/// </summary>
[Collection("cli")]
public sealed class InputErrorTests : IDisposable
{
    private const string Video = "scenarios/video-pipeline.yaml";
    private const string LocalScenario = "scenarios/video-pipeline-local.yaml";
    private const string LocalPlan = "scenarios/video-pipeline-local.plan.json";

    private readonly string dir = Path.Combine(Path.GetTempPath(), $"inputs-{Guid.NewGuid():N}");

    public InputErrorTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Validate_UnterminatedQuote_NamesFileLineAndColumn()
    {
        var path = Write("quote.yaml", "name: \"video\nnodes: []\n");
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains($"{path}:1:7: malformed YAML: While scanning a multi-line double-quoted scalar", err, StringComparison.Ordinal);
        NoTrace(err);
    }

    [Fact]
    public void Validate_WrongIndentation_NamesTheLine()
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.Root, Video)).Replace("    endpoint: { kind: vm, minVcpus: 8 }", "   endpoint: { kind: vm, minVcpus: 8 }", StringComparison.Ordinal);
        var path = Write("indent.yaml", text);
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: malformed YAML", err);
        NoTrace(err);
    }

    [Theory]
    [InlineData("nodes: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]")]
    [InlineData("nodes:\n  - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x")]
    public void Validate_NestedDeeperThanTheLoaderCanRecurse_ExitsTwoInsteadOfOverflowingTheStack(string nodes)
    {
        var deep = nodes.Replace("[[", string.Concat(Enumerable.Repeat("[", 50_000)), StringComparison.Ordinal).Replace("- x", string.Concat(Enumerable.Repeat("- ", 50_000)) + "x", StringComparison.Ordinal);
        var path = Write("deep.yaml", "name: x\n" + deep + "\n");
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains("nested more than 100 levels deep", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoDocuments_SaysSoInsteadOfReadingTheFirst()
    {
        var path = Write("two.yaml", File.ReadAllText(Path.Combine(CliRunner.Root, Video)) + "\n---\nname: other\n");
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains("the file holds 2 YAML documents", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bytes: 12 GB", "bytes: 1e30 GB", "size 1e30 GB is too large")]
    [InlineData("bytes: 12 GB", "bytes: 99999999999999999999", "is too large")]
    [InlineData("bytes: 12 GB", "bytes: 1e28 PB", "size 1e28 PB is too large")]
    [InlineData("videoMinutes: 120 }", "videoMinutes: 1e300 }", "videoMinutes: 1e300 is out of range: allowed is 0 to 10^15")]
    [InlineData("videoMinutes: 120 }", "videoMinutes: 1e28 }", "videoMinutes: 1e28 is too large: allowed is 0 to 10^15")]
    [InlineData("videoMinutes: 120 }", "videoMinutes: .inf }", "videoMinutes: .inf is out of range")]
    [InlineData("videoMinutes: 120 }", "videoMinutes: -5 }", "videoMinutes: -5 is below the minimum 0")]
    [InlineData("runtimeHours: 0.5 }", "runtimeHours: 0.5 }\n    count: 2000000", "count: 2000000 is too large: allowed is 1 to 10^6")]
    public void Validate_NumberOutOfRange_SaysTheAllowedRange(string from, string to, string expected)
    {
        var path = Write("range.yaml", Mutate(Video, from, to));
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a number", err, StringComparison.Ordinal);
        NoTrace(err);
    }

    [Fact]
    public void Plan_NumberTheNativeSolverWouldAbortOn_IsRefusedByValidateAndPlanAlike()
    {
        // 1e28 video minutes used to pass validate and abort CBC (objective coefficient above 1e25, SIGABRT).
        var path = Write("abort.yaml", Mutate(Video, "videoMinutes: 120 }", "videoMinutes: 1e28 }"));
        var output = Path.Combine(dir, "plan.json");
        var validate = CliRunner.Run("validate", path);
        var plan = CliRunner.Run("plan", path, "--out", output);
        Assert.Equal(2, validate.Exit);
        Assert.Equal(2, plan.Exit);
        Assert.Equal(validate.Err, plan.Err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Validate_NodeCostingMoreThanThePlannerCanPrice_IsRefused()
    {
        var path = Write("price.yaml", Mutate(Video, "runtimeHours: 0.5 }", "runtimeHours: 1e15 }\n    count: 1000000"));
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains("more than the 10^15 USD the planner can price exactly", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AbsurdButValidValues_WarnsOnStandardErrorAndExitsZero()
    {
        // 10^10 hours on a VM: about $3.8 billion, the case issue 14 saw planned silently.
        var path = Write("absurd.yaml", Mutate(Video, "runtimeHours: 0.5 }", "runtimeHours: 1e10 }").Replace("bytes: 12 GB", "bytes: 3 PB", StringComparison.Ordinal));
        var (exit, output, err) = CliRunner.Run("validate", path);
        Assert.True(exit == 0, err);
        Assert.Contains("4 warning(s) on standard error", output, StringComparison.Ordinal);
        var warnings = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(warnings, w => Assert.StartsWith($"warning: {path}:", w, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("nodes[1].work: node split runs for 10,000,000,000 hours", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("datasets[0].bytes: dataset raw-video is 3 PB", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("nodes[1].work: node split costs at least $3,840,000,000 (at aws/us-east-1:m5.2xlarge)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("the scenario costs at least $", StringComparison.Ordinal));

        // What validate accepts, plan handles; the warnings come with it.
        var plan = CliRunner.Run("plan", path, "--time-limit", "5");
        Assert.True(plan.Exit == 0, plan.Err);
        Assert.Contains("warning: ", plan.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DataAddingUpBeyondALong_IsRefused()
    {
        var path = Write("sum.yaml", Mutate(Video, "bytes: 12 GB", "bytes: 9223372036854775807"));
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains("more than the 10^18 bytes the cost model and simulator can add up", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_LargestDataWithExtremeVariation_Completes()
    {
        // Log-normal sizes have no upper bound: a scaled size is capped so sums never overflow.
        var path = Write("big.yaml", Mutate(Video, "bytes: 12 GB", "bytes: 100 PB"));
        var plan = Path.Combine(dir, "big.plan.json");
        Assert.Equal(0, CliRunner.Run("plan", path, "--out", plan).Exit);
        var (exit, _, err) = CliRunner.Run("simulate", path, "--plan", plan, "--replicas", "20", "--bytes-cv", "10", "--runtime-cv", "10", "--failure-rate", "0.9", "--max-attempts", "100");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void Validate_BundledScenarios_HaveNoWarnings()
    {
        foreach (var scenario in Directory.GetFiles(Path.Combine(CliRunner.Root, "scenarios"), "*.yaml"))
        {
            var (exit, _, err) = CliRunner.Run("validate", scenario);
            Assert.True(exit == 0, err);
            Assert.Equal("", err);
        }
    }

    [Theory]
    [InlineData("name: \"\"", "a name cannot be empty or blank")]
    [InlineData("name: \"  \"", "a name cannot be empty or blank")]
    [InlineData("name: \"a\\tb\"", "a name cannot hold control characters")]
    public void Validate_BadScenarioName_RefusedByValidateAsByRun(string name, string expected)
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.Root, LocalScenario)).Replace("name: video-pipeline-local", name, StringComparison.Ordinal);
        var path = Write("named.yaml", text);
        var state = Path.Combine(dir, "state");
        var validate = CliRunner.Run("validate", path);
        var run = CliRunner.Run("run", path, "--plan", LocalPlan, "--state", state);
        Assert.Equal(2, validate.Exit);
        Assert.Contains(expected, validate.Err, StringComparison.Ordinal);
        Assert.Equal(2, run.Exit);
        Assert.Equal(validate.Err, run.Err);
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public void Validate_EmptyNodeList_IsRefused()
    {
        var path = Write("empty.yaml", "name: x\nnodes: []\n");
        var (exit, _, err) = CliRunner.Run("validate", path);
        Assert.Equal(2, exit);
        Assert.Contains("a scenario needs at least one node", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithoutTheCbcLibrary_ExitsTwoNamingTheInstallCommand()
    {
        // A machine without CBC, played by pointing the library at a file that does not exist.
        var missing = Path.Combine(dir, "libCbcSolver.so");
        var output = Path.Combine(dir, "plan.json");
        var (exit, stdout, err) = CliRunner.RunWith(name => name == "PLACEMENT_CBC_LIBRARY" ? missing : Environment.GetEnvironmentVariable(name), "plan", Video, "--out", output);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"error: the MILP solver library {missing} (COIN-OR CBC) cannot be loaded", err, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install coinor-libcbc-dev coinor-libclp-dev", err, StringComparison.Ordinal);
        Assert.Contains("bash scripts/setup.sh", err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        NoTrace(err);
    }

    [Theory]
    [InlineData("simulate", "--slots", "abc", "--slots: 'abc' is not a whole number. Hint: give a whole number from 1 to 100000")]
    [InlineData("simulate", "--runtime-cv", "-1", "--runtime-cv: '-1' is out of range. Hint: give a number from 0 to 10")]
    [InlineData("simulate", "--failure-rate", "1", "--failure-rate: '1' is out of range. Hint: give a number from 0 up to but not including 1")]
    [InlineData("simulate", "--max-attempts", "0", "--max-attempts: '0' is out of range. Hint: give a whole number from 1 to 100")]
    [InlineData("simulate", "--retry-delay", "1e300", "--retry-delay: '1e300' is out of range. Hint: give a number from 0 to 1000000")]
    [InlineData("run", "--parallel", "0", "--parallel: '0' is out of range. Hint: give a whole number from 1 to 1024")]
    [InlineData("run", "--per-location", "x", "--per-location: 'x' is not a whole number")]
    [InlineData("plan", "--budget", "1e300", "--budget: '1e300' is out of range. Hint: give a number above 0 and at most 1000000000000000")]
    public void Options_BadValue_NamesTheOptionAndRangeWithoutDotNetTypeNames(string command, string option, string value, string expected)
    {
        string[] args = command switch
        {
            "simulate" => ["simulate", LocalScenario, "--plan", LocalPlan, option, value],
            "run" => ["run", LocalScenario, "--plan", LocalPlan, "--state", Path.Combine(dir, "state"), option, value],
            _ => ["plan", Video, option, value],
        };
        var (exit, stdout, err) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: command line: {expected}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", err, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxParallelism", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "state")));
    }

    [Fact]
    public void Plan_OutIsAFolder_ExitsTwoNamingTheOptionBeforeSolving()
    {
        var (exit, stdout, err) = CliRunner.Run("plan", Video, "--out", dir);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: command line: --out: '{dir}' is a folder.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_CsvOverItsOwnScenario_IsRefusedAndTheScenarioKept()
    {
        var path = Write("keep.yaml", File.ReadAllText(Path.Combine(CliRunner.Root, LocalScenario)));
        var before = File.ReadAllText(path);
        var (exit, _, err) = CliRunner.Run("cost", path, "--plan", LocalPlan, "--csv", path);
        Assert.Equal(2, exit);
        Assert.Contains("--csv: ", err, StringComparison.Ordinal);
        Assert.Contains("is an input of this command", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void Cost_TwoOutputsOneFile_IsRefused()
    {
        var target = Path.Combine(dir, "same.out");
        var (exit, _, err) = CliRunner.Run("cost", LocalScenario, "--plan", LocalPlan, "--csv", target, "--json", target);
        Assert.Equal(2, exit);
        Assert.Contains("--json: ", err, StringComparison.Ordinal);
        Assert.Contains("is also the file of --csv", err, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Run_StateUnderARegularFile_ExitsTwoAndCreatesNothing()
    {
        var file = Write("regular.txt", "x");
        var (exit, _, err) = CliRunner.Run("run", LocalScenario, "--plan", LocalPlan, "--state", Path.Combine(file, "state"));
        Assert.Equal(2, exit);
        Assert.Contains($"--state: '{Path.Combine(file, "state")}' is under {file}, which is a regular file, not a folder", err, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Cost_PlanOfAnotherScenario_SaysWhichScenarioThePlanIsFor()
    {
        var (exit, _, err) = CliRunner.Run("cost", Video, "--plan", LocalPlan);
        Assert.Equal(2, exit);
        Assert.Contains("scenario.name: the plan is for scenario video-pipeline-local, not video-pipeline", err, StringComparison.Ordinal);
        Assert.DoesNotContain("another version", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportWfCommons_DuplicateTaskId_ExitsTwoNamingTheTask()
    {
        var trace = WfTraceWith(t => t.Replace("\"id\": \"bowtie2_ID0000005\"", "\"id\": \"bowtie2_ID0000003\"", StringComparison.Ordinal));
        var output = Path.Combine(dir, "never.yaml");
        var import = CliRunner.Run("import-wfcommons", trace, "--map", "*=vm@aws/us-east-1", "--out", output);
        Assert.Equal(2, import.Exit);
        Assert.Contains("task 'bowtie2_ID0000003' is declared twice", import.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        NoTrace(import.Err);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("1e400")]
    [InlineData("-1e300")]
    public void ImportWfCommons_AbsurdRuntime_ExitsTwoSayingTheRange(string runtime)
    {
        var original = File.ReadAllText(Path.Combine(CliRunner.Root, "tests/data/wfinstances/v1.5/srasearch-chameleon-10a-001.json"));
        var at = original.IndexOf("\"runtimeInSeconds\": ", StringComparison.Ordinal) + "\"runtimeInSeconds\": ".Length;
        var end = original.IndexOfAny([',', '\n'], at);
        var trace = Write("runtime.json", original[..at] + runtime + original[end..]);
        var output = Path.Combine(dir, "never.yaml");
        var (exit, _, err) = CliRunner.Run("import-wfcommons", trace, "--map", "*=vm@aws/us-east-1", "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("runtimeInSeconds: " + runtime + " is out of range", err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private string WfTraceWith(Func<string, string> change) =>
        Write("trace.json", change(File.ReadAllText(Path.Combine(CliRunner.Root, "tests/data/wfinstances/v1.5/srasearch-chameleon-10a-001.json"))));

    private static string Mutate(string scenario, string from, string to)
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.Root, scenario));
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is not in {scenario}");
        return text[..at] + to + text[(at + from.Length)..];
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void NoTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}
