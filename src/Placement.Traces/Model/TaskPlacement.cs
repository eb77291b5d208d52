using Placement.Core.Model;

namespace Placement.Traces.Model;

/// <summary>
/// Placement's extension of a trace task: where the executor (or simulator) ran it, where its output was
/// stored, and what it cost. Times are seconds from the start of the run.
/// </summary>
/// <param name="Location">Where it ran (<c>provider/region</c>).</param>
/// <param name="Offering">VM SKU, service or LLM model it ran on.</param>
/// <param name="StorageHome">Where its output was stored (cost-model.md co-located storage rules).</param>
/// <param name="Attempts">Attempts made, at least 1 (retries included).</param>
/// <param name="StartSeconds">Seconds from run start to the start of the successful (or last) attempt.</param>
/// <param name="EndSeconds">Seconds from run start to its end.</param>
/// <param name="Cost">What it cost (all attempts).</param>
/// <param name="BytesMoved">Executor runs: bytes of the transfers attributed to this task (its route-back, else the
/// moves to it as first consumer at the destination); null when not recorded.</param>
/// <param name="PredictedUsd">Executor runs: the plan's compute + services + LLM USD for this task; null when not recorded.</param>
/// <param name="OutputUri">Executor runs: where its output was stored; null when not recorded.</param>
/// <param name="Sha256">Executor runs: SHA-256 hex of its output; null when not recorded.</param>
/// <param name="Commit">Executor runs: how its output was committed (<c>ran</c>, <c>cached</c>, <c>fallback</c>, ...); null when not recorded.</param>
/// <param name="InputTokens">Executor runs: LLM input tokens reported; null when not recorded.</param>
/// <param name="OutputTokens">Executor runs: LLM output tokens reported; null when not recorded.</param>
public sealed record TaskPlacement(
    Location Location,
    string Offering,
    Location StorageHome,
    int Attempts,
    double StartSeconds,
    double EndSeconds,
    TaskCost Cost,
    long? BytesMoved = null,
    decimal? PredictedUsd = null,
    string? OutputUri = null,
    string? Sha256 = null,
    string? Commit = null,
    long? InputTokens = null,
    long? OutputTokens = null);
