namespace Placement.Traces.Model;

/// <summary>A file of a trace: its id (its name in WfFormat 1.3/1.4) and its size in bytes (at least 0).</summary>
public sealed record TraceFile(string Id, long SizeInBytes);
