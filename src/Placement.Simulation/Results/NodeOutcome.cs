namespace Placement.Simulation.Results;

/// <summary>How one node fared (times in simulated seconds; NaN when it never got that far).</summary>
/// <param name="Node">Node name.</param>
/// <param name="ReadySeconds">All inputs at its location.</param>
/// <param name="StartSeconds">Start of its last attempt.</param>
/// <param name="EndSeconds">End of its last attempt.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Succeeded">True when an attempt succeeded.</param>
/// <param name="BilledHours">Hours billed over all attempts (VMs).</param>
/// <param name="OutputBytes">Size of its output in this replica, bytes.</param>
public sealed record NodeOutcome(string Node, double ReadySeconds, double StartSeconds, double EndSeconds, int Attempts, bool Succeeded, decimal BilledHours, long OutputBytes);
