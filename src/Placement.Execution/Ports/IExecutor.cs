using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Pricing;

namespace Placement.Execution.Ports;

/// <summary>
/// Performs a plan: a run is a durable workflow, each node an activity with idempotency key <c>runId/nodeId</c>,
/// each location a task queue, outputs passed as URIs (never bytes). See docs/executors.md for the mapping
/// onto Temporal and other durable engines.
/// </summary>
public interface IExecutor
{
    /// <summary>Starts a new run of a plan and completes when the run ends (succeeded, failed or cancelled).</summary>
    Task<RunResult> StartAsync(RunRequest request, IProgress<RunEvent>? progress, CancellationToken cancel);

    /// <summary>
    /// Resumes a run after a crash or a cancel: committed nodes are kept (their outputs verified by hash),
    /// the rest run. With <paramref name="fromNode"/>, that node and everything downstream run again.
    /// </summary>
    Task<RunResult> ResumeAsync(string runId, RunRequest request, string? fromNode, IProgress<RunEvent>? progress, CancellationToken cancel);

    /// <summary>Asks a run in this process to stop; nodes running are cancelled and nothing further is committed.</summary>
    void Cancel(string runId);
}

/// <summary>What to run: a plan of a scenario, and where the scenario file lives (datasets' relative URIs).</summary>
/// <param name="Graph">The scenario's graph.</param>
/// <param name="Plan">The priced plan (assignment, homes, transfers).</param>
/// <param name="ScenarioFolder">Folder of the scenario file; relative dataset URIs and commands resolve from it.</param>
/// <param name="RunId">Run identifier to use, or null to make one.</param>
/// <param name="FromNode">For a new run: this node and everything downstream ignore the cache.</param>
/// <param name="Pricing">Prices for measured costs (LLM tokens); null keeps the plan's figures.</param>
/// <param name="PlanFile">The plan file, recorded with the run (<c>placement runs</c> shows it); null when the plan is not a file.</param>
public sealed record RunRequest(WorkflowGraph Graph, Plan Plan, string ScenarioFolder, string? RunId = null, string? FromNode = null, PricingCatalog? Pricing = null, string? PlanFile = null);
