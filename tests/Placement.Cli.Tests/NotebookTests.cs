using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Placement.Cli.Tests;

/// <summary>
/// Runs every C# cell of every notebook in notebooks/ as one Roslyn script session, in order, so the
/// notebooks cannot drift from the code. <c>#r</c> lines are replaced by references to the loaded assemblies.
/// </summary>
[Collection("cli")]
public class NotebookTests
{
    public static TheoryData<string> Notebooks => new(Directory.GetFiles(Path.Combine(CliRunner.Root, "notebooks"), "*.ipynb").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Cells_Notebook_RunWithoutErrorAndReturnValues(string notebook)
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(CliRunner.Root, "notebooks", notebook)));
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))
            .Select(code => string.Join('\n', code.Split('\n').Where(l => !l.TrimStart().StartsWith("#r ", StringComparison.Ordinal))))
            .ToList();
        Assert.NotEmpty(cells);

        var options = ScriptOptions.Default
            .AddReferences(typeof(Core.Costing.CostModel).Assembly, typeof(Data.Workspace).Assembly)
            .AddImports("System", "System.Linq", "System.Collections.Generic");
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(CliRunner.Root);
        try
        {
            ScriptState<object>? state = null;
            foreach (var cell in cells)
            {
                state = state is null ? await CSharpScript.RunAsync(cell, options) : await state.ContinueWithAsync(cell, options);
                Assert.Null(state.Exception);
            }

            Assert.NotNull(state!.ReturnValue);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
