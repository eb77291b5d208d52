using System.Globalization;

namespace Placement.Data.Scenarios;

/// <summary>
/// The ranges a scenario's numbers must lie in (docs/scenario-format.md, "Limits and warnings"). The hard limits
/// make whatever <c>validate</c> accepts computable by the cost model (exact decimals), the planner (the native
/// solver refuses coefficients near 10^25) and the simulator (seconds as doubles); the warning thresholds flag
/// values that are legal but almost surely a unit mistake (hours written as seconds, a run costing millions).
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Largest work quantity (hours, minutes, images, requests, GiB of memory): 10^15.</summary>
    public const decimal MaxQuantity = 1e15m;

    /// <summary>Largest whole count (tokens, vCPUs, GPUs): 10^15.</summary>
    public const long MaxCount = 1_000_000_000_000_000;

    /// <summary>Most VMs billed in parallel for one node (<c>count</c>): 10^6.</summary>
    public const long MaxInstances = 1_000_000;

    /// <summary>Longest storage retention: 1200 months (100 years).</summary>
    public const decimal MaxRetentionMonths = 1200m;

    /// <summary>Largest budget in USD: 10^15.</summary>
    public const decimal MaxBudgetUsd = 1e15m;

    /// <summary>Longest deadline in hours: 10^9.</summary>
    public const decimal MaxDeadlineHours = 1e9m;

    /// <summary>Most bytes a scenario's data may add up to (datasets, node outputs and what every edge reads): 10^18, so every sum of sizes fits a long.</summary>
    public const decimal MaxTotalBytes = 1e18m;

    /// <summary>Most a node may cost at any of its candidates, in USD: 10^15. Beyond it the planner's numbers lose their cents.</summary>
    public const decimal MaxNodeUsd = 1e15m;

    /// <summary>Warning: one node's compute hours (runtime x instances) above 100,000 h, over 11 years.</summary>
    public const decimal WarnNodeHours = 100_000m;

    /// <summary>Warning: video or audio minutes of one node above 10^6 (almost two years of media).</summary>
    public const decimal WarnMediaMinutes = 1_000_000m;

    /// <summary>Warning: images or requests of one node above 10^9.</summary>
    public const decimal WarnCalls = 1_000_000_000m;

    /// <summary>Warning: tokens (input + output) of one node above 10^11.</summary>
    public const long WarnTokens = 100_000_000_000;

    /// <summary>Warning: a data size above 1 PB (10^15 bytes).</summary>
    public const long WarnBytes = 1_000_000_000_000_000;

    /// <summary>Warning: more than 10,000 instances of one node.</summary>
    public const long WarnInstances = 10_000;

    /// <summary>Warning: a node whose cheapest candidate costs more than $1,000,000.</summary>
    public const decimal WarnNodeUsd = 1_000_000m;

    /// <summary>Warning: a scenario whose cheapest placement (each node at its cheapest candidate, before transfers) costs more than $10,000,000.</summary>
    public const decimal WarnScenarioUsd = 10_000_000m;

    /// <summary>Warning: a deadline above 87,600 hours (10 years).</summary>
    public const decimal WarnDeadlineHours = 87_600m;

    /// <summary>A limit as people read it: 1000000000000000 as 10^15, 1200 as 1200.</summary>
    public static string Text(decimal value)
    {
        if (value >= 1e6m && value == Math.Truncate(value))
        {
            var digits = value.ToString("0", CultureInfo.InvariantCulture);
            if (digits[0] == '1' && digits[1..].All(c => c == '0'))
            {
                return $"10^{digits.Length - 1}";
            }
        }

        return value.ToString("#,0.############", CultureInfo.InvariantCulture);
    }
}
