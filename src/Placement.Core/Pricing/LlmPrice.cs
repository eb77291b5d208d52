using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>Token prices of an LLM model at a location, in USD per million tokens.</summary>
public sealed record LlmPrice(
    Location Location,
    string Model,
    decimal UsdPerMillionInputTokens,
    decimal UsdPerMillionOutputTokens,
    PriceSource Source);
