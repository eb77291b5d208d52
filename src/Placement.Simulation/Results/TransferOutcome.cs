using Placement.Core.Model;

namespace Placement.Simulation.Results;

/// <summary>One move that happened (times in simulated seconds).</summary>
/// <param name="Data">Data item.</param>
/// <param name="From">Source location.</param>
/// <param name="To">Destination.</param>
/// <param name="Bytes">Bytes moved.</param>
/// <param name="StartSeconds">When it started (latency included in the duration).</param>
/// <param name="EndSeconds">When its last byte arrived.</param>
/// <param name="IsRouteBack">Output of a node without storage travelling to its home.</param>
public sealed record TransferOutcome(string Data, Location From, Location To, long Bytes, double StartSeconds, double EndSeconds, bool IsRouteBack);
