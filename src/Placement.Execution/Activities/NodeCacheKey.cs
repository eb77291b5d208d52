using System.Text.Json;
using System.Text.Json.Serialization;
using Placement.Core.Model;
using Placement.Execution.Storage;

namespace Placement.Execution.Activities;

/// <summary>
/// The cache key of a node: SHA-256 of its definition version and the SHA-256 of each distinct input (ordinal
/// order of item names). Pure; the same in every driver, so a cache entry written by one is found by the other.
/// </summary>
public static class NodeCacheKey
{
    /// <summary>The key from the node and its inputs' hashes (item name to lower-case hex SHA-256).</summary>
    public static string Of(WorkflowNode node, IEnumerable<string> inputItems, Func<string, string> hashOf)
    {
        var parts = inputItems.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(i => $"{i}={hashOf(i)}");
        return ContentHash.OfText(NodeVersion(node) + "\n" + string.Join("\n", parts));
    }

    /// <summary>The node's definition version: a hash of everything about it that can change its output.</summary>
    public static string NodeVersion(WorkflowNode node)
    {
        static string[][] Settings(HandlerSpec? h) => h?.Settings.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new[] { p.Key, p.Value }).ToArray() ?? [];
        var parts = new List<object> { node.Name, node.Endpoint.KindWord, node.Persistence.ToString(), node.OutputBytes, node.ReuseStorage, node.Handler?.Kind ?? "", Settings(node.Handler) };
        if (node.Handler?.Fallback is { } fallback)
        {
            // Only when there is one, so nodes without a fallback keep their cache keys.
            parts.Add(new object[] { fallback.Kind, Settings(fallback) });
        }

        if (node.Parts.Count > 0)
        {
            // The output's layout (which bytes each part is) is part of it; only when it has parts, so other keys stay.
            parts.Add(node.Parts.Select(p => new object[] { p.Name, p.Bytes }).ToArray());
        }

        return ContentHash.OfText(JsonSerializer.Serialize(parts, NodeVersionJson.Default.ListObject));
    }
}

/// <summary>
/// Source-generated JSON metadata for the version parts (the same text as reflection-based serialization, which the
/// native, trimmed CLI does not have): the list and every runtime type it holds.
/// </summary>
[JsonSerializable(typeof(List<object>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string[][]))]
[JsonSerializable(typeof(object[]))]
[JsonSerializable(typeof(object[][]))]
internal sealed partial class NodeVersionJson : JsonSerializerContext
{
}
