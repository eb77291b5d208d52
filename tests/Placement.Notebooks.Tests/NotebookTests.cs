namespace Placement.Notebooks.Tests;

/// <summary>
/// Executes every notebook in notebooks/ on the real .NET Interactive C# kernel with its <c>#r</c> lines, so a broken
/// reference, a renamed API or a throwing cell fails the test. The executed notebook is written to
/// TestResults/notebooks/ at the repository root; with PLACEMENT_NOTEBOOKS_WRITE=1 it is also written back over the
/// committed notebook (how the committed outputs are refreshed).
/// </summary>
public sealed class NotebookTests
{
    public static TheoryData<string> Notebooks => new(Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    public static string Root { get; } = FindRoot();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Cells_NotebookOnCSharpKernel_RunWithoutErrorAndShowOutputs(string notebook)
    {
        var path = Path.Combine(Root, "notebooks", notebook);
        var result = await NotebookRunner.RunAsync(path);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.True(result.Outputs.Count >= 3, $"{notebook} has {result.Outputs.Count} code cells");
        Assert.All(result.Outputs, cell => Assert.NotEmpty(cell));

        var json = NotebookRunner.WithOutputs(await File.ReadAllTextAsync(path), result.Outputs);
        var artifact = Path.Combine(Root, "TestResults", "notebooks", notebook);
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        await File.WriteAllTextAsync(artifact, json);
        if (Environment.GetEnvironmentVariable("PLACEMENT_NOTEBOOKS_WRITE") == "1")
        {
            await File.WriteAllTextAsync(path, json);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Placement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Placement.sln not found above the test binaries.");
    }
}
