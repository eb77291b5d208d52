namespace Placement.Execution.Journal;

/// <summary>Which handler an attempt ran, as the journal's <c>attempts.kind</c> column records it.</summary>
public static class AttemptKind
{
    /// <summary>The node's own handler.</summary>
    public const string Primary = "primary";

    /// <summary>The node's <c>handler.fallback</c>, run once the primary's attempts are exhausted.</summary>
    public const string Fallback = "fallback";
}
