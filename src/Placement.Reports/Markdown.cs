using System.Text;

namespace Placement.Reports;

/// <summary>GitHub-flavoured Markdown tables, for notebooks (a code host renders them in a notebook's outputs).</summary>
public static class Markdown
{
    /// <summary>A table: a header row, then one row per item; a header starting with '&gt;' is right-aligned (the '&gt;' is dropped).</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var b = new StringBuilder();
        b.Append("| ").AppendJoin(" | ", headers.Select(h => h.TrimStart('>'))).Append(" |\n|");
        foreach (var h in headers)
        {
            b.Append(h.StartsWith('>') ? " ---: |" : " --- |");
        }

        b.Append('\n');
        foreach (var row in rows)
        {
            b.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }

        return b.ToString();
    }
}
