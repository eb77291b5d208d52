namespace Placement.Core.Model;

/// <summary>
/// How much work a node does. Which fields matter depends on the endpoint: VMs use hours, services use
/// the unit their price row names (video or audio minutes, images, requests), LLMs use tokens.
/// </summary>
/// <param name="RuntimeHours">Wall-clock hours on any qualifying SKU, when not given more precisely below.</param>
/// <param name="RuntimeHoursByGpu">Hours per GPU type (e.g. <c>A100</c>: 2.0, <c>H100</c>: 1.2); beats <paramref name="RuntimeHours"/>.</param>
/// <param name="RuntimeHoursBySku">Hours per SKU name; beats both of the above.</param>
/// <param name="VideoMinutes">Minutes of video processed by a service.</param>
/// <param name="AudioMinutes">Minutes of audio processed by a service.</param>
/// <param name="Images">Images processed by a service.</param>
/// <param name="Requests">Requests made to a service.</param>
/// <param name="InputTokens">LLM input (prompt) tokens.</param>
/// <param name="OutputTokens">LLM output (completion) tokens.</param>
/// <param name="DurationHours">Wall-clock hours of a service or LLM call (VMs use their runtime); null means unknown, taken as 0 by time estimates.</param>
public sealed record WorkEstimate(
    decimal? RuntimeHours,
    IReadOnlyDictionary<string, decimal> RuntimeHoursByGpu,
    IReadOnlyDictionary<string, decimal> RuntimeHoursBySku,
    decimal VideoMinutes,
    decimal AudioMinutes,
    decimal Images,
    decimal Requests,
    long InputTokens,
    long OutputTokens,
    decimal? DurationHours = null)
{
    /// <summary>No work at all.</summary>
    public static WorkEstimate None { get; } = new(
        null, new Dictionary<string, decimal>(), new Dictionary<string, decimal>(), 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Wall-clock hours of the node on a candidate, for time estimates: a VM's runtime on that SKU, else
    /// <see cref="DurationHours"/>, else 0.
    /// </summary>
    public decimal WallClockHours(string offering, string? gpuType, bool isVm) =>
        (isVm ? HoursOn(offering, gpuType) : null) ?? DurationHours ?? 0;

    /// <summary>Runtime hours on a given SKU: by SKU, else by GPU type, else the plain estimate; null if unknown.</summary>
    public decimal? HoursOn(string sku, string? gpuType)
    {
        if (RuntimeHoursBySku.TryGetValue(sku, out var bySku))
        {
            return bySku;
        }

        if (gpuType is not null && RuntimeHoursByGpu.TryGetValue(gpuType, out var byGpu))
        {
            return byGpu;
        }

        return RuntimeHours;
    }
}
