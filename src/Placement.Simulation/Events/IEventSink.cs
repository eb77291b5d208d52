namespace Placement.Simulation.Events;

/// <summary>Receives every processed event in order (for the JSON-lines event log). Null sink: no logging cost.</summary>
public interface IEventSink
{
    /// <summary>Called once per processed event, in processing order.</summary>
    /// <param name="seconds">Simulated time.</param>
    /// <param name="sequence">Insertion sequence number (unique within a run).</param>
    /// <param name="simulationEvent">The event.</param>
    void Record(double seconds, long sequence, SimulationEvent simulationEvent);
}
