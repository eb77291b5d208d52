using System.Text.Json;
using Placement.Data;
using Placement.Traces.Model;

namespace Placement.Traces.Formats;

/// <summary>
/// Reads WfCommons WfFormat traces, schema 1.3, 1.4, 1.5 and 1.6, and Placement's executor traces (1.5 plus the
/// <c>placement</c> extension, docs/trace-format.md) into a <see cref="Trace"/>. 1.6 is 1.5's structure with optional,
/// derivative <c>metrics</c> objects (ignored) and a wider task-id character set. Handles the known traps:
/// 1.3/1.4 name parents by task <c>name</c>; 1.3 writes <c>size</c> and <c>runtime</c> where 1.4 writes
/// <c>sizeInBytes</c> and <c>runtimeInSeconds</c>; timestamps come in several formats; runtimes may be zero.
/// Every problem (not WfFormat, unknown task or file, cycle, negative runtime or size) is reported with the
/// file and the field path.
/// </summary>
public static partial class TraceReader
{
    /// <summary>Schema versions this reader understands.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["1.3", "1.4", "1.5", "1.6"];

    /// <summary>Versions with <c>workflow.specification</c> + <c>workflow.execution</c> (1.5 onwards).</summary>
    private static bool IsModern(string version) => version is "1.5" or "1.6";

    /// <summary>Largest magnitude of a time or speed (seconds, MHz): 10^12 (a runtime of 31,000 years), so sums and unit changes stay finite.</summary>
    public const double MaxNumber = 1e12;

    /// <summary>Largest size or count (bytes, tokens, attempts): 10^15 (a petabyte), so sums over thousands of files stay in range.</summary>
    public const long MaxWhole = 1_000_000_000_000_000;

    /// <summary>Largest amount in USD: 10^15.</summary>
    public const decimal MaxUsd = 1e15m;

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <summary>Parses trace text; <paramref name="file"/> only names the source in problems.</summary>
    public static LoadResult<Trace> Read(string text, string file) => Read(() => JsonDocument.Parse(text, ParseOptions), file);

    /// <summary>
    /// Parses the bytes of a trace file with the same result as <see cref="Read(string, string)"/> on the text
    /// <see cref="File.ReadAllText(string)"/> decodes from them (<see cref="Utf8Input"/>): UTF-8 is parsed in place,
    /// without the UTF-16 copy (a fifth of the bwa trace's read).
    /// </summary>
    public static LoadResult<Trace> Read(ReadOnlyMemory<byte> bytes, string file) =>
        Utf8Input.Direct(bytes) is { } utf8
            ? Read(() => JsonDocument.Parse(utf8, ParseOptions), file)
            : Read(Utf8Input.Decode(bytes), file);

    private static LoadResult<Trace> Read(Func<JsonDocument> parse, string file)
    {
        var problems = new List<Problem>();
        JsonDocument doc;
        try
        {
            doc = parse();
        }
        catch (JsonException e)
        {
            problems.Add(new Problem(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", "malformed JSON", "a trace is a WfCommons WfFormat JSON file"));
            return new LoadResult<Trace>(null, problems);
        }

        using (doc)
        {
            var ctx = new Context(file, problems);
            var trace = ReadRoot(doc.RootElement, ctx);
            if (trace is not null && problems.Count == 0)
            {
                Check(trace, ctx);
            }

            return new LoadResult<Trace>(problems.Count == 0 ? trace : null, problems);
        }
    }

    private static Trace? ReadRoot(JsonElement root, Context ctx)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("workflow", out var workflow) || workflow.ValueKind != JsonValueKind.Object)
        {
            ctx.Add("workflow", "not a WfFormat trace: there is no \"workflow\" object", "WfCommons traces have schemaVersion and workflow at the top level");
            return null;
        }

        var version = Str(root, "schemaVersion");
        if (version is null)
        {
            ctx.Add("schemaVersion", "not a WfFormat trace: schemaVersion is missing", $"supported versions: {string.Join(", ", SupportedVersions)}");
            return null;
        }

        if (!SupportedVersions.Contains(version))
        {
            ctx.Add("schemaVersion", UnknownVersion(version), VersionHint(version));
            return null;
        }

        var name = Str(root, "name") ?? "";
        return IsModern(version) ? ReadModern(root, workflow, name, version, ctx) : ReadLegacy(workflow, name, version, ctx);
    }

    private static string UnknownVersion(string version) =>
        $"WfFormat version '{version}' is not one this Placement reads (it reads {string.Join(", ", SupportedVersions)})";

    private static string VersionHint(string version)
    {
        // 1.0-1.2 are older than anything read here; anything else is newer (or not a version at all).
        var older = version is "1.0" or "1.1" or "1.2";
        return older
            ? $"migrate the file to {SupportedVersions[^1]} with WfCommons' tools/wfcommons-migrate-instance.py (repository wfcommons/WfFormat)"
            : $"a newer WfFormat than {SupportedVersions[^1]} is not known yet: migrate the file to {SupportedVersions[^1]}, or use a Placement release that reads '{version}'";
    }
}
