using Placement.Cli;

namespace Placement.Execution.Temporal.Tests.Cli;

/// <summary>The Temporal commands with no server: one line on standard error, exit 2, nothing written.</summary>
public sealed class TemporalCliTests
{
    // Nothing listens on port 1 of the loopback address.
    private const string Nowhere = "127.0.0.1:1";

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error, terminal: false);
        return (code, output.ToString(), error.ToString());
    }

    private static string Scenario => Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline-local.yaml");

    private static string Plan => Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline-local.plan.json");

    [Fact]
    public void Run_TemporalNoServer_OneLineExit2NothingWritten()
    {
        var state = Path.Combine(TestPlans.Temp("cli"), "state");
        var (code, _, err) = Run("run", Scenario, "--plan", Plan, "--executor", "temporal", "--address", Nowhere, "--state", state);
        Assert.Equal(2, code);
        var line = Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Equal($"error: no Temporal server reachable at {Nowhere} (namespace default) (connection refused); start one (temporal server start-dev) or set TEMPORAL_ADDRESS / --address", line);
        Assert.False(Directory.Exists(state));
    }

    [Theory]
    [InlineData("worker", "--location", "aws/us-east-1")]
    [InlineData("status", "run-1")]
    [InlineData("cancel", "run-1")]
    public void TemporalCommands_NoServer_OneLineExit2(params string[] args)
    {
        var state = Path.Combine(TestPlans.Temp("cli"), "state");
        var extra = args[0] == "worker" ? new[] { "--state", state } : [];
        var (code, _, err) = Run([.. args, "--address", Nowhere, "--namespace", "prod", .. extra]);
        Assert.Equal(2, code);
        Assert.Equal($"error: no Temporal server reachable at {Nowhere} (namespace prod) (connection refused); start one (temporal server start-dev) or set TEMPORAL_ADDRESS / --address", Assert.Single(err.TrimEnd('\n').Split('\n')));
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public void Run_TemporalPlanOfAnotherScenario_RefusedBeforeConnecting()
    {
        var other = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline.yaml");
        var (code, _, err) = Run("run", other, "--plan", Plan, "--executor", "temporal", "--address", Nowhere);
        Assert.Equal(2, code);
        Assert.DoesNotContain("Temporal server", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_LocationWithoutQueue_Exit2NamingIt()
    {
        var (code, _, err) = Run("worker", "--location", "not-a-location", "--address", Nowhere);
        Assert.Equal(2, code);
        Assert.Contains("'not-a-location' is not a location", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CertificateWithoutKey_Exit2BeforeConnecting()
    {
        var cert = Path.Combine(TestPlans.Temp("cli"), "client.pem");
        File.WriteAllText(cert, "-----BEGIN CERTIFICATE-----\n");
        var (code, _, err) = Run("status", "run-1", "--address", Nowhere, "--tls-cert", cert);
        Assert.Equal(2, code);
        Assert.Contains("give both or neither", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownExecutor_Exit2()
    {
        var (code, _, err) = Run("run", Scenario, "--plan", Plan, "--executor", "airflow");
        Assert.Equal(2, code);
        Assert.Contains("unknown executor 'airflow'", err, StringComparison.Ordinal);
    }
}
