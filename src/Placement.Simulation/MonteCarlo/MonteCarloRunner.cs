using Placement.Simulation.Engine;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;
using Placement.Simulation.Setup;

namespace Placement.Simulation.MonteCarlo;

/// <summary>
/// Runs N independent replicas of a model in parallel. Replica i uses seed <see cref="ReplicaSeeds.For"/>(master, i)
/// and its own random source, and results are stored by index, so the summary is the same for any degree of
/// parallelism and any scheduling of threads. Each worker thread reuses one <see cref="ReplicaRunner"/> (a reset
/// replica state), so replicas after a worker's first allocate almost nothing; only replica 0 builds a full result.
/// </summary>
public static class MonteCarloRunner
{
    /// <summary>Runs the replicas and summarises them.</summary>
    /// <param name="model">Compiled plan.</param>
    /// <param name="replicas">Number of replicas, at least 1.</param>
    /// <param name="masterSeed">Master seed.</param>
    /// <param name="maxParallelism">Worker threads; null lets the runtime choose.</param>
    /// <param name="randomFactory">Random source per seed; default <see cref="SeededRandomSource"/>.</param>
    public static MonteCarloSummary Run(SimulationModel model, int replicas, int masterSeed, int? maxParallelism = null, Func<int, IRandomSource>? randomFactory = null)
    {
        if (replicas < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(replicas), "At least one replica.");
        }

        randomFactory ??= seed => new SeededRandomSource(seed);
        var runs = new ReplicaSummary[replicas];
        SimulationResult? first = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? -1 };
        Parallel.For(0, replicas, parallel, () => new ReplicaRunner(model), (i, _, runner) =>
        {
            var seed = ReplicaSeeds.For(masterSeed, i);
            if (i == 0)
            {
                var result = runner.Run(randomFactory(seed), null, seed);
                runs[i] = new ReplicaSummary(i, seed, result.Completed, result.MakespanSeconds, result.Cost, result.EgressBytes, result.EventCount);
                first = result;
            }
            else
            {
                runs[i] = runner.Summarise(i, seed, randomFactory(seed));
            }

            return runner;
        }, _ => { });

        double[] Of(Func<ReplicaSummary, double> f) => runs.Select(f).ToArray();
        return new MonteCarloSummary(
            replicas,
            masterSeed,
            runs.Count(r => r.Completed) / (double)replicas,
            Distribution.Of(Of(r => r.MakespanSeconds)),
            Distribution.Of(Of(r => (double)r.Cost.TotalUsd)),
            Distribution.Of(Of(r => (double)r.Cost.ComputeUsd)),
            Distribution.Of(Of(r => (double)r.Cost.ServicesUsd)),
            Distribution.Of(Of(r => (double)r.Cost.LlmUsd)),
            Distribution.Of(Of(r => (double)r.Cost.EgressUsd)),
            Distribution.Of(Of(r => (double)r.Cost.StorageUsd)),
            Distribution.Of(Of(r => r.EgressBytes / 1e9)),
            runs,
            first!);
    }
}
