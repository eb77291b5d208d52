namespace Placement.Notebooks.Tests;

/// <summary>
/// The planner inside the .NET Interactive kernel, where assemblies come in by <c>#r</c> path with no deps.json:
/// SCIP's native library (NuGet's runtimes/linux-x64/native) still loads, so <c>auto</c> runs SCIP there as it does
/// from the CLI, instead of falling back to CBC.
/// </summary>
public sealed class KernelEngineTests
{
    [Fact]
    public async Task Auto_ConstrainedScenarioInKernel_RunsScip()
    {
        var folder = Directory.CreateTempSubdirectory("placement-kernel-engine-").FullName;
        try
        {
            var bin = Path.Combine(NotebookTests.Root, "src", "Placement.Cli", "bin", "Release", "net10.0");
            var references = string.Join("\n", new[] { "Core", "Data", "Planning" }.Select(a => $"#r \"{Path.Combine(bin, $"Placement.{a}.dll")}\""));
            var code = references + $$"""

                using Placement.Core.Costing;
                using Placement.Core.Model;
                using Placement.Core.Timing;
                using Placement.Data;
                using Placement.Planning;
                using Placement.Planning.Milp;

                var pricing = Workspace.LoadPricing(@"{{Path.Combine(NotebookTests.Root, "pricing-data")}}");
                var model = new CostModel(WorkflowGraph.Build(Workspace.LoadScenario(@"{{Path.Combine(NotebookTests.Root, "scenarios", "finetune-eu.yaml")}}", pricing)), pricing);
                var problem = PlanningProblem.Build(model, new NetworkModel(pricing));
                var outcome = new MilpSolver().Solve(problem, new SolveOptions(PlanningObjective.Cost, null, 0));
                $"pick {BranchAndBoundEngines.Pick(problem)}; ran {outcome.Notes["branch-and-bound"]}; {outcome.Status}"
                """;
            var path = Path.Combine(folder, "engine.ipynb");
            await File.WriteAllTextAsync(path, Notebook(code));
            var result = await NotebookRunner.RunAsync(path);
            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
            var text = result.Outputs[0].ToJsonString();
            Assert.Contains("pick Scip; ran scip; optimal", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Notebook(string cell) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["cells"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["cell_type"] = "code",
                ["id"] = "c0",
                ["metadata"] = new Dictionary<string, object> { ["polyglot_notebook"] = new Dictionary<string, string> { ["kernelName"] = "csharp" } },
                ["source"] = new[] { cell },
                ["execution_count"] = null,
                ["outputs"] = Array.Empty<object>(),
            },
        },
        ["metadata"] = new Dictionary<string, object>(),
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    });
}
