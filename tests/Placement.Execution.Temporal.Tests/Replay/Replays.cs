using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Data;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Common;
using Temporalio.Worker;

namespace Placement.Execution.Temporal.Tests.Replay;

/// <summary>Replaying histories against the workflow code, and the inputs the histories are made from.</summary>
internal static class Replays
{
    public static readonly DateTimeOffset SubmittedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string HistoryFolder => Path.Combine(RepoPaths.Root, "tests", "Placement.Execution.Temporal.Tests", "Histories");

    public static Core.Pricing.PricingCatalog Pricing { get; } = Workspace.LoadPricing(Path.Combine(RepoPaths.Root, "pricing-data"));

    /// <summary>The bundled video pipeline and its plan.</summary>
    public static (WorkflowGraph Graph, Plan Plan, string ScenarioPath, string PlanPath) VideoPipeline()
    {
        var scenario = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline-local.yaml");
        var planPath = Path.Combine(RepoPaths.Root, "scenarios", "video-pipeline-local.plan.json");
        var graph = WorkflowGraph.Build(Workspace.LoadScenario(scenario, Pricing));
        return (graph, Workspace.LoadPlan(planPath, new CostModel(graph, Pricing)), scenario, planPath);
    }

    /// <summary>A workflow input with repository-relative file names, so golden histories do not depend on the checkout's path.</summary>
    public static RunInput Input(WorkflowGraph graph, Plan plan, string runId) =>
        RunInputs.Create(graph, plan, runId, "/placement/scenario.yaml", "/placement/plan.json", SubmittedAt) with
        {
            ScenarioUri = "scenarios/" + graph.Scenario.Name + ".yaml",
            PlanUri = "scenarios/" + graph.Scenario.Name + ".plan.json",
        };

    /// <summary>Replays a history; returns the replayer's result (its failure, if any) and the activities the workflow scheduled.</summary>
    public static async Task<(WorkflowReplayResult Result, TaskQueueCheck Check)> ReplayAsync(WorkflowHistory history, Func<WorkflowReplayerOptions, WorkflowReplayerOptions>? configure = null)
    {
        var check = new TaskQueueCheck();
        var options = new WorkflowReplayerOptions { Interceptors = [check] }.AddWorkflow<PlacementRunWorkflow>();
        options = configure?.Invoke(options) ?? options;
        var result = await new WorkflowReplayer(options).ReplayWorkflowAsync(history, throwOnReplayFailure: false);
        return (result, check);
    }

    /// <summary>Replays and asserts success, with every activity's task queue as the history recorded it.</summary>
    public static async Task<TaskQueueCheck> ReplayOkAsync(WorkflowHistory history)
    {
        var (result, check) = await ReplayAsync(history);
        Assert.Null(result.ReplayFailure);
        Assert.Empty(check.Mismatches(history));
        return check;
    }

    public static WorkflowHistory Load(string file) =>
        WorkflowHistory.FromJson(Path.GetFileNameWithoutExtension(file), File.ReadAllText(Path.Combine(HistoryFolder, file)));
}
