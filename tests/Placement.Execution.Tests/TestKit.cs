using System.Diagnostics;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Pricing;
using Placement.Data;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests;

/// <summary>Shared helpers: the repository root, temporary folders, scenarios and plans, executors.</summary>
internal static class TestKit
{
    public static string RepoRoot { get; } = RepoPaths.Root;

    public static PricingCatalog Pricing { get; } = Workspace.LoadPricing(Path.Combine(RepoRoot, "pricing-data"));

    public static string PlacementDll => Path.Combine(AppContext.BaseDirectory, "placement.dll");

    private static readonly string TempRoot = SweptTempRoot();

    public static string TempFolder(string name)
    {
        var dir = Path.Combine(TempRoot, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes a scenario file into a folder and loads it.</summary>
    public static (string Path, WorkflowGraph Graph) Scenario(string folder, string yaml)
    {
        var path = System.IO.Path.Combine(folder, "scenario.yaml");
        File.WriteAllText(path, yaml);
        return (path, WorkflowGraph.Build(Workspace.LoadScenario(path, Pricing)));
    }

    /// <summary>A plan putting each node at a location, on its cheapest offering there.</summary>
    public static Plan PlanFor(WorkflowGraph graph, params (string Node, string Location)[] placement) =>
        HandPlans.Cheapest(graph, Pricing, placement);

    public static EmbeddedExecutor Executor(string state, StorageMap storage, Action<ExecutorOptions>? configure = null, LlmOptions? llm = null, TimeProvider? time = null, IEnumerable<INodeHandler>? extra = null)
    {
        var options = new ExecutorOptions { StateFolder = state, BackoffBase = TimeSpan.FromMilliseconds(20), BackoffMax = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        var handlers = EmbeddedExecutor.StandardHandlers(llm ?? new LlmOptions(null, null)).ToList();
        foreach (var h in extra ?? [])
        {
            handlers.RemoveAll(x => x.Kind == h.Kind);
            handlers.Add(h);
        }

        return new EmbeddedExecutor(options, storage, handlers, time ?? TimeProvider.System, new Random(42));
    }

    /// <summary>The local-bucket file of a node output a run committed (<c>SCENARIO/runs/RUN_ID/NODE</c>).</summary>
    public static string OutputFile(string folder, string location, string scenario, string runId, string node) =>
        System.IO.Path.Combine([folder, "buckets", .. location.Split('/'), .. StorageKey.ForRunOutput(scenario, runId, node).Split('/')]);

    public static StorageMap Local(string folder) => new(new LocalFolderBackend(System.IO.Path.Combine(folder, "buckets")));

    /// <summary>Runs a script of the repository and returns its exit code, output and error.</summary>
    public static (int Code, string Out, string Err) Script(string relative, params string[] args) =>
        ChildProcess.Run("bash", [System.IO.Path.Combine(RepoRoot, relative), .. args], RepoRoot);

    /// <summary>A file of exactly <paramref name="bytes"/> deterministic bytes.</summary>
    public static void WriteBytes(string path, int bytes, int seed = 1)
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        File.WriteAllBytes(path, data);
    }

    /// <summary>The tests' temporary root, with folders left by runs more than an hour old deleted.</summary>
    private static string SweptTempRoot()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "placement-exec-tests");
        Directory.CreateDirectory(root);
        foreach (var old in new DirectoryInfo(root).GetDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
        {
            try
            {
                old.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Another test process may still use it.
            }
        }

        return root;
    }
}
