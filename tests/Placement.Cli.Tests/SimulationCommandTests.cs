namespace Placement.Cli.Tests;

[Collection("cli")]
public sealed class SimulationCommandTests : IDisposable
{
    private static readonly string[] PlanA = ["segment=gcp/us-west1", "split=gcp/us-west1", "detect=aws/us-west-2", "summarise=openai/global"];
    private static readonly string[] PlanB = ["segment=gcp/us-west1", "split=aws/us-west-2", "detect=aws/us-west-2", "summarise=openai/global"];
    private static readonly string[] Noise = ["--replicas", "50", "--seed", "7", "--runtime-cv", "0.25", "--bytes-cv", "0.1", "--failure-rate", "0.05", "--retry-delay", "30"];

    private readonly string dir = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}");

    public SimulationCommandTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Compare_TwoPlans_MatchesGoldenTableAndCsv()
    {
        var a = Plan("plan-a.json", PlanA);
        var b = Plan("plan-b.json", PlanB);
        var csv = Path.Combine(dir, "compare.csv");
        var (exit, output, error) = CliRunner.Run(["compare", "scenarios/video-pipeline.yaml", "--plans", a, b, "--csv", csv, .. Noise]);

        Assert.True(exit == 0, error);
        CliRunner.AssertGolden("compare-video-pipeline.txt", output.Replace(csv, "COMPARE.csv", StringComparison.Ordinal));
        CliRunner.AssertGolden("compare-video-pipeline.csv", File.ReadAllText(csv));
    }

    [Fact]
    public void Simulate_NoisyPlan_MatchesGoldenAndEventLogIsReproducible()
    {
        var a = Plan("plan-a.json", PlanA);
        var events1 = Path.Combine(dir, "events1.jsonl");
        var events2 = Path.Combine(dir, "events2.jsonl");
        var first = CliRunner.Run(["simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--events", events1, .. Noise]);
        var second = CliRunner.Run(["simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--events", events2, .. Noise]);

        Assert.True(first.Exit == 0, first.Err);
        CliRunner.AssertGolden("simulate-video-pipeline.txt", first.Out.Replace(events1, "EVENTS.jsonl", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(events1), File.ReadAllText(events2));
        Assert.All(File.ReadAllLines(events1), line => Assert.StartsWith("{\"t\":", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Simulate_ExactDefaults_SimulatedCostEqualsPlannedCost()
    {
        var a = Plan("plan-a.json", PlanA);
        var (exit, output, error) = CliRunner.Run("simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--replicas", "3");

        Assert.True(exit == 0, error);
        var planned = output.Split('\n').Single(l => l.StartsWith("Planned cost", StringComparison.Ordinal)).Split(": ")[1].Split(' ')[0];
        var total = output.Split('\n').Single(l => l.StartsWith("total (USD)", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(planned, total[2]);
        Assert.Contains("every replica is identical", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_PlanForAnotherScenarioVersion_ExitsTwoNamingPlanAndHash()
    {
        var a = Plan("plan-a.json", PlanA);
        var changed = Path.Combine(dir, "video-pipeline.yaml");
        File.WriteAllText(changed, File.ReadAllText(Path.Combine(CliRunner.Root, "scenarios", "video-pipeline.yaml")) + "\n# edited after planning\n");
        var (exit, output, error) = CliRunner.Run("simulate", changed, "--plan", a);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(a, error, StringComparison.Ordinal);
        Assert.Contains("scenario.hash", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_TraceWithCycle_ExitsTwoNamingFileAndField()
    {
        var a = Plan("plan-a.json", PlanA);
        var trace = Path.Combine(dir, "cyclic.json");
        File.WriteAllText(trace, """
            {"schemaVersion": "1.4", "name": "c", "workflow": {"tasks": [
              {"name": "segment", "runtimeInSeconds": 1, "parents": ["split"], "files": []},
              {"name": "split", "runtimeInSeconds": 1, "parents": ["segment"], "files": []}]}}
            """);
        var (exit, _, error) = CliRunner.Run("simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--trace", trace);

        Assert.Equal(2, exit);
        Assert.Contains(trace, error, StringComparison.Ordinal);
        Assert.Contains("workflow.tasks[", error, StringComparison.Ordinal);
        Assert.Contains("cycle", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_TraceOfAnotherWorkflow_ExitsTwoSayingNoTaskMatches()
    {
        var a = Plan("plan-a.json", PlanA);
        var trace = "tests/data/wfinstances/v1.5/epigenomics-chameleon-hep-1seq-100k-001.json";
        var (exit, _, error) = CliRunner.Run("simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--trace", trace);

        Assert.Equal(2, exit);
        Assert.Contains($"{trace}: workflow: no task of the trace is a node of scenario video-pipeline", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_BadOptions_ListsEveryProblem()
    {
        var a = Plan("plan-a.json", PlanA);
        var (exit, _, error) = CliRunner.Run("simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--failure-rate", "2", "--slots-at", "nowhere", "--replicas", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--failure-rate: '2' is out of range", error, StringComparison.Ordinal);
        Assert.Contains("--slots-at", error, StringComparison.Ordinal);
        Assert.Contains("--replicas", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportWfCommons_Srasearch_MatchesGoldenAndValidates()
    {
        var output = Path.Combine(dir, "srasearch.yaml");
        var (exit, _, error) = CliRunner.Run("import-wfcommons", "tests/data/wfinstances/v1.5/srasearch-chameleon-10a-001.json",
            "--map", "bowtie2*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1", "*=vm@aws/us-east-1", "--out", output);

        Assert.True(exit == 0, error);
        CliRunner.AssertGolden("import-srasearch.yaml", File.ReadAllText(output));
        var validate = CliRunner.Run("validate", output);
        Assert.True(validate.Exit == 0, validate.Err);
    }

    [Theory]
    [InlineData("epigenomics-chameleon-hep-1seq-100k-001")]
    [InlineData("srasearch-chameleon-10a-001")]
    public void ImportWfCommons_FourSchemaVersions_GiveTheSameScenario(string run)
    {
        string Import(string version)
        {
            var output = Path.Combine(dir, $"{run}-{version}.yaml");
            var (exit, _, error) = CliRunner.Run("import-wfcommons", $"tests/data/wfinstances/v{version}/{run}.json", "--map", "*=vm@aws/us-east-1", "--out", output);
            Assert.True(exit == 0, error);
            return string.Join("\n", File.ReadAllLines(output).Skip(1)); // the first line names the schema version
        }

        var v15 = Import("1.5");
        Assert.Equal(v15, Import("1.4"));
        Assert.Equal(v15, Import("1.3"));
        Assert.Equal(v15, Import("1.6"));
    }

    [Fact]
    public void ImportWfCommons_Version16_MatchesTheGoldenOfItsSourceTrace()
    {
        // v1.6/srasearch is WfCommons' migration of v1.4/srasearch: the same scenario, only the header names 1.6.
        var output = Path.Combine(dir, "srasearch-16.yaml");
        var (exit, stdout, error) = CliRunner.Run("import-wfcommons", "tests/data/wfinstances/v1.6/srasearch-chameleon-10a-001.json",
            "--map", "bowtie2*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1", "*=vm@aws/us-east-1", "--out", output);

        Assert.True(exit == 0, error);
        Assert.Contains("(WfFormat 1.6)", stdout, StringComparison.Ordinal);
        var golden = File.ReadAllText(Path.Combine(CliRunner.Root, "tests", "Placement.Cli.Tests", "golden", "import-srasearch.yaml"));
        Assert.Equal(golden.Replace("(WfFormat 1.5)", "(WfFormat 1.6)", StringComparison.Ordinal), File.ReadAllText(output));
        Assert.Equal(0, CliRunner.Run("validate", output).Exit);
    }

    [Theory]
    [InlineData("import-wfcommons", "WfFormat 1.3, 1.4, 1.5 or 1.6")]
    [InlineData("simulate", "WfFormat 1.3/1.4/1.5/1.6 or placement-trace/1")]
    public void Help_TraceArgument_ListsEveryVersionTheReaderReads(string command, string expected)
    {
        var (exit, stdout, _) = CliRunner.Run(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
        Assert.All(Placement.Traces.Formats.TraceReader.SupportedVersions, v => Assert.Contains(v, expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ImportWfCommons_UnknownSchemaVersion_ExitsTwoNamingTheVersionAndTheSupportedOnes()
    {
        var bad = Path.Combine(dir, "v17.json");
        File.WriteAllText(bad, File.ReadAllText(Path.Combine(CliRunner.Root, "tests/data/wfinstances/v1.6/srasearch-chameleon-10a-001.json"))
            .Replace("\"schemaVersion\": \"1.6\"", "\"schemaVersion\": \"1.7\"", StringComparison.Ordinal));
        var output = Path.Combine(dir, "never.yaml");
        var (exit, _, error) = CliRunner.Run("import-wfcommons", bad, "--map", "*=vm@aws/us-east-1", "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains($"{bad}: schemaVersion: WfFormat version '1.7' is not one this Placement reads (it reads 1.3, 1.4, 1.5, 1.6)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ImportWfCommons_NotWfFormat_ExitsTwoNamingFileAndField()
    {
        var bad = Path.Combine(dir, "plan-not-trace.json");
        File.WriteAllText(bad, "{\"format\": \"placement-plan/1\"}");
        var output = Path.Combine(dir, "never.yaml");
        var (exit, _, error) = CliRunner.Run("import-wfcommons", bad, "--map", "*=vm@aws/us-east-1", "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains($"{bad}: workflow: not a WfFormat trace", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ImportWfCommons_UnmappedTaskType_ExitsTwoAndWritesNothing()
    {
        var output = Path.Combine(dir, "never.yaml");
        var (exit, _, error) = CliRunner.Run("import-wfcommons", "tests/data/wfinstances/v1.5/srasearch-chameleon-10a-001.json",
            "--map", "bowtie2=vm@aws/us-east-1", "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains("type 'fasterq-dump'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("v1.5")]
    [InlineData("v1.6")]
    public void SimulateWithTrace_ImportedScenario_ReplaysTraceRuntimes(string traceVersion)
    {
        var scenario = Path.Combine(dir, "sra.yaml");
        Assert.Equal(0, CliRunner.Run("import-wfcommons", "tests/data/wfinstances/v1.3/srasearch-chameleon-10a-001.json", "--map", "*=vm:m5.2xlarge@aws/us-east-1", "--out", scenario).Exit);
        var plan = Path.Combine(dir, "sra-plan.json");
        var assign = File.ReadAllLines(scenario).Where(l => l.StartsWith("  - name: ", StringComparison.Ordinal))
            .Select(l => l["  - name: ".Length..].Trim('"') + "=aws/us-east-1").ToArray();
        Assert.Equal(0, CliRunner.Run(["cost", scenario, "--json", plan, "--assign", .. assign]).Exit);

        var (exit, output, error) = CliRunner.Run("simulate", scenario, "--plan", plan, "--trace", $"tests/data/wfinstances/{traceVersion}/srasearch-chameleon-10a-001.json", "--replicas", "2");
        Assert.True(exit == 0, error);
        Assert.Contains("replayed from srasearch-chameleon-10a-001.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_TraceOut_WritesPlacementTraceWithCostsThatReplays()
    {
        var a = Plan("plan-a.json", PlanA);
        var trace = Path.Combine(dir, "replica0.json");
        var (exit, output, error) = CliRunner.Run(["simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--trace-out", trace, "--replicas", "1"]);
        Assert.True(exit == 0, error);

        var read = Placement.Traces.Formats.TraceReader.Read(File.ReadAllText(trace), trace);
        Assert.True(read.Ok, string.Join("\n", read.Problems));
        var run = read.Value!.Run!;
        Assert.Equal("simulator", run.Producer);
        var planned = output.Split('\n').Single(l => l.StartsWith("Planned cost", StringComparison.Ordinal)).Split(": ")[1].Split(' ')[0];
        Assert.Equal(planned, run.Cost!.TotalUsd.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(read.Value.Tasks.Sum(t => t.Placement!.Cost.TotalUsd) + run.Cost.EgressUsd + run.Cost.StorageUsd, run.Cost.TotalUsd);
        Assert.Contains(run.Transfers, t => t.Data == "summarise" && t.To.ToString() == "aws/us-west-2");

        var replay = CliRunner.Run("simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--trace", trace, "--replicas", "1");
        Assert.True(replay.Exit == 0, replay.Err);
    }

    [Fact]
    public void Simulate_OverheadAuto_ReplayMatchesRecordedMakespan()
    {
        const string trace = "tests/data/wfinstances/v1.5/seismology-chameleon-100p-001.json";
        var scenario = Path.Combine(dir, "seis.yaml");
        Assert.Equal(0, CliRunner.Run("import-wfcommons", trace, "--map", "*=vm:m5.2xlarge@aws/us-east-1", "--out", scenario).Exit);
        var plan = Path.Combine(dir, "seis-plan.json");
        var assign = File.ReadAllLines(scenario).Where(l => l.StartsWith("  - name: ", StringComparison.Ordinal))
            .Select(l => l["  - name: ".Length..].Trim('"') + "=aws/us-east-1").ToArray();
        Assert.Equal(0, CliRunner.Run(["cost", scenario, "--json", plan, "--assign", .. assign]).Exit);

        var (exit, output, error) = CliRunner.Run("simulate", scenario, "--plan", plan, "--trace", trace, "--overhead", "auto", "--network", "instant", "--replicas", "1");

        Assert.True(exit == 0, error);
        Assert.Contains("Engine overhead: 175.", output, StringComparison.Ordinal); // (354 s recorded - a few seconds of runtimes) / 2 tasks deep
        var makespan = output.Split('\n').Single(l => l.StartsWith("makespan (min)", StringComparison.Ordinal));
        Assert.Contains((354.0 / 60).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), makespan, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_OverheadAutoWithoutTrace_ExitsTwo()
    {
        var a = Plan("plan-a.json", PlanA);
        var (exit, _, error) = CliRunner.Run("simulate", "scenarios/video-pipeline.yaml", "--plan", a, "--overhead", "auto");
        Assert.Equal(2, exit);
        Assert.Contains("--overhead: auto needs --trace", error, StringComparison.Ordinal);
    }

    private string Plan(string name, string[] assignment)
    {
        var path = Path.Combine(dir, name);
        var (exit, _, error) = CliRunner.Run(["cost", "scenarios/video-pipeline.yaml", "--json", path, "--assign", .. assignment]);
        Assert.True(exit == 0, error);
        return path;
    }
}
