namespace Placement.Execution.Temporal.Workflows;

/// <summary>
/// Activity type names, part of the workflow's recorded history: renaming one breaks the replay of every run
/// recorded before (change them only behind <c>Workflow.Patched</c>, docs/executors.md).
/// </summary>
public static class ActivityNames
{
    /// <summary>Puts every dataset in its home bucket and hashes it (activity id <c>runId/datasets</c>), on the workflow queue, first.</summary>
    public const string Datasets = "placement.datasets";

    /// <summary>One node with its primary handler (activity id <c>runId/nodeId</c>).</summary>
    public const string Node = "placement.node";

    /// <summary>One node with its fallback handler (activity id <c>runId/nodeId#fallback</c>).</summary>
    public const string Fallback = "placement.fallback";

    /// <summary>One planned transfer (activity id <c>runId/transfer/ITEM/TO</c>), on the destination's queue.</summary>
    public const string Transfer = "placement.transfer";

    /// <summary>The final activity writing the trace and manifest (activity id <c>runId/record</c>), on the workflow queue.</summary>
    public const string Record = "placement.record";

    /// <summary>Error type of a failure retrying cannot fix (<c>PermanentNodeException</c>): not retried.</summary>
    public const string PermanentFailure = "PermanentNodeFailure";

    /// <summary>Error type of a run file (scenario, plan) that is not the one the run was submitted with.</summary>
    public const string RunFileMismatch = "RunFileMismatch";
}
