namespace Placement.Cli.Tests;

[Collection("cli")]
public class CostCommandTests
{
    public static TheoryData<string, string[]> Bundled => new()
    {
        { "video-pipeline", ["segment=gcp/us-west1", "split=gcp/us-west1", "detect=aws/us-west-2", "summarise=openai/global"] },
        { "rag-embedding", ["chunk=azure/eastus", "embed=openai/global", "index=azure/eastus", "answer=openai/global"] },
        { "finetune-eu", ["preprocess=gcp/europe-west4", "finetune=gcp/europe-west4", "evaluate=aws/eu-west-1"] },
        {
            "batch-fanout",
            [
                "normalise=aws/us-west-2", "transcribe-0=aws/us-west-2", "transcribe-1=aws/us-west-2", "transcribe-2=aws/us-west-2",
                "transcribe-3=aws/us-west-2", "transcribe-4=gcp/us-west1", "transcribe-5=gcp/us-west1", "transcribe-6=gcp/us-west1",
                "transcribe-7=gcp/us-west1", "merge=aws/us-west-2", "summarise=openai/global",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Bundled))]
    public void Cost_BundledScenarioHandAssignment_MatchesGoldenTableAndCsv(string scenario, string[] assignment)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"{scenario}-{Guid.NewGuid():N}.csv");
        try
        {
            var (exit, output, error) = CliRunner.Run(["cost", $"scenarios/{scenario}.yaml", "--assign", .. assignment, "--csv", csv]);

            Assert.True(exit == 0, error);
            CliRunner.AssertGolden($"cost-{scenario}.txt", output.Replace(csv, "REPORT.csv", StringComparison.Ordinal));
            CliRunner.AssertGolden($"cost-{scenario}.csv", File.ReadAllText(csv));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Theory]
    [MemberData(nameof(Bundled))]
    public void Cost_CsvReport_TotalRowEqualsSumOfLinesToTheCent(string scenario, string[] assignment)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"{scenario}-{Guid.NewGuid():N}.csv");
        try
        {
            Assert.Equal(0, CliRunner.Run(["cost", $"scenarios/{scenario}.yaml", "--assign", .. assignment, "--csv", csv]).Exit);
            var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
            var total = decimal.Parse(rows.Single(r => r[0] == "total")[12], System.Globalization.CultureInfo.InvariantCulture);
            var sum = rows.Where(r => r[0] != "total").Sum(r => decimal.Parse(r[12], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(total, sum);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void Cost_JsonThenPlan_GivesTheSameReport()
    {
        var plan = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        try
        {
            string[] assign = ["segment=gcp/us-west1", "split=gcp/us-east1", "detect=aws/us-east-1", "summarise=openai/global"];
            var first = CliRunner.Run(["cost", "scenarios/video-pipeline.yaml", "--assign", .. assign, "--json", plan]);
            var second = CliRunner.Run("cost", "scenarios/video-pipeline.yaml", "--plan", plan);

            Assert.Equal(0, first.Exit);
            Assert.Equal(0, second.Exit);
            Assert.Equal(first.Out.Replace($"Plan written to {plan}\n", "", StringComparison.Ordinal), second.Out);
        }
        finally
        {
            File.Delete(plan);
        }
    }

    [Fact]
    public void Cost_UnknownLocationInAssign_ExitsTwoAndWritesNothing()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        var (exit, output, error) = CliRunner.Run("cost", "scenarios/video-pipeline.yaml", "--assign", "segment=gcp/us-west1", "split=aws/moon-1",
            "detect=aws/us-east-1", "summarise=openai/global", "--csv", csv);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("node split cannot run at aws/moon-1", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public void Cost_MissingNode_NamesIt()
    {
        var (exit, _, error) = CliRunner.Run("cost", "scenarios/video-pipeline.yaml", "--assign", "segment=gcp/us-west1");

        Assert.Equal(2, exit);
        Assert.Contains("node split is not assigned", error);
        Assert.Contains("node detect is not assigned", error);
    }

    [Fact]
    public void Cost_AssignWithoutSku_PicksTheCheapestOfferingThere()
    {
        var (exit, output, _) = CliRunner.Run("cost", "scenarios/video-pipeline.yaml", "--json", "--assign", "segment=gcp/us-west1", "split=gcp/us-west1",
            "detect=aws/us-west-2", "summarise=openai/global");

        Assert.Equal(0, exit);
        Assert.Contains("\"sku\": \"n2-standard-8\"", output);
    }
}

[Collection("cli")]
public class ValidateCommandTests
{
    [Theory]
    [InlineData("video-pipeline")]
    [InlineData("rag-embedding")]
    [InlineData("finetune-eu")]
    [InlineData("batch-fanout")]
    [InlineData("training-egress-tiers")]
    public void Validate_BundledScenario_ExitsZero(string scenario)
    {
        var (exit, output, error) = CliRunner.Run("validate", $"scenarios/{scenario}.yaml");

        Assert.True(exit == 0, error);
        Assert.Contains("OK", output);
    }

    [Fact]
    public void Validate_BrokenScenario_PrintsEveryProblemWithFileLineAndExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            name: broken
            nodes:
              - name: a
                endpoint: { kind: vm, gpu: B200 }
                work: { runtimeHours: -1 }
              - name: b
                endpoint: { kind: service, service: gcp-video-intelligence-labels }
            edges:
              - { from: a, to: c }
            """);
        try
        {
            var (exit, output, error) = CliRunner.Run("validate", path);

            Assert.Equal(2, exit);
            Assert.Equal("", output);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.StartsWith($"error: {path}:5:", StringComparison.Ordinal) && l.Contains("nodes[0].work.runtimeHours"));
            Assert.Contains(lines, l => l.StartsWith($"error: {path}:9:", StringComparison.Ordinal) && l.Contains("edges[0].to"));
            Assert.EndsWith("problem(s); nothing was written.", lines[^1]);
            Assert.DoesNotContain("Exception", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_BadFallbackSpec_ExitsTwoNamingFileAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"badfallback-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            name: badfallback
            storage: { default: aws/us-east-1 }
            nodes:
              - name: a
                endpoint: { kind: vm, minVcpus: 2 }
                work: { runtimeHours: 1 }
                handler: { kind: command, run: "exit 1", fallback: { kind: teleport } }
            """);
        try
        {
            var (exit, output, error) = CliRunner.Run("validate", path);

            Assert.Equal(2, exit);
            Assert.Equal("", output);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
            Assert.StartsWith($"error: {path}:7:", line, StringComparison.Ordinal);
            Assert.Contains("nodes[0].handler.fallback.kind", line, StringComparison.Ordinal);
            Assert.Contains("unknown fallback handler kind 'teleport'", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_MissingFile_ExitsTwoWithAMessage()
    {
        var (exit, _, error) = CliRunner.Run("validate", "scenarios/nope.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("scenarios/nope.yaml", error);
        Assert.Contains("cannot read", error);
    }
}

[Collection("cli")]
public class CommandLineTests
{
    [Theory]
    [InlineData("simulate", "scenarios/video-pipeline.yaml", "--plan", "x.json", "--replicas", "abc")]
    [InlineData("cost", "scenarios/video-pipeline.yaml", "--no-such-option")]
    public void Run_UnparsableCommandLine_ExitsTwoWithAMessage(params string[] args)
    {
        var (exit, _, error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.NotEqual("", error);
        Assert.DoesNotContain("   at ", error);
    }
}
