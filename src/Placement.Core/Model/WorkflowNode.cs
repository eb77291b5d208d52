namespace Placement.Core.Model;

/// <summary>One step of the workflow DAG. Its output is one data item named like the node.</summary>
/// <param name="Name">Unique among nodes and datasets.</param>
/// <param name="Endpoint">What it runs on.</param>
/// <param name="Persistence">Where its output is stored (see cost-model.md, co-located storage rules).</param>
/// <param name="Candidates">Allow/deny/pin rules for its location.</param>
/// <param name="Work">Work estimate that prices it.</param>
/// <param name="OutputBytes">Size of its output data item in bytes.</param>
/// <param name="StoreWith">For nodes without storage: the parent whose storage receives the output.</param>
/// <param name="InstanceCount">VMs billed in parallel for a VM node (1 otherwise).</param>
/// <param name="Handler">Executor handler for real runs; null when the scenario is only planned.</param>
/// <param name="ReuseStorage">On re-run, keep and append to the existing output instead of recreating it.</param>
/// <param name="OutputParts">
/// The output's named parts (files), in declared order, their sizes summing to <paramref name="OutputBytes"/>; null
/// or empty when the output is one undivided item. Readers of a node with parts read whole parts.
/// </param>
public sealed record WorkflowNode(
    string Name,
    EndpointRequirement Endpoint,
    Persistence Persistence,
    CandidateRules Candidates,
    WorkEstimate Work,
    long OutputBytes,
    string? StoreWith,
    int InstanceCount,
    HandlerSpec? Handler,
    bool ReuseStorage,
    IReadOnlyList<DataPart>? OutputParts = null)
{
    /// <summary>The output's parts; empty when the output is one undivided item.</summary>
    public IReadOnlyList<DataPart> Parts => OutputParts ?? [];
}
