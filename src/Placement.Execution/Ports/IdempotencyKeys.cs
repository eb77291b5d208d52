namespace Placement.Execution.Ports;

/// <summary>
/// The idempotency keys of a node's side effects (a Temporal adapter's activity ids): <c>runId/nodeId</c> for the
/// node's own handler and its commit, <c>runId/nodeId#fallback</c> for its fallback handler.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The key of a node's handler, and the one its output is committed under, whichever handler produced it.</summary>
    public static string Node(string runId, string node) => $"{runId}/{node}";

    /// <summary>The key a node's fallback handler runs under.</summary>
    public static string Fallback(string runId, string node) => Node(runId, node) + "#fallback";
}
