using Placement.Core.Model;

namespace Placement.Traces.Model;

/// <summary>
/// One direct move of a data item between locations during a run (Placement extension). Times are seconds
/// from the start of the run.
/// </summary>
/// <param name="Data">Data item moved (node output or dataset name).</param>
/// <param name="From">Source location.</param>
/// <param name="To">Destination location.</param>
/// <param name="Bytes">Bytes actually moved.</param>
/// <param name="StartSeconds">When the move started.</param>
/// <param name="EndSeconds">When the last byte arrived.</param>
/// <param name="CostUsd">Egress cost in USD.</param>
public sealed record TraceTransfer(string Data, Location From, Location To, long Bytes, double StartSeconds, double EndSeconds, decimal CostUsd);
