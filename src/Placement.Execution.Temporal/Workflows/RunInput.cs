namespace Placement.Execution.Temporal.Workflows;

/// <summary>
/// The input of one <see cref="PlacementRunWorkflow"/> execution (workflow id = <see cref="RunId"/>): the plan
/// turned into ordered steps, and the scenario and plan files by URI and hash (never their contents' data).
/// Workers load the files from the URIs and refuse them when a hash differs.
/// </summary>
/// <param name="RunId">Run identifier; also the workflow id.</param>
/// <param name="ScenarioName">Scenario name.</param>
/// <param name="ScenarioHash">Content hash of the scenario the run was submitted with.</param>
/// <param name="PlanScenarioHash">The scenario hash the plan file names (<c>scenario.hash</c>); the workflow refuses a plan whose hash differs.</param>
/// <param name="PlanHash">Content hash of the plan file.</param>
/// <param name="ScenarioUri">Absolute path or <c>file://</c> URI of the scenario file, readable by every worker.</param>
/// <param name="PlanUri">Absolute path or <c>file://</c> URI of the plan file, readable by every worker.</param>
/// <param name="Steps">Transfers and nodes in plan order (see <see cref="RunSteps"/>).</param>
/// <param name="StartedAt">When the run was submitted (UTC), the trace's time origin.</param>
public sealed record RunInput(
    string RunId,
    string ScenarioName,
    string ScenarioHash,
    string PlanScenarioHash,
    string PlanHash,
    string ScenarioUri,
    string PlanUri,
    IReadOnlyList<RunStep> Steps,
    DateTimeOffset StartedAt)
{
    /// <summary>What activities need to find the run's files and check them.</summary>
    public RunRef Ref => new(RunId, ScenarioUri, ScenarioHash, PlanUri, PlanHash, StartedAt);
}

/// <summary>Names a run's files for an activity: every activity loads (and caches) them by URI and checks the hashes.</summary>
public sealed record RunRef(string RunId, string ScenarioUri, string ScenarioHash, string PlanUri, string PlanHash, DateTimeOffset StartedAt);

/// <summary>What a step does.</summary>
public enum StepKind
{
    /// <summary>Runs a node (and, when its attempts are exhausted, its fallback).</summary>
    Node,

    /// <summary>Moves a data item to a destination, once for every consumer there.</summary>
    Transfer,
}

/// <summary>
/// One step of a run: a node on its planned location's task queue, or a planned transfer on the destination's
/// queue. <see cref="After"/> holds the indices of the steps that must succeed first (the node's parents and the
/// transfers of its remote inputs; a transfer waits for the node producing its item).
/// </summary>
/// <param name="Kind">Node or transfer.</param>
/// <param name="Key">Node name, or <c>transfer/ITEM/TO</c>; the activity id is <c>runId/Key</c>.</param>
/// <param name="Item">Node name, or the data item moved.</param>
/// <param name="Location">The node's location, or the transfer's destination.</param>
/// <param name="From">The transfer's source (the item's home); empty for nodes.</param>
/// <param name="TaskQueue">The queue the activity goes to (<see cref="TaskQueues.ForLocation(string)"/>).</param>
/// <param name="After">Steps that must succeed first.</param>
/// <param name="Primary">Retry and timeout of the node's handler, or of the transfer.</param>
/// <param name="Fallback">The node's fallback handler, if it has one.</param>
public sealed record RunStep(
    StepKind Kind,
    string Key,
    string Item,
    string Location,
    string From,
    string TaskQueue,
    IReadOnlyList<int> After,
    ActivityPolicy Primary,
    ActivityPolicy? Fallback = null);

/// <summary>
/// Attempts and timeouts of one activity: Temporal's RetryPolicy (initial interval <see cref="BackoffSeconds"/>,
/// coefficient 2, maximum interval <see cref="BackoffMaxSeconds"/>, <see cref="MaxAttempts"/>), StartToClose
/// <see cref="TimeoutSeconds"/> and a heartbeat timeout of <see cref="HeartbeatSeconds"/>.
/// </summary>
/// <param name="Handler">Handler kind (<c>command</c>, <c>llm</c>, ...), or <c>transfer</c>.</param>
/// <param name="MaxAttempts">Attempts (the handler's <c>maxAttempts</c>).</param>
/// <param name="TimeoutSeconds">Per attempt (the handler's <c>timeoutSeconds</c>).</param>
/// <param name="HeartbeatSeconds">Heartbeat timeout: a worker that dies mid-attempt is noticed after this long.</param>
/// <param name="BackoffSeconds">First retry delay.</param>
/// <param name="BackoffMaxSeconds">Longest retry delay.</param>
public sealed record ActivityPolicy(string Handler, int MaxAttempts, double TimeoutSeconds, double HeartbeatSeconds, double BackoffSeconds, double BackoffMaxSeconds);
