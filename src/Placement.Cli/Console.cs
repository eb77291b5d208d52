using Placement.Data.Reports;
using Spectre.Console;

namespace Placement.Cli;

/// <summary>
/// Where commands print: tables with colour through Spectre.Console when a terminal is attached, the plain
/// aligned text of <see cref="TextTable"/> otherwise (pipes, files, golden tests).
/// </summary>
internal sealed class CliConsole
{
    private readonly IAnsiConsole? ansi;

    public CliConsole(TextWriter output, TextWriter error, bool terminal)
    {
        Out = output;
        Error = error;
        if (terminal)
        {
            ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });
        }
    }

    public TextWriter Out { get; }

    /// <summary>True when a terminal is attached (timings and colour are shown only then).</summary>
    public bool IsTerminal => ansi is not null;

    public TextWriter Error { get; }

    /// <summary>The Spectre console when a terminal is attached (live progress), else null.</summary>
    public IAnsiConsole? Ansi => ansi;

    public void Heading(string text)
    {
        if (ansi is not null)
        {
            ansi.Write(new Rule($"[bold]{Markup.Escape(text)}[/]") { Justification = Justify.Left });
        }
        else
        {
            Out.Write(text + "\n");
        }
    }

    public void Line(string text = "")
    {
        Out.Write(text + "\n");
    }

    public void Table(TextTable table)
    {
        if (ansi is null)
        {
            Out.Write(table.Render());
            return;
        }

        var t = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var col = new TableColumn($"[bold]{Markup.Escape(table.Headers[i])}[/]");

            // Names and amounts stay on one line; only the last (free-text) column may wrap.
            if (i < table.Headers.Count - 1)
            {
                col.NoWrap();
            }

            if (table.RightAligned[i])
            {
                col.RightAligned();
            }

            t.AddColumn(col);
        }

        foreach (var row in table.Rows)
        {
            t.AddRow(row.Select(c => Markup.Escape(c)).ToArray());
        }

        ansi.Write(t);
    }

    public void Success(string text)
    {
        if (ansi is not null)
        {
            ansi.MarkupLine($"[green]{Markup.Escape(text)}[/]");
        }
        else
        {
            Out.Write(text + "\n");
        }
    }
}
