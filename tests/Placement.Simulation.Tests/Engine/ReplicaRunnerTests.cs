using Placement.Simulation.Engine;
using Placement.Simulation.Events;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;

namespace Placement.Simulation.Tests.Engine;

public sealed class ReplicaRunnerTests
{
    [Fact]
    public void Run_ReusedAfterOtherReplicas_SameResultAndEventLogAsAFreshRun()
    {
        // Half the attempts fail and one attempt is all a node gets: earlier replicas end abandoned, with nodes and moves
        // that never ran, so any state the reset forgot would show in the replica after them.
        var model = SimulatorTests.NoisyModel(failure: 0.5, attempts: 1);
        var runner = new ReplicaRunner(model);
        var previous = Enumerable.Range(0, 12).Select(s => runner.Run(new SeededRandomSource(s))).ToList();
        Assert.Contains(previous, r => !r.Completed);

        foreach (var seed in new[] { 42, 3, 42 })
        {
            var freshLog = new EventLogText(model);
            var fresh = Simulator.Run(model, new SeededRandomSource(seed), freshLog, seed, withCostLines: true);
            var reusedLog = new EventLogText(model);
            var reused = runner.Run(new SeededRandomSource(seed), reusedLog, seed, withCostLines: true);
            Assert.Equal(freshLog.Text, reusedLog.Text);
            AssertSame(fresh, reused);
        }
    }

    [Fact]
    public void Summarise_AnySeed_AgreesWithTheFullResult()
    {
        var model = SimulatorTests.NoisyModel(failure: 0.3, attempts: 2);
        var runner = new ReplicaRunner(model);
        for (var i = 0; i < 20; i++)
        {
            var seed = ReplicaSeeds.For(5, i);
            var full = Simulator.Run(model, new SeededRandomSource(seed), null, seed);
            var summary = runner.Summarise(i, seed, new SeededRandomSource(seed));
            Assert.Equal(new ReplicaSummary(i, seed, full.Completed, full.MakespanSeconds, full.Cost, full.EgressBytes, full.EventCount), summary);
        }
    }

    private static void AssertSame(SimulationResult expected, SimulationResult actual)
    {
        Assert.Equal(expected.Completed, actual.Completed);
        Assert.Equal(expected.MakespanSeconds, actual.MakespanSeconds);
        Assert.Equal(expected.Cost, actual.Cost);
        Assert.Equal(expected.EgressBytes, actual.EgressBytes);
        Assert.Equal(expected.EventCount, actual.EventCount);
        Assert.Equal(expected.Nodes, actual.Nodes);
        Assert.Equal(expected.Transfers, actual.Transfers);
        Assert.Equal(expected.Locations, actual.Locations);
        Assert.Equal(expected.CriticalPath, actual.CriticalPath);
        Assert.Equal(expected.DatasetBytes, actual.DatasetBytes);
        Assert.Equal(expected.CostLines!.Totals, actual.CostLines!.Totals);
    }
}
