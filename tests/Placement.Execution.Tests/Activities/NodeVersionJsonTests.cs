using System.Text.Json;
using Placement.Execution.Activities;

namespace Placement.Execution.Tests.Activities;

public class NodeVersionJsonTests
{
    // Cache keys hash this JSON: the source-generated context (which the native CLI needs) must write exactly what
    // reflection-based serialization wrote before, or every cached output would be missed after the change.
    [Theory]
    [InlineData("ingest", "vm", 1_000_000L, true, "")]
    [InlineData("naïve <node> & \"quoted\"", "llm", 0L, false, "command")]
    public void ListObject_SourceGenerated_SameTextAsReflection(string name, string kind, long bytes, bool reuse, string handler)
    {
        var settings = new[] { new[] { "run", "echo 'é' > out.txt" }, new[] { "outputs", "out.txt" } };
        var parts = new List<object> { name, kind, "Native", bytes, reuse, handler, settings, new object[] { "command", settings } };
        var reflection = JsonSerializer.Serialize(parts, new JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() });
        Assert.Equal(reflection, JsonSerializer.Serialize(parts, NodeVersionJson.Default.ListObject));
    }
}
