using Placement.Core.Costing;
using Placement.Simulation.Costing;
using Placement.Simulation.Events;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Engine;

/// <summary>
/// Runs one replica of a <see cref="SimulationModel"/>: a discrete-event loop over one <see cref="EventQueue{T}"/>.
/// Datasets are stored at time 0; a stored item starts its moves; a node is ready when each input is at its
/// location (at home or brought by its move), waits the engine overhead, passes its rate limit, queues FIFO for
/// a slot and GPUs at its location, runs (possibly failing and retrying), and stores its output (directly, or
/// after routing it back home). Moves wait one latency, then share their link's bandwidth with every other move
/// streaming on it. Pure: the only inputs are the model and the injected random source. Each call allocates a
/// replica's state; to run many replicas of one model, reuse a <see cref="ReplicaRunner"/>.
/// </summary>
public static class Simulator
{
    /// <summary>Runs one replica.</summary>
    /// <param name="model">The compiled plan.</param>
    /// <param name="random">Random source (owned by this run).</param>
    /// <param name="sink">Receives every event, or null.</param>
    /// <param name="seed">Seed recorded in the result (informational).</param>
    /// <param name="withCostLines">Also build every cost line (node, transfer, storage) in <see cref="SimulationResult.CostLines"/>.</param>
    public static SimulationResult Run(SimulationModel model, IRandomSource random, IEventSink? sink = null, int seed = 0, bool withCostLines = false)
    {
        return new ReplicaRunner(model).Run(random, sink, seed, withCostLines);
    }

    /// <summary>Runs one replica and returns only the events processed (the benchmark's inner loop).</summary>
    public static long CountEvents(SimulationModel model, IRandomSource random)
    {
        return new ReplicaRunner(model).CountEvents(random);
    }
}
