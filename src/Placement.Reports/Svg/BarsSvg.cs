namespace Placement.Reports.Svg;

/// <summary>Horizontal bars: one row per label, each row a stack of coloured segments (USD).</summary>
internal static class BarsSvg
{
    private const double Width = 900;
    private const double RowHeight = 28;
    private const double Left = 200;

    /// <param name="rows">Row label and its segments (series index, amount USD).</param>
    /// <param name="series">Series names (legend), indexed like the segments.</param>
    /// <param name="label">Accessible name of the chart.</param>
    /// <param name="highlight">Row label printed bold, if any.</param>
    public static string Draw(IReadOnlyList<(string Label, IReadOnlyList<(int Series, decimal Usd)> Segments)> rows, IReadOnlyList<string> series, string label, string? highlight = null)
    {
        var height = 34 + (rows.Count * RowHeight) + 22;
        var svg = new SvgWriter(Width, height, label);
        var max = Math.Max(rows.Select(r => r.Segments.Sum(s => s.Usd)).DefaultIfEmpty(0).Max(), 0.01m);
        var plotW = Width - Left - 90;
        var x0 = Left;
        for (var i = 0; i < series.Count && series.Count > 1; i++)
        {
            svg.Rect(x0, 6, 12, 12, SvgWriter.Colour(i)).Text(x0 + 16, 16, series[i]);
            x0 += 30 + (series[i].Length * 7);
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var (rowLabel, segments) = rows[r];
            var y = 30 + (r * RowHeight);
            svg.Text(Left - 8, y + 17, rowLabel, "end", rowLabel == highlight ? "font-weight=\"bold\"" : "");
            var x = Left;
            foreach (var (s, usd) in segments.Where(s => s.Usd > 0))
            {
                var w = (double)(usd / max) * plotW;
                svg.Rect(x, y + 4, w, RowHeight - 8, SvgWriter.Colour(s), $"{rowLabel} {series[s]}: {Units.Usd(usd)}");
                x += w;
            }

            svg.Text(x + 6, y + 17, Units.Usd(segments.Sum(s => s.Usd)));
        }

        return svg.ToString();
    }
}
