namespace Placement.Simulation.Results;

/// <summary>Whether a critical-path step is a task or a transfer.</summary>
public enum CriticalStepKind
{
    /// <summary>A node's successful attempt.</summary>
    Task,

    /// <summary>A move of a data item between locations.</summary>
    Transfer,
}

/// <summary>One step of the critical path: what ran, from when to when (simulated seconds).</summary>
/// <param name="Kind">Task or transfer.</param>
/// <param name="Name">Node name, or <c>data from -> to</c> for a transfer.</param>
/// <param name="StartSeconds">Start.</param>
/// <param name="EndSeconds">End.</param>
public sealed record CriticalStep(CriticalStepKind Kind, string Name, double StartSeconds, double EndSeconds);
