using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Data.Plans;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Storage;
using Placement.Execution.Temporal.Activities;
using Placement.Execution.Temporal.Workflows;
using Temporalio.Activities;
using Temporalio.Testing;

namespace Placement.Execution.Temporal.Tests.Activities;

/// <summary>A run's files on disk and a worker's activities over real storage, driven through <see cref="ActivityEnvironment"/>.</summary>
internal sealed class ActivityRun : IDisposable
{
    public const string Yaml = """
        name: temporal-acts
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        datasets:
          - { name: raw, home: aws/us-east-1, bytes: 5000, uri: raw.bin }
        nodes:
          - { name: prep, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 5000, handler: { kind: command, run: "cat \"$PLACEMENT_INPUT_RAW\" > \"$PLACEMENT_OUTPUT\"; echo ran >> \"$PLACEMENT_SCENARIO_DIR/prep-runs.txt\"" } }
          - { name: use, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 5000, handler: { kind: copy } }
          - { name: slow, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: command, run: "sleep 4; echo done > \"$PLACEMENT_OUTPUT\"" } }
          - { name: ask, endpoint: { kind: llm, model: gpt-4o-mini }, outputBytes: 100, storeWith: prep, handler: { kind: llm, prompt: "Say hi." } }
        edges:
          - { from: raw, to: prep }
          - { from: prep, to: use }
          - { from: raw, to: slow }
          - { from: prep, to: ask }
        """;

    public ActivityRun(Func<string, StorageMap>? storage = null, string runId = "run-acts", string? yaml = null, (string, string)[]? placement = null)
    {
        Folder = TestPlans.Temp("acts");
        var data = new byte[5000];
        new Random(5).NextBytes(data);
        File.WriteAllBytes(Path.Combine(Folder, "raw.bin"), data);
        var (path, graph) = TestPlans.Scenario(Folder, yaml ?? Yaml);
        Graph = graph;
        Plan = TestPlans.PlanFor(graph, placement ?? [("prep", "aws/us-east-1"), ("use", "gcp/us-west1"), ("slow", "aws/us-east-1"), ("ask", "openai/global")]);
        var planPath = Path.Combine(Folder, "plan.json");
        File.WriteAllText(planPath, PlanJson.Write(Plan));
        Input = RunInputs.Create(graph, Plan, runId, path, planPath, DateTimeOffset.UtcNow);
        Storage = storage?.Invoke(Folder) ?? new StorageMap(new LocalFolderBackend(Path.Combine(Folder, "buckets")));
        Services = new WorkerServices(Path.Combine(Folder, "state"), Storage, EmbeddedExecutor.StandardHandlers(new LlmOptions(null, null)), TimeProvider.System, Path.Combine(RepoPaths.Root, "pricing-data"));
        Activities = new PlacementActivities(Services);
    }

    public string Folder { get; }

    public WorkflowGraph Graph { get; }

    public Plan Plan { get; }

    public RunInput Input { get; }

    public StorageMap Storage { get; }

    public WorkerServices Services { get; }

    public PlacementActivities Activities { get; }

    public RunRef Ref => Input.Ref;

    public int PrepRuns => File.Exists(Path.Combine(Folder, "prep-runs.txt")) ? File.ReadAllLines(Path.Combine(Folder, "prep-runs.txt")).Length : 0;

    /// <summary>An environment as a worker of <paramref name="queue"/> gives an activity.</summary>
    public static ActivityEnvironment Env(string queue, string activityId, int attempt = 1, double heartbeatSeconds = 30) =>
        new() { Info = ActivityEnvironment.DefaultInfo with { TaskQueue = queue, ActivityId = activityId, Attempt = attempt, HeartbeatTimeout = TimeSpan.FromSeconds(heartbeatSeconds) } };

    public async Task<DatasetHashes> DatasetsAsync() => await Env(TaskQueues.Workflows, $"{Ref.RunId}/datasets").RunAsync(() => Activities.DatasetsAsync(Ref));

    public async Task<NodeCommit> NodeAsync(string node, IReadOnlyDictionary<string, string> hashes, int attempt = 1, IReadOnlyDictionary<string, string>? keys = null) =>
        await Env(TaskQueues.ForLocation(Plan.Cost.Nodes.Single(n => n.Node == node).Location), $"{Ref.RunId}/{node}", attempt)
            .RunAsync(() => Activities.NodeAsync(new NodeActivityInput(Ref, node, false, hashes, keys)));

    /// <summary>The SHA-256 of the object under <paramref name="key"/> in a location's bucket ("" when missing).</summary>
    public async Task<string> ObjectHashAsync(string key, string location)
    {
        var loc = Location.Parse(location);
        var found = await ContentHash.OfObjectAsync(Storage.For(loc), loc, key, CancellationToken.None);
        return found?.Sha256 ?? "";
    }

    public void Dispose() => Services.Dispose();
}
