using System.Text;

namespace Placement.Data.Reports;

/// <summary>A plain-text table with aligned columns: what the CLI prints when no terminal is attached, and what golden files hold.</summary>
public sealed class TextTable
{
    private readonly string[] headers;
    private readonly bool[] rightAligned;
    private readonly List<string[]> rows = [];

    /// <summary>Creates a table; a header starting with '>' is right-aligned (the '>' is dropped).</summary>
    public TextTable(params string[] headers)
    {
        rightAligned = headers.Select(h => h.StartsWith('>')).ToArray();
        this.headers = headers.Select(h => h.TrimStart('>')).ToArray();
    }

    /// <summary>Column titles.</summary>
    public IReadOnlyList<string> Headers => headers;

    /// <summary>Whether each column is right-aligned (numbers).</summary>
    public IReadOnlyList<bool> RightAligned => rightAligned;

    /// <summary>Rows added so far.</summary>
    public IReadOnlyList<string[]> Rows => rows;

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public TextTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Row has {cells.Length} cells, table has {headers.Length} columns.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    /// <summary>Renders with two spaces between columns and no trailing spaces.</summary>
    public string Render()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            var parts = cells.Select((c, i) => rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
            sb.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
        }

        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var r in rows)
        {
            Line(r);
        }

        return sb.ToString();
    }
}
