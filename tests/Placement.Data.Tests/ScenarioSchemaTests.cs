using System.Text.Json;
using System.Text.RegularExpressions;
using Placement.Data.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Placement.Data.Tests;

/// <summary>
/// Keeps docs/scenario.schema.json and docs/scenario-format.md honest: every key used by the bundled
/// scenarios and the documented example is declared by the schema at the right place, and the example loads.
/// </summary>
public class ScenarioSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "docs", "scenario.schema.json"))).RootElement;

    public static TheoryData<string> Files => new(Directory.GetFiles(Path.Combine(Repo.Root, "scenarios"), "*.yaml").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Files))]
    public void Schema_BundledScenario_DeclaresEveryKey(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Repo.Scenario(file))));

        var unknown = new List<string>();
        Walk(yaml.Documents[0].RootNode, Schema, "", unknown);

        Assert.Empty(unknown);
    }

    [Fact]
    public void Schema_UnknownKey_IsCaught()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader("name: x\nnodes:\n  - name: a\n    endpoint: { kind: vm, colour: red }\n"));
        var unknown = new List<string>();
        Walk(yaml.Documents[0].RootNode, Schema, "", unknown);

        Assert.Equal(["nodes[].endpoint.colour"], unknown);
    }

    [Fact]
    public void FormatDoc_CompleteExample_LoadsAndMatchesTheSchema()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "scenario-format.md"));
        var example = Regex.Match(doc, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

        var r = ScenarioLoader.Load(example, "scenario-format.md", Repo.Pricing);
        Assert.True(r.Ok, string.Join("\n", r.Problems));

        var yaml = new YamlStream();
        yaml.Load(new StringReader(example));
        var unknown = new List<string>();
        Walk(yaml.Documents[0].RootNode, Schema, "", unknown);
        Assert.Empty(unknown);
    }

    private static JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!.Replace("#/$defs/", "", StringComparison.Ordinal);
            schema = Schema.GetProperty("$defs").GetProperty(name);
        }

        return schema;
    }

    private static void Walk(YamlNode node, JsonElement schema, string path, List<string> unknown)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("oneOf", out var options))
        {
            // Pick the branch whose type fits the node.
            foreach (var o in options.EnumerateArray().Select(Resolve))
            {
                var type = o.TryGetProperty("type", out var t) ? t.ToString() : "";
                if ((node is YamlSequenceNode && type == "array") || (node is YamlMappingNode && type == "object"))
                {
                    Walk(node, o, path, unknown);
                    return;
                }
            }

            return;
        }

        switch (node)
        {
            case YamlMappingNode map when schema.TryGetProperty("properties", out var props):
                foreach (var (k, v) in map.Children)
                {
                    var key = ((YamlScalarNode)k).Value!;
                    if (props.TryGetProperty(key, out var child))
                    {
                        Walk(v, child, path.Length == 0 ? key : $"{path}.{key}", unknown);
                    }
                    else if (!schema.TryGetProperty("additionalProperties", out var ap) || ap.ValueKind == JsonValueKind.False)
                    {
                        unknown.Add(path.Length == 0 ? key : $"{path}.{key}");
                    }
                }

                break;
            case YamlSequenceNode seq when schema.TryGetProperty("items", out var items):
                foreach (var item in seq.Children)
                {
                    Walk(item, items, path + "[]", unknown);
                }

                break;
        }
    }
}
