namespace Placement.Execution.Temporal.Workflows;

/// <summary>
/// The patch ids of <see cref="PlacementRunWorkflow"/> (<c>Workflow.Patched</c>), one per change of the commands it
/// issues after a release; each is recorded as a marker in the histories of runs started after the change. A patch
/// stays until no run of the version before it is open, then goes through <c>Workflow.DeprecatePatch</c>
/// (docs/executors.md, "Changing the workflow").
/// </summary>
public static class Patches
{
    /// <summary>
    /// Version 2: the datasets activity is detached from cancellation, and a run cancelled before its first node
    /// still records its trace and manifest (version 1 cancelled the datasets activity and ended without them).
    /// </summary>
    public const string RecordAfterEarlyCancel = "record-after-early-cancel";
}
