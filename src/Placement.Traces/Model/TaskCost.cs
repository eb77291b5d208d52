namespace Placement.Traces.Model;

/// <summary>What running one task cost, in USD, by component (as in the cost model's node lines).</summary>
public sealed record TaskCost(decimal ComputeUsd, decimal ServicesUsd, decimal LlmUsd)
{
    /// <summary>No cost.</summary>
    public static TaskCost Zero { get; } = new(0, 0, 0);

    /// <summary>Compute + services + LLM.</summary>
    public decimal TotalUsd => ComputeUsd + ServicesUsd + LlmUsd;
}
