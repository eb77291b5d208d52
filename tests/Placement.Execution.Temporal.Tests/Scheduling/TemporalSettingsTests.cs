using Placement.Execution.Temporal.Client;
using Placement.Execution.Temporal.Hosting;

namespace Placement.Execution.Temporal.Tests.Scheduling;

public sealed class TemporalSettingsTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["TEMPORAL_ADDRESS"] = "temporal.example:7233",
        ["TEMPORAL_NAMESPACE"] = "placement",
        ["TEMPORAL_API_KEY"] = "key-1",
    };

    [Fact]
    public void From_EnvironmentOnly_ReadsTemporalsVariables()
    {
        var s = TemporalSettings.From(n => Env.GetValueOrDefault(n));
        Assert.Equal(("temporal.example:7233", "placement", "key-1"), (s.Address, s.Namespace, s.ApiKey));
        Assert.True(s.UsesTls);
        Assert.Empty(s.Problems());
    }

    [Fact]
    public void From_FlagsGiven_OverrideTheEnvironment()
    {
        var s = TemporalSettings.From(n => Env.GetValueOrDefault(n), new TemporalSettings("127.0.0.1:7300", "", null));
        Assert.Equal(("127.0.0.1:7300", "placement", "key-1"), (s.Address, s.Namespace, s.ApiKey));
    }

    [Fact]
    public void From_NothingSet_DefaultsToTheDevServer()
    {
        var s = TemporalSettings.From(_ => null);
        Assert.Equal(("127.0.0.1:7233", "default", false), (s.Address, s.Namespace, s.UsesTls));
    }

    [Fact]
    public void Problems_BadAddressAndMissingFiles_AllReported()
    {
        var s = new TemporalSettings("no-port", "default", TlsKey: "/no/such/key.pem");
        var problems = s.Problems();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("host:port", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("give both or neither", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no such file", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkerPlan_Queues_OnePerLocationThenTheWorkflowQueue()
    {
        var plan = new WorkerPlan(["aws/us-east-1", "gcp/us-west1"], true, 4, new Dictionary<string, int> { ["gcp/us-west1"] = 1 }, TimeSpan.FromSeconds(30));
        Assert.Empty(plan.Problems());
        Assert.Equal([("placement-aws-us-east-1", 4), ("placement-gcp-us-west1", 1), ("placement-workflows", 4)], plan.Queues);
    }
}
