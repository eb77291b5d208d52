namespace Placement.Reports.Svg;

/// <summary>A Gantt chart: one row per lane (location, or route for transfers), bars from start to end, time axis in s/min/h.</summary>
internal static class GanttSvg
{
    private const double LaneHeight = 26;
    private const double Left = 230;
    private const double Width = 900;
    private const double Top = 14;

    public static string Draw(IReadOnlyList<GanttBar> bars, string label)
    {
        var lanes = bars.Select(b => (b.Lane, b.IsTransfer)).Distinct().OrderBy(l => l.IsTransfer).ThenBy(l => l.Lane, StringComparer.Ordinal).Select(l => l.Lane).Distinct().ToList();
        var end = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.EndSeconds), 1e-3);
        var (divisor, unit) = Units.AxisUnit(end);
        var plotWidth = Width - Left - 20;
        var height = Top + (lanes.Count * LaneHeight) + 44;
        var svg = new SvgWriter(Width, height, label);
        double X(double seconds) => Left + (seconds / end * plotWidth);
        for (var i = 0; i < lanes.Count; i++)
        {
            var y = Top + (i * LaneHeight);
            svg.Rect(0, y, Width, LaneHeight, i % 2 == 0 ? "#f6f6f6" : "#ffffff");
            svg.Text(Left - 8, y + 17, lanes[i], "end");
        }

        foreach (var t in Units.Ticks(0, end / divisor))
        {
            var x = X(t * divisor);
            svg.Line(x, Top, x, Top + (lanes.Count * LaneHeight), "#cccccc");
            svg.Text(x, Top + (lanes.Count * LaneHeight) + 16, Units.Axis(t), "middle");
        }

        svg.Text(Left + (plotWidth / 2), height - 6, $"time from start ({unit})", "middle");
        var nodeColours = bars.Where(b => !b.IsTransfer).Select(b => b.Label).Distinct().Select((n, i) => (n, i)).ToDictionary(p => p.n, p => SvgWriter.Colour(p.i), StringComparer.Ordinal);
        foreach (var b in bars)
        {
            var y = Top + (lanes.IndexOf(b.Lane) * LaneHeight) + 4;
            var x = X(b.StartSeconds);
            var w = Math.Max(X(b.EndSeconds) - x, 2);
            var fill = b.IsTransfer ? "#9c9c9c" : nodeColours[b.Label];
            svg.Rect(x, y, w, LaneHeight - 8, fill, $"{(b.IsTransfer ? "transfer " : "")}{b.Label}: {Units.Duration(b.StartSeconds)} → {Units.Duration(b.EndSeconds)} ({Units.Duration(b.EndSeconds - b.StartSeconds)})", "rx=\"3\"");
            if (w > 50)
            {
                svg.Text(x + 4, y + 13, b.Label, "start", "fill=\"#ffffff\" font-size=\"11\"");
            }
        }

        return svg.ToString();
    }
}
