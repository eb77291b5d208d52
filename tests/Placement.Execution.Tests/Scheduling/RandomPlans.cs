using System.Globalization;
using System.Text;
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
        var n = random.Next(1, maxNodes + 1);
        var yaml = new StringBuilder("name: sched\nstorage: { default: aws/us-east-1, retentionMonths: 1 }\ndatasets:\n  - { name: raw, home: aws/us-east-1, bytes: 1000 }\nnodes:\n");
        for (var i = 0; i < n; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ name: n{i}, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.1 }}, outputBytes: {100 + i}, handler: {{ kind: noop }} }}\n");
        }

        yaml.Append("edges:\n");
        var edges = 0;
        for (var j = 0; j < n; j++)
        {
            if (random.Next(3) == 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - {{ from: raw, to: n{j} }}\n");
                edges++;
            }

            for (var i = 0; i < j; i++)
            {
                if (random.Next(4) == 0)
                {
                    yaml.Append(CultureInfo.InvariantCulture, $"  - {{ from: n{i}, to: n{j} }}\n");
                    edges++;
                }
            }
        }

        var text = edges == 0 ? yaml.ToString().Replace("edges:\n", "edges: []\n", StringComparison.Ordinal) : yaml.ToString();
        var folder = Path.Combine(Folder, seed.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var (_, graph) = TestKit.Scenario(folder, text);
        var placement = Enumerable.Range(0, n).Select(i => ($"n{i}", Locations[random.Next(Locations.Length)])).ToArray();
        return (graph, TestKit.PlanFor(graph, placement));
    }
}
