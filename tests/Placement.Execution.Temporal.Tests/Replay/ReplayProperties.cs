using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Model;
using Placement.Core.Plans;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>
/// For random DAG plans (up to 12 nodes over three locations, some with fallbacks), random activity failures and
/// random interleavings of completions with workflow tasks, the simulated server's history replays against the
/// workflow code with every activity on the history's queue.
/// </summary>
public sealed class ReplayProperties
{
    private static readonly string[] Locations = ["aws/us-east-1", "gcp/us-west1", "azure/eastus"];

    [Fact]
    public void Replay_RandomPlansOutcomesAndInterleavings_Succeeds()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (graph, plan) = Make(seed);
            var random = new Random(seed);
            var failing = graph.TopologicalOrder.Where(_ => random.Next(5) == 0).ToHashSet(StringComparer.Ordinal);
            var input = Replays.Input(graph, plan, "run-prop");
            var server = new SimulatedServer(
                input,
                id => failing.Any(n => id == $"run-prop/{n}") ? new ActivityEnd.Fails("failed", Permanent: random.Next(2) == 0) : new ActivityEnd.Completes(),
                random.Next(3) == 0 ? new BatchDelivery() : new InterleavedDelivery(seed),
                random.Next(6) == 0 ? 2 + random.Next(3) : null);
            var history = server.Run();
            var (result, check) = Task.Run(() => Replays.ReplayAsync(history)).GetAwaiter().GetResult();
            return result.ReplayFailure is null && check.Mismatches(history).Count == 0 && check.Scheduled.Select(s => s.ActivityId).SequenceEqual(server.Scheduled);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(80));
    }

    private static (WorkflowGraph Graph, Plan Plan) Make(int seed)
    {
        var random = new Random(seed);
        var (text, n) = RandomDagYaml.Make(random, "prop", datasetUri: "raw.bin", fallbacks: true);
        var (_, graph) = TestPlans.Scenario(TestPlans.Temp("prop"), text);
        var placement = Enumerable.Range(0, n).Select(i => ($"n{i}", Locations[random.Next(Locations.Length)])).ToArray();
        return (graph, TestPlans.PlanFor(graph, placement));
    }
}
