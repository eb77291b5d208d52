namespace Placement.Notebooks.Tests;

/// <summary>The runner reports what must fail a notebook: a broken <c>#r</c>, a compile error, a throwing cell.</summary>
public sealed class NotebookRunnerTests
{
    [Theory]
    [InlineData("#r \"../src/Placement.Cli/bin/Release/net10.0/NoSuch.dll\"")]
    [InlineData("var x = ;")]
    [InlineData("throw new System.InvalidOperationException(\"boom\");")]
    public async Task RunAsync_CellThatFails_ReportsAnErrorForThatCell(string code)
    {
        var folder = Directory.CreateTempSubdirectory("placement-notebook-").FullName;
        try
        {
            var path = Path.Combine(folder, "broken.ipynb");
            await File.WriteAllTextAsync(path, Notebook("\"fine\"", code));
            var result = await NotebookRunner.RunAsync(path);
            Assert.Equal(2, result.Outputs.Count);
            Assert.Single(result.Errors);
            Assert.StartsWith("code cell 2:", result.Errors[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WithOutputs_TwoCells_FillsOutputsAndExecutionCounts()
    {
        var outputs = new[] { new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "a" }), new System.Text.Json.Nodes.JsonArray() };
        var json = NotebookRunner.WithOutputs(Notebook("1", "2"), outputs);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(1, cells[0].GetProperty("execution_count").GetInt32());
        Assert.Equal("a", cells[0].GetProperty("outputs")[0].GetProperty("text").GetString());
        Assert.Equal(2, cells[1].GetProperty("execution_count").GetInt32());
    }

    private static string Notebook(params string[] cells) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["cells"] = cells.Select((c, i) => new Dictionary<string, object?>
        {
            ["cell_type"] = "code",
            ["id"] = $"c{i}",
            ["metadata"] = new Dictionary<string, object> { ["polyglot_notebook"] = new Dictionary<string, string> { ["kernelName"] = "csharp" } },
            ["source"] = new[] { c },
            ["execution_count"] = null,
            ["outputs"] = Array.Empty<object>(),
        }).ToArray(),
        ["metadata"] = new Dictionary<string, object> { ["kernelspec"] = new Dictionary<string, string> { ["name"] = ".net-csharp", ["language"] = "C#", ["display_name"] = ".NET (C#)" } },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    });
}
