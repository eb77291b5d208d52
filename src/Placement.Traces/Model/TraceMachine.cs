namespace Placement.Traces.Model;

/// <summary>A machine a trace ran on (informational; the simulator uses plan locations instead).</summary>
/// <param name="Name">Node name.</param>
/// <param name="CoreCount">CPU cores, when recorded.</param>
/// <param name="SpeedMhz">CPU speed in MHz, when recorded.</param>
/// <param name="MemoryBytes">Memory in bytes, when recorded.</param>
public sealed record TraceMachine(string Name, int? CoreCount, double? SpeedMhz, long? MemoryBytes);
