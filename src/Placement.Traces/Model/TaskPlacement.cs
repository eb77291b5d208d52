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
public sealed record TaskPlacement(
    Location Location,
    string Offering,
    Location StorageHome,
    int Attempts,
    double StartSeconds,
    double EndSeconds,
    TaskCost Cost);
