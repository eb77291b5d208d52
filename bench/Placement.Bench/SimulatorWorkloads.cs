using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;
using Placement.Data;
using Placement.Data.Scenarios;
using Placement.Traces.Formats;
using Placement.Traces.Import;
using Placement.Traces.Model;

namespace Placement.Bench;

/// <summary>
/// Workloads of the simulator benchmark: real WfCommons traces turned into scenarios with the importer, and
/// larger DAGs composed from copies of a trace, each with a plan that spreads tasks over two clouds so data moves.
/// </summary>
internal static class SimulatorWorkloads
{
    public static string Root { get; } = FindRoot();

    public static PricingCatalog Pricing { get; } = Workspace.LoadPricing(Path.Combine(Root, "pricing-data"));

    public static Trace LoadTrace(string name)
    {
        var path = Path.Combine(Root, "tests", "data", "wfinstances", "v1.5", name + ".json");
        var result = TraceReader.Read(File.ReadAllText(path), path);
        return result.Ok ? result.Value! : throw new InputException(result.Problems);
    }

    /// <summary><paramref name="copies"/> copies of the trace, ids prefixed; copy i's first task waits for copy i-1's last.</summary>
    public static Trace Compose(Trace trace, int copies)
    {
        var tasks = new List<TraceTask>();
        var files = new List<TraceFile>();
        for (var c = 0; c < copies; c++)
        {
            var p = $"c{c}.";
            var first = true;
            foreach (var t in trace.Tasks)
            {
                var parents = t.Parents.Select(x => p + x).ToList();
                if (first && c > 0)
                {
                    parents.Add($"c{c - 1}." + trace.Tasks[^1].Id);
                }

                first = false;
                tasks.Add(t with { Id = p + t.Id, Name = p + t.Name, Parents = parents, InputFiles = t.InputFiles.Select(f => p + f).ToList(), OutputFiles = t.OutputFiles.Select(f => p + f).ToList() });
            }

            files.AddRange(trace.Files.Select(f => f with { Id = p + f.Id }));
        }

        return trace with { Tasks = tasks, Files = files };
    }

    /// <summary>Imports the trace as a scenario (VMs in aws/us-east-1 or gcp/us-west1) and places task i on the first or second cloud by parity.</summary>
    public static (CostModel Model, Dictionary<string, Candidate> Assignment) Planned(Trace trace)
    {
        var rules = TaskMapping.Parse(["*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1"]).Value!;
        var yaml = ScenarioImporter.Import(trace, trace.Name + ".json", rules, trace.Name, Location.Parse("aws/us-east-1"));
        var loaded = ScenarioLoader.Load(yaml.Value!, trace.Name + ".yaml", Pricing);
        if (!loaded.Ok)
        {
            throw new InputException(loaded.Problems);
        }

        var scenario = loaded.Value!;
        var model = new CostModel(WorkflowGraph.Build(scenario), Pricing);
        var aws = new Candidate(Location.Parse("aws/us-east-1"), "m5.2xlarge");
        var gcp = new Candidate(Location.Parse("gcp/us-west1"), "n2-standard-8");
        var assignment = scenario.Nodes.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i % 2 == 0 ? aws : gcp, StringComparer.Ordinal);
        return (model, assignment);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Placement.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
