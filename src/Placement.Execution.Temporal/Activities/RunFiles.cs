using System.Collections.Concurrent;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Pricing;
using Placement.Data;
using Placement.Execution.Scheduling;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Exceptions;

namespace Placement.Execution.Temporal.Activities;

/// <summary>A run's scenario and plan as a worker loaded them, with the shared scheduling rules built from them.</summary>
/// <param name="Graph">The scenario's graph.</param>
/// <param name="Plan">The plan.</param>
/// <param name="Schedule">The run's scheduling rules (locations, homes, inputs, moves).</param>
/// <param name="ScenarioFolder">Folder of the scenario file (datasets' relative URIs, commands' scripts).</param>
/// <param name="Pricing">Prices (measured LLM costs in the trace).</param>
public sealed record LoadedRun(WorkflowGraph Graph, Plan Plan, RunSchedule Schedule, string ScenarioFolder, PricingCatalog Pricing);

/// <summary>
/// Loads the scenario and plan a run names (<see cref="RunRef"/>) once per worker process, and refuses files
/// whose hashes differ from the ones the run was submitted with (a non-retryable
/// <see cref="ActivityNames.RunFileMismatch"/> failure): every worker then works on exactly the submitted plan.
/// </summary>
public sealed class RunFiles(string? pricingFolder)
{
    private readonly ConcurrentDictionary<(string, string, string, string), Lazy<LoadedRun>> cache = new();

    /// <summary>The run's files, loaded and checked.</summary>
    public LoadedRun Load(RunRef run) =>
        cache.GetOrAdd((run.ScenarioUri, run.ScenarioHash, run.PlanUri, run.PlanHash), _ => new Lazy<LoadedRun>(() => LoadCore(run))).Value;

    /// <summary>The local path of a run file's URI (an absolute path or a <c>file://</c> URI).</summary>
    public static string PathOf(string uri) =>
        uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(uri).LocalPath : Path.GetFullPath(uri);

    private LoadedRun LoadCore(RunRef run)
    {
        var scenarioPath = PathOf(run.ScenarioUri);
        var planPath = PathOf(run.PlanUri);
        try
        {
            var pricing = Workspace.LoadPricing(Workspace.FindPricingFolder(pricingFolder, scenarioPath));
            var graph = WorkflowGraph.Build(Workspace.LoadScenario(scenarioPath, pricing));
            if (graph.Scenario.ContentHash != run.ScenarioHash)
            {
                throw Mismatch($"the scenario at {scenarioPath} is not the version run {run.RunId} was submitted with (hash {graph.Scenario.ContentHash}, not {run.ScenarioHash})");
            }

            var plan = Workspace.LoadPlan(planPath, new CostModel(graph, pricing));
            if (RunInputs.PlanHash(plan) != run.PlanHash)
            {
                throw Mismatch($"the plan at {planPath} is not the one run {run.RunId} was submitted with");
            }

            return new LoadedRun(graph, plan, new RunSchedule(graph, plan), Path.GetDirectoryName(scenarioPath)!, pricing);
        }
        catch (InputException e)
        {
            throw Mismatch($"run {run.RunId}: cannot load its files: {string.Join("; ", e.Problems)}");
        }
    }

    private static ApplicationFailureException Mismatch(string message) => new(message, ActivityNames.RunFileMismatch, nonRetryable: true);
}
