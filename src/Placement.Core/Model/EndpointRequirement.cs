namespace Placement.Core.Model;

/// <summary>
/// What a node needs to run on: a VM SKU, a managed service, or an LLM API. Closed hierarchy: the three
/// kinds below are the only ones.
/// </summary>
public abstract record EndpointRequirement
{
    private protected EndpointRequirement()
    {
    }

    /// <summary>The kind word used in scenario files: <c>vm</c>, <c>service</c> or <c>llm</c>.</summary>
    public abstract string KindWord { get; }

    /// <summary>The persistence an endpoint of this kind has unless the scenario says otherwise.</summary>
    public abstract Persistence DefaultPersistence { get; }
}

/// <summary>
/// A VM requirement. A SKU qualifies when it is listed in <see cref="Skus"/> (if any are listed) and has
/// at least <see cref="GpuCount"/> GPUs of <see cref="GpuType"/> (if given), at least <see cref="MinVcpus"/>
/// vCPUs and at least <see cref="MinMemoryGib"/> GiB of memory.
/// </summary>
public sealed record VmRequirement(
    string? GpuType,
    int GpuCount,
    IReadOnlyList<string> Skus,
    int MinVcpus,
    decimal MinMemoryGib) : EndpointRequirement
{
    /// <inheritdoc />
    public override string KindWord => "vm";

    /// <inheritdoc />
    public override Persistence DefaultPersistence => Persistence.Native;
}

/// <summary>A managed service such as <c>gcp-video-intelligence-labels</c>; any of the listed services qualifies.</summary>
public sealed record ServiceRequirement(IReadOnlyList<string> Services) : EndpointRequirement
{
    /// <inheritdoc />
    public override string KindWord => "service";

    /// <inheritdoc />
    public override Persistence DefaultPersistence => Persistence.Native;
}

/// <summary>A commercial LLM API; any of the listed models qualifies.</summary>
public sealed record LlmRequirement(IReadOnlyList<string> Models) : EndpointRequirement
{
    /// <inheritdoc />
    public override string KindWord => "llm";

    /// <inheritdoc />
    public override Persistence DefaultPersistence => Persistence.None;
}
