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
/// <param name="Mode">Executor runs: how it moved (<c>server-copy</c>, <c>stream</c>, <c>stream-to-consumer</c>, <c>route-back</c>); null otherwise.</param>
/// <param name="Attempts">Executor runs: attempts made, retries included; null otherwise.</param>
/// <param name="PredictedBytes">Executor runs: bytes the plan expected for this move (0 when the plan has no such line); null otherwise.</param>
/// <param name="PredictedUsd">Executor runs: the plan's egress USD for this move (0 when the plan has no such line); null otherwise.</param>
/// <param name="Timing">
/// Executor runs: how <paramref name="StartSeconds"/>/<paramref name="EndSeconds"/> were obtained: <c>measured</c> (read from the
/// executor's clock when the move started and ended) or <c>placed</c> (only the duration was recorded; the move is
/// placed next to its producer or consumer); null otherwise.
/// </param>
public sealed record TraceTransfer(
    string Data,
    Location From,
    Location To,
    long Bytes,
    double StartSeconds,
    double EndSeconds,
    decimal CostUsd,
    string? Mode = null,
    int? Attempts = null,
    long? PredictedBytes = null,
    decimal? PredictedUsd = null,
    string? Timing = null);
