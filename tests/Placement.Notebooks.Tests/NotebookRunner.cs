using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace Placement.Notebooks.Tests;

/// <summary>
/// Runs a notebook's C# cells in order on the real .NET Interactive C# kernel, in process, exactly as written
/// (<c>#r</c> lines included), from the notebook's folder as Jupyter does. Collects every cell's outputs (as nbformat 4
/// output objects) and errors, and can return the notebook with its outputs filled in.
/// </summary>
public static class NotebookRunner
{
    /// <summary>The outcome of one notebook: the outputs of each code cell, in order, and every error, named by cell.</summary>
    public sealed record Result(IReadOnlyList<JsonArray> Outputs, IReadOnlyList<string> Errors);

    public static async Task<Result> RunAsync(string path)
    {
        // The document is read with .NET Interactive's own parser, so cells are split and typed as Polyglot does.
        var document = Notebook.Parse(await File.ReadAllTextAsync(path), new KernelInfoCollection { new("csharp", "C#", ["c#", "C#"]) });
        var errors = new List<string>();
        var outputs = new List<JsonArray>();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            using var kernel = new CSharpKernel().UseKernelHelpers();
            foreach (var cell in document.Elements.Where(IsCode))
            {
                var number = outputs.Count + 1;
                var cellOutputs = new JsonArray();
                outputs.Add(cellOutputs);
                var result = await kernel.SendAsync(new SubmitCode(cell.Contents));
                foreach (var e in result.Events)
                {
                    switch (e)
                    {
                        case CommandFailed failed:
                            errors.Add($"code cell {number}: {failed.Message}");
                            cellOutputs.Add(new JsonObject { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = failed.Message, ["traceback"] = new JsonArray() });
                            break;
                        case ErrorProduced error:
                            errors.Add($"code cell {number}: {error.Message}");
                            break;
                        case StandardErrorValueProduced stderr:
                            errors.Add($"code cell {number} wrote to stderr: {PlainText(stderr)}");
                            break;
                        case StandardOutputValueProduced stdout:
                            cellOutputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = Lines(PlainText(stdout)) });
                            break;
                        case ReturnValueProduced value:
                            cellOutputs.Add(Display(value, new JsonObject { ["output_type"] = "execute_result", ["execution_count"] = number }));
                            break;
                        case DisplayEvent display:
                            cellOutputs.Add(Display(display, new JsonObject { ["output_type"] = "display_data" }));
                            break;
                    }
                }
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        return new Result(outputs, errors);
    }

    /// <summary>The notebook's JSON with each code cell's outputs and execution count replaced by these (Jupyter's layout: one-space indent).</summary>
    public static string WithOutputs(string notebookJson, IReadOnlyList<JsonArray> outputs)
    {
        var root = JsonNode.Parse(notebookJson)!.AsObject();
        var code = root["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code").ToList();
        for (var i = 0; i < code.Count; i++)
        {
            code[i]["execution_count"] = i + 1;
            code[i]["outputs"] = JsonNode.Parse(outputs[i].ToJsonString());
        }

        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return root.ToJsonString(options) + "\n";
    }

    private static bool IsCode(InteractiveDocumentElement e) => e.KernelName is "csharp" or "C#" or "c#";

    private static JsonObject Display(DisplayEvent e, JsonObject output)
    {
        var data = new JsonObject();
        foreach (var v in e.FormattedValues)
        {
            data[v.MimeType] = Lines(v.Value);
        }

        output["data"] = data;
        output["metadata"] = new JsonObject();
        return output;
    }

    // Jupyter stores multi-line text as a list of lines, each but the last ending in a newline.
    private static JsonArray Lines(string text)
    {
        var parts = text.Split('\n');
        var lines = new JsonArray();
        for (var i = 0; i < parts.Length; i++)
        {
            var line = i < parts.Length - 1 ? parts[i] + "\n" : parts[i];
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static string PlainText(DisplayEvent e) => string.Concat(e.FormattedValues.Where(v => v.MimeType == "text/plain").Select(v => v.Value));
}
