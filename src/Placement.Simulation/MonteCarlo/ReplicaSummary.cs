using Placement.Core.Costing;

namespace Placement.Simulation.MonteCarlo;

/// <summary>The few numbers kept per replica (full results are dropped to keep memory flat).</summary>
public sealed record ReplicaSummary(int Replica, int Seed, bool Completed, double MakespanSeconds, CostTotals Cost, long EgressBytes, long EventCount);
