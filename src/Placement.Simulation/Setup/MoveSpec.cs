using Placement.Core.Pricing;

namespace Placement.Simulation.Setup;

/// <summary>
/// A move as the engine sees it. <see cref="BaseBytes"/> is what it streams (the union of its consumers' reads);
/// <see cref="BaseStagedBytes"/> what of it is staged at the destination (what the consumers with storage read),
/// billed at <see cref="StagedStorage"/>.
/// </summary>
internal sealed record MoveSpec(
    int Item,
    int From,
    int To,
    int Link,
    long BaseBytes,
    bool IsRouteBack,
    double LatencySeconds,
    int[] Consumers,
    EgressSchedule Egress,
    StoragePrice? StagedStorage,
    long BaseStagedBytes);
