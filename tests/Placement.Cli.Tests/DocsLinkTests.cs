using System.Text.Json;
using System.Text.RegularExpressions;

namespace Placement.Cli.Tests;

/// <summary>
/// Every relative link and image in README.md, docs/*.md and the notebooks' Markdown cells resolves to a file inside
/// the repository (a reader of the repository alone finds it; nothing points into folders that are not shipped).
/// </summary>
public sealed partial class DocsLinkTests
{
    public static TheoryData<string> Documents => new(
        new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(f => Path.Combine("docs", Path.GetFileName(f))))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Select(f => Path.Combine("notebooks", Path.GetFileName(f))))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Documents))]
    public void Links_Document_ResolveInsideTheRepository(string document)
    {
        var path = Path.Combine(RepoPaths.Root, document);
        var root = Path.GetFullPath(RepoPaths.Root) + Path.DirectorySeparatorChar;
        var bad = new List<string>();
        foreach (var target in Targets(MarkdownOf(path)))
        {
            var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(target.Split('#')[0])));
            if (!file.StartsWith(root, StringComparison.Ordinal))
            {
                bad.Add($"{target} points outside the repository");
            }
            else if (!File.Exists(file) && !Directory.Exists(file))
            {
                bad.Add($"{target} does not exist");
            }
        }

        Assert.True(bad.Count == 0, $"{document}: {string.Join("; ", bad)}");
    }

    [Fact]
    public void Targets_LinkOutsideTheRepository_IsFound() =>
        Assert.Equal(["../../shared/design/cost-model.md", "images/a.png"], Targets("see [x](../../shared/design/cost-model.md), ![g](images/a.png), [web](https://example.org) and [here](#top)"));

    /// <summary>Relative link and image targets of Markdown text: not URLs with a scheme, not in-page anchors.</summary>
    public static List<string> Targets(string markdown) =>
        Link().Matches(markdown).Select(m => m.Groups[1].Value).Where(t => !t.StartsWith('#') && !Scheme().IsMatch(t)).ToList();

    private static string MarkdownOf(string path)
    {
        var text = File.ReadAllText(path);
        if (!path.EndsWith(".ipynb", StringComparison.Ordinal))
        {
            return text;
        }

        using var doc = JsonDocument.Parse(text);
        return string.Join("\n", doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "markdown")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString()))));
    }

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();
}
