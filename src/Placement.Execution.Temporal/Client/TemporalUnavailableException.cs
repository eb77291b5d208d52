namespace Placement.Execution.Temporal.Client;

/// <summary>No Temporal server answered at the configured address: the CLI prints <see cref="Exception.Message"/> (one line) and exits 2.</summary>
public sealed class TemporalUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
