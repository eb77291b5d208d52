namespace Placement.Core.Model;

/// <summary>
/// Which executor handler performs a node in a real run (<c>command</c>, <c>llm</c>, <c>copy</c>, <c>noop</c>)
/// and its settings as written in the scenario. The planner and simulator ignore it.
/// </summary>
/// <param name="Kind">Handler kind.</param>
/// <param name="Settings">Settings as written (strings).</param>
/// <param name="Fallback">
/// The handler run when every attempt of this one failed (or it reported a permanent failure): a full handler of
/// any kind. The scenario's string shorthand <c>fallback: "CMD"</c> is a <c>command</c> handler with <c>run: CMD</c>.
/// Null when there is none; a fallback never has a fallback of its own.
/// </param>
public sealed record HandlerSpec(string Kind, IReadOnlyDictionary<string, string> Settings, HandlerSpec? Fallback = null)
{
    /// <summary>The handler kinds the executor knows.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["command", "llm", "copy", "noop"];

    /// <summary>The settings every kind reads.</summary>
    public static IReadOnlyList<string> SettingNames { get; } = ["run", "outputs", "prompt", "model", "timeoutSeconds", "maxAttempts"];
}
