using System.Globalization;
using System.Text;

namespace Placement.Testing;

/// <summary>
/// Seeded random DAG scenarios as YAML text: 1 to <c>maxNodes</c> noop VM nodes <c>n0..</c>, a dataset <c>raw</c> at
/// aws/us-east-1 read by about a third of them, and each forward edge with probability 1/4. Shared by the
/// executor's scheduling properties and the Temporal replay properties, which load and place it themselves.
/// </summary>
public static class RandomDagYaml
{
    /// <summary>
    /// Draws a scenario from <paramref name="random"/>; returns its text and node count. <paramref name="datasetUri"/>
    /// is written as the dataset's <c>uri</c> when given; with <paramref name="fallbacks"/> about a third of the
    /// nodes get a <c>noop</c> fallback.
    /// </summary>
    public static (string Yaml, int Nodes) Make(Random random, string name, int maxNodes = 12, string? datasetUri = null, bool fallbacks = false)
    {
        var n = random.Next(1, maxNodes + 1);
        var uri = datasetUri is null ? "" : $", uri: {datasetUri}";
        var yaml = new StringBuilder($"name: {name}\nstorage: {{ default: aws/us-east-1, retentionMonths: 1 }}\ndatasets:\n  - {{ name: raw, home: aws/us-east-1, bytes: 1000{uri} }}\nnodes:\n");
        for (var i = 0; i < n; i++)
        {
            var fallback = fallbacks && random.Next(3) == 0 ? ", fallback: { kind: noop }" : "";
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ name: n{i}, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.1 }}, outputBytes: {100 + i}, handler: {{ kind: noop{fallback} }} }}\n");
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
        return (text, n);
    }
}
