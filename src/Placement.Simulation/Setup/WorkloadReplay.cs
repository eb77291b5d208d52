namespace Placement.Simulation.Setup;

/// <summary>
/// Measured values to replay instead of the scenario's estimates, keyed by node (and dataset) name: typically
/// taken from a trace. Nodes or items not listed keep their estimates.
/// </summary>
/// <param name="RuntimeSecondsByNode">Measured runtime per node, seconds (at least 0).</param>
/// <param name="BytesByItem">Measured size per data item (node output or dataset), bytes (at least 0); moves of
/// that item scale in proportion.</param>
public sealed record WorkloadReplay(IReadOnlyDictionary<string, double> RuntimeSecondsByNode, IReadOnlyDictionary<string, long> BytesByItem)
{
    /// <summary>Replays nothing.</summary>
    public static WorkloadReplay None { get; } = new(new Dictionary<string, double>(), new Dictionary<string, long>());
}
