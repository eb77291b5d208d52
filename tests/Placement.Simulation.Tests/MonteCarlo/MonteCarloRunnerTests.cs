using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Randomness;
using Placement.Simulation.Tests.Engine;

namespace Placement.Simulation.Tests.MonteCarlo;

public sealed class MonteCarloRunnerTests
{
    [Fact]
    public void Run_AnyParallelism_GivesTheSameSummary()
    {
        var model = SimulatorTests.NoisyModel();
        var serial = MonteCarloRunner.Run(model, 64, masterSeed: 9, maxParallelism: 1);
        foreach (var threads in new[] { 2, 4 })
        {
            // Each worker reuses its replica state, so the replicas it runs depend on scheduling; the results must not.
            var parallel = MonteCarloRunner.Run(model, 64, masterSeed: 9, maxParallelism: threads);
            Assert.Equal(serial.Runs, parallel.Runs);
            Assert.Equal(serial.MakespanSeconds, parallel.MakespanSeconds);
            Assert.Equal(serial.TotalUsd, parallel.TotalUsd);
            Assert.Equal(serial.First.Nodes, parallel.First.Nodes);
        }
    }

    [Fact]
    public void Run_NoisyModel_PercentilesAreOrderedAndIntervalsContainThem()
    {
        var s = MonteCarloRunner.Run(SimulatorTests.NoisyModel(), 200, masterSeed: 1);
        foreach (var d in new[] { s.MakespanSeconds, s.TotalUsd, s.EgressGb })
        {
            Assert.True(d.Min <= d.P50.Value && d.P50.Value <= d.P95.Value && d.P95.Value <= d.P99.Value && d.P99.Value <= d.Max);
            Assert.True(d.Mean.Low <= d.Mean.Value && d.Mean.Value <= d.Mean.High);
            Assert.True(d.P95.Low <= d.P95.Value && d.P95.Value <= d.P95.High);
        }

        Assert.True(s.MakespanSeconds.StandardDeviation > 0);
        Assert.InRange(s.CompletedShare, 0.5, 1.0);
    }

    [Fact]
    public void ReplicaSeeds_AreDistinctAndStable()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => ReplicaSeeds.For(5, i)).ToList();
        Assert.Equal(1000, seeds.Distinct().Count());
        Assert.Equal(seeds[17], ReplicaSeeds.For(5, 17));
        Assert.NotEqual(ReplicaSeeds.For(5, 0), ReplicaSeeds.For(6, 0));
    }

    [Fact]
    public void Distribution_KnownValues_NearestRankPercentiles()
    {
        var d = Distribution.Of(Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList());
        Assert.Equal(50.5, d.Mean.Value, 9);
        Assert.Equal(50, d.P50.Value);
        Assert.Equal(95, d.P95.Value);
        Assert.Equal(99, d.P99.Value);
        Assert.Equal(1, d.Min);
        Assert.Equal(100, d.Max);
        Assert.True(d.P50.Low < 50 && d.P50.High > 50);
    }

    [Fact]
    public void Variation_MeanIsOneAndZeroCvDrawsNothing()
    {
        var random = new SeededRandomSource(3);
        var draws = Enumerable.Range(0, 20000).Select(_ => new Variation(0.5).Factor(random)).ToList();
        Assert.InRange(draws.Average(), 0.98, 1.02);
        Assert.All(draws, f => Assert.True(f > 0));
        Assert.Equal(1.0, Variation.None.Factor(new ThrowingRandom()));
    }

    private sealed class ThrowingRandom : IRandomSource
    {
        public double NextDouble() => throw new InvalidOperationException();

        public double NextStandardNormal() => throw new InvalidOperationException();
    }
}
