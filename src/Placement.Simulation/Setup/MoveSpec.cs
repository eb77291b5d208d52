using Placement.Core.Pricing;

namespace Placement.Simulation.Setup;

/// <summary>A move as the engine sees it.</summary>
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
    StoragePrice? StagedStorage);
