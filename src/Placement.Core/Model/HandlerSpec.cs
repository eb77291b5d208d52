namespace Placement.Core.Model;

/// <summary>
/// Which executor handler performs a node in a real run (<c>command</c>, <c>llm</c>, <c>copy</c>, <c>noop</c>)
/// and its settings as written in the scenario. The planner and simulator ignore it.
/// </summary>
public sealed record HandlerSpec(string Kind, IReadOnlyDictionary<string, string> Settings);
