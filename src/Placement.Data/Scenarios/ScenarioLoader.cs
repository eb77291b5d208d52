using System.Security.Cryptography;
using System.Text;
using Placement.Core.Model;
using Placement.Core.Pricing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Placement.Data.Scenarios;

/// <summary>
/// Reads a scenario YAML (see docs/scenario-format.md) into a <see cref="Scenario"/> and checks it against
/// the pricing catalogue. Every problem is reported at once with file, line and field; nothing is guessed.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Parses and checks scenario text; <paramref name="file"/> only names it in problems.</summary>
    public static LoadResult<Scenario> Load(string text, string file, PricingCatalog pricing) =>
        TryLoadFast(text, file, pricing) is { } fast ? new LoadResult<Scenario>(fast, []) : LoadFull(text, file, pricing);

    /// <summary>
    /// The fast path (FastYaml): a scenario in the plain subset that has no problem and no warning is read without
    /// YamlDotNet's scanner and without source positions; null for anything else, which <see cref="LoadFull"/> reads
    /// so messages keep line and column. Both give equal scenarios wherever this one gives one (tests prove it).
    /// </summary>
    internal static Scenario? TryLoadFast(string text, string file, PricingCatalog pricing)
    {
        if (FastYaml.Open(text) is not { Root: { } root } reader)
        {
            return null;
        }

        var fast = new YamlSource(file, tracksMarks: false);
        Scenario? parsed;
        try
        {
            parsed = Parse(new YamlFields(root, "", fast), HashOf(text), out _);
        }
        catch (FastYaml.OutsideSubsetException)
        {
            // An item of a block sequence left the subset.
            return null;
        }

        // Every block sequence must have been read: text in one never read is not known to be valid YAML.
        if (parsed is null || fast.Problems.Count > 0 || !reader.Complete)
        {
            return null;
        }

        var cheapest = Check(parsed, pricing, fast);
        if (fast.Problems.Count > 0)
        {
            return null;
        }

        // Warnings name lines too: a scenario with any goes the full way as well.
        ScenarioWarnings.Find(parsed, pricing, fast, cheapest);
        return fast.Warnings.Count == 0 ? parsed : null;
    }

    /// <summary>The full path: YamlDotNet's tree with every node's position, every problem and warning reported.</summary>
    internal static LoadResult<Scenario> LoadFull(string text, string file, PricingCatalog pricing)
    {
        var source = new YamlSource(file);
        if (YamlDepth.TooDeep(text) is { } deep)
        {
            // YamlDotNet builds the node tree recursively: thousands of nested brackets would overflow the stack.
            source.Add(deep, "", $"the YAML is nested more than {YamlDepth.MaxDepth} levels deep", "a scenario needs a few levels of nesting; check for unbalanced [ or {");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            source.Add(e.Start, "", $"malformed YAML: {Clean(e.Message)}", "check indentation and that every list item starts with '- '");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            source.Add(Mark.Empty, "", "the file is not a YAML mapping", "start with 'name:' and 'nodes:' at the top level");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        if (stream.Documents.Count > 1)
        {
            source.Add(stream.Documents[1].RootNode.Start, "", $"the file holds {stream.Documents.Count} YAML documents (separated by ---)", "a scenario file holds one document: remove the --- line or split the file");
            return new LoadResult<Scenario>(null, source.Problems);
        }

        var parseProblems = source.Problems.Count;
        var scenario = Parse(new YamlFields((TreeMapping)TreeNode.From(root), "", source), HashOf(text), out var complete);
        ScenarioWarnings.Cheapest[]? cheapest = null;
        if (scenario is not null && (source.Problems.Count == parseProblems || complete))
        {
            // Semantic checks still run after field-level problems, as long as every node could be read,
            // so one pass reports everything without echoing the same mistake twice.
            cheapest = Check(scenario, pricing, source);
        }

        if (scenario is not null && source.Problems.Count == 0)
        {
            ScenarioWarnings.Find(scenario, pricing, source, cheapest);
        }

        return new LoadResult<Scenario>(source.Problems.Count == 0 ? scenario : null, source.Problems) { Warnings = source.Warnings };
    }

    /// <summary>SHA-256 (lower-case hex) of the text with line endings normalised to LF.</summary>
    public static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal))));

    private static string Clean(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return (i >= 0 ? message[(i + 3)..] : message).Trim().TrimEnd('.');
    }
}
