namespace Placement.Simulation.Setup;

/// <summary>A node as the engine sees it.</summary>
/// <param name="Location">Location index.</param>
/// <param name="IsVm">Billed per hour.</param>
/// <param name="BaseSeconds">Runtime before variation, seconds.</param>
/// <param name="BaseHours">The same in exact decimal hours (the cost model's estimate when not replayed).</param>
/// <param name="UsdPerHour">SKU price.</param>
/// <param name="InstanceCount">VMs billed in parallel.</param>
/// <param name="ServicesUsdPerAttempt">Managed-service cost of one attempt.</param>
/// <param name="LlmUsdPerAttempt">LLM cost of one attempt.</param>
/// <param name="Gpus">GPUs held while running.</param>
/// <param name="RateKey">Rate-limit bucket, or -1.</param>
/// <param name="Requirements">Inputs to wait for (items at home plus inbound moves).</param>
/// <param name="RouteBackMove">Move carrying its output home, or -1.</param>
internal readonly record struct NodeSpec(
    int Location,
    bool IsVm,
    double BaseSeconds,
    decimal BaseHours,
    decimal UsdPerHour,
    int InstanceCount,
    decimal ServicesUsdPerAttempt,
    decimal LlmUsdPerAttempt,
    int Gpus,
    int RateKey,
    int Requirements,
    int RouteBackMove);
