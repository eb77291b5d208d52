using Placement.Core.Model;
using Placement.Simulation.Randomness;

namespace Placement.Simulation.Setup;

/// <summary>
/// How a run departs from the planner's ideal world. Defaults reproduce the plan: no variation, no failures,
/// no overhead, unlimited slots, no rate limits (the scenario's GPU caps still apply). Validate once at the
/// edge with <see cref="Validate"/>.
/// </summary>
/// <param name="Runtime">Log-normal variation of each attempt's runtime around its estimate (or replayed value).</param>
/// <param name="Bytes">Log-normal variation of each data item's size, drawn once per item and replica.</param>
/// <param name="FailureProbability">Probability in [0, 1) that an attempt fails; a failed attempt runs for a uniform fraction of its runtime and is billed for it.</param>
/// <param name="MaxAttempts">Attempts per node before the run is declared failed (at least 1).</param>
/// <param name="RetryDelaySeconds">Seconds between a failed attempt and its retry.</param>
/// <param name="EngineOverheadSeconds">Workflow-engine delay per task between "inputs ready" and "submitted" (not billed, holds no slot).</param>
/// <param name="SlotsPerLocation">Concurrent tasks per location; locations not listed use <paramref name="DefaultSlots"/>.</param>
/// <param name="DefaultSlots">Concurrent tasks at any other location; null means unlimited.</param>
/// <param name="EnforceGpuCaps">Apply the scenario's <c>maxGpusPerLocation</c> as concurrent-GPU capacity.</param>
/// <param name="RateLimitsPerSecond">Maximum task starts per second per offering (service or model name, or VM SKU).</param>
public sealed record SimulationOptions(
    Variation Runtime,
    Variation Bytes,
    double FailureProbability,
    int MaxAttempts,
    double RetryDelaySeconds,
    double EngineOverheadSeconds,
    IReadOnlyDictionary<Location, int> SlotsPerLocation,
    int? DefaultSlots,
    bool EnforceGpuCaps,
    IReadOnlyDictionary<string, double> RateLimitsPerSecond)
{
    /// <summary>The plan's ideal world: deterministic, no failures, unlimited slots.</summary>
    public static SimulationOptions Exact { get; } = new(
        Variation.None, Variation.None, 0, 1, 0, 0, new Dictionary<Location, int>(), null, true, new Dictionary<string, double>(StringComparer.Ordinal));

    /// <summary>True when a run consumes no random numbers (every replica is identical).</summary>
    public bool IsDeterministic => Runtime.CoefficientOfVariation <= 0 && Bytes.CoefficientOfVariation <= 0 && FailureProbability <= 0;

    /// <summary>Every problem with these options, as sentences naming the option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(Runtime.CoefficientOfVariation >= 0) || double.IsInfinity(Runtime.CoefficientOfVariation))
        {
            problems.Add("runtime variation (coefficient of variation) must be a finite number >= 0");
        }

        if (!(Bytes.CoefficientOfVariation >= 0) || double.IsInfinity(Bytes.CoefficientOfVariation))
        {
            problems.Add("bytes variation (coefficient of variation) must be a finite number >= 0");
        }

        if (!(FailureProbability >= 0 && FailureProbability < 1))
        {
            problems.Add("failure probability must be in [0, 1)");
        }

        if (MaxAttempts < 1)
        {
            problems.Add("max attempts must be at least 1");
        }

        if (!(RetryDelaySeconds >= 0) || double.IsInfinity(RetryDelaySeconds))
        {
            problems.Add("retry delay must be a finite number of seconds >= 0");
        }

        if (!(EngineOverheadSeconds >= 0) || double.IsInfinity(EngineOverheadSeconds))
        {
            problems.Add("engine overhead must be a finite number of seconds >= 0");
        }

        foreach (var (loc, slots) in SlotsPerLocation.Where(p => p.Value < 1))
        {
            problems.Add($"slots at {loc} must be at least 1 (got {slots})");
        }

        if (DefaultSlots is < 1)
        {
            problems.Add("default slots must be at least 1");
        }

        foreach (var (key, rate) in RateLimitsPerSecond.Where(p => !(p.Value > 0) || double.IsInfinity(p.Value)))
        {
            problems.Add($"rate limit of {key} must be a positive number of starts per second (got {rate})");
        }

        return problems;
    }
}
