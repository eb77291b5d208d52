using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Storage;

public class PartIndexJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    // Part indexes written by an earlier build must still read, and new ones must read in an earlier build: the
    // source-generated JSON (which the native CLI needs) writes what the reflection-based options wrote.
    [Fact]
    public void ToJson_SourceGenerated_SameTextAsReflectionAndRoundTrips()
    {
        var index = new PartIndex(new string('a', 64), 30, [new PartRange("chunk-1", 0, 10, new string('b', 64)), new PartRange("chunk \"2\" é", 10, 20, new string('c', 64))]);
        var json = index.ToJson();
        Assert.Equal(JsonSerializer.Serialize(index, Reflection), json);
        var back = JsonSerializer.Deserialize(json, PartIndexJson.Default.PartIndex)!;
        Assert.Equal(index.Sha256, back.Sha256);
        Assert.Equal(index.Parts, back.Parts);
        Assert.Equal(JsonSerializer.Deserialize<PartIndex>(json, Reflection)!.Parts, back.Parts);
    }
}
