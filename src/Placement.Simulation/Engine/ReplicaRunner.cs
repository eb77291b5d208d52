using Placement.Simulation.Events;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Engine;

/// <summary>
/// Runs replicas of one <see cref="SimulationModel"/> one after another, reusing the per-replica state (every array
/// indexed by node, item, move, link and location, the event queue and the link heaps): after the first run a
/// replica allocates nothing in the event loop. Each run starts from a full reset, so its result depends only on the
/// model and the random source, never on the runs before it. Not thread-safe: one runner per thread
/// (<see cref="MonteCarloRunner"/> keeps one per worker).
/// </summary>
public sealed class ReplicaRunner
{
    private readonly Replica replica;

    /// <summary>Allocates the state for <paramref name="model"/>.</summary>
    public ReplicaRunner(SimulationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        replica = new Replica(model);
    }

    /// <summary>The model this runner simulates.</summary>
    public SimulationModel Model { get; }

    /// <summary>Runs one replica and returns its full result (see <see cref="Simulator.Run"/>).</summary>
    public SimulationResult Run(IRandomSource random, IEventSink? sink = null, int seed = 0, bool withCostLines = false)
    {
        replica.Run(random, sink);
        return replica.Result(seed, withCostLines);
    }

    /// <summary>Runs one replica and returns only the events processed (the benchmark's inner loop).</summary>
    public long CountEvents(IRandomSource random)
    {
        replica.Run(random, null);
        return replica.Events;
    }

    /// <summary>Runs one replica and keeps only what a Monte Carlo summary needs (no per-node or per-move objects).</summary>
    public ReplicaSummary Summarise(int replicaIndex, int seed, IRandomSource random)
    {
        replica.Run(random, null);
        return replica.Summary(replicaIndex, seed);
    }
}
