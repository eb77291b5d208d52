using Placement.Core.Costing;

namespace Placement.Traces.Model;

/// <summary>
/// Placement's run-level extension of a trace: which scenario and plan were executed, the transfers made and
/// the cost totals. Written by the executors and the simulator; absent from WfCommons traces.
/// </summary>
/// <param name="ScenarioName">Scenario executed.</param>
/// <param name="ScenarioHash">Its content hash (SHA-256 hex), as in plan files.</param>
/// <param name="Producer">Who wrote the trace, e.g. <c>executor-local</c> or <c>simulator</c>.</param>
/// <param name="Transfers">Every transfer made, in start order.</param>
/// <param name="Cost">Cost totals by component; null when not known.</param>
/// <param name="RunId">Executor runs: the run id; null otherwise.</param>
/// <param name="PlanHash">Executor runs: content hash of the plan executed; null otherwise.</param>
/// <param name="Storage">Executor runs: the storage backend used (e.g. <c>local</c>, <c>s3</c>); null otherwise.</param>
/// <param name="Status">Executor runs: <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>; null otherwise.</param>
public sealed record TraceRun(
    string ScenarioName,
    string ScenarioHash,
    string Producer,
    IReadOnlyList<TraceTransfer> Transfers,
    CostTotals? Cost,
    string? RunId = null,
    string? PlanHash = null,
    string? Storage = null,
    string? Status = null);
