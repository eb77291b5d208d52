using System.Globalization;
using Placement.Core.Model;
using Placement.Core.Plans;

namespace Placement.Execution.Tests.Scheduling;

/// <summary>Seeded random DAG scenarios of VM nodes placed over two or three locations, with a dataset read by some nodes.</summary>
internal static class RandomPlans
{
    private static readonly string[] Locations = ["aws/us-east-1", "gcp/us-west1", "azure/eastus"];

    private static readonly string Folder = TestKit.TempFolder("sched");

    public static (WorkflowGraph Graph, Plan Plan) Make(int seed, int maxNodes = 12)
    {
        var random = new Random(seed);
        var (text, n) = RandomDagYaml.Make(random, "sched", maxNodes);
        var folder = Path.Combine(Folder, seed.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var (_, graph) = TestKit.Scenario(folder, text);
        var placement = Enumerable.Range(0, n).Select(i => ($"n{i}", Locations[random.Next(Locations.Length)])).ToArray();
        return (graph, TestKit.PlanFor(graph, placement));
    }
}
