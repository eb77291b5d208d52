using ScottPlot;

namespace Placement.Reports.Png;

/// <summary>
/// Static PNG pictures drawn with ScottPlot (SkiaSharp): the Gantt of a run and the cost/makespan frontier. For
/// places where a file is better than a page (a README, a slide). Returns the PNG bytes; the caller writes them.
/// </summary>
public static class PngCharts
{
    /// <summary>A Gantt: one row per lane, one horizontal bar per task (coloured by node) or transfer (grey); time in s, min or h.</summary>
    public static byte[] Gantt(IReadOnlyList<GanttBar> bars, string title, int width = 1200, int height = 0)
    {
        var lanes = bars.Select(b => (b.Lane, b.IsTransfer)).Distinct().OrderBy(l => l.IsTransfer).ThenBy(l => l.Lane, StringComparer.Ordinal).Select(l => l.Lane).Distinct().ToList();
        var end = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.EndSeconds), 1e-3);
        var (divisor, unit) = Units.AxisUnit(end);
        var plot = new Plot();
        var nodes = bars.Where(b => !b.IsTransfer).Select(b => b.Label).Distinct(StringComparer.Ordinal).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var items = bars.Select(b => new Bar
        {
            Position = lanes.Count - 1 - lanes.IndexOf(b.Lane),
            ValueBase = b.StartSeconds / divisor,
            Value = Math.Max(b.EndSeconds, b.StartSeconds + (end * 0.002)) / divisor,
            FillColor = b.IsTransfer ? Colors.Gray : palette.GetColor(nodes.IndexOf(b.Label)),
            Size = 0.6,
            Label = b.IsTransfer ? "" : b.Label,
        }).ToList();
        var series = plot.Add.Bars(items);
        series.Horizontal = true;
        series.ValueLabelStyle.FontSize = 12;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, lanes.Count).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, lanes.Count).Select(i => lanes[lanes.Count - 1 - i]).ToArray());
        plot.Axes.SetLimitsX(0, end / divisor * 1.12); // room for the labels right of the last bars
        plot.Axes.SetLimitsY(-0.6, lanes.Count - 0.4);
        plot.Title(title);
        plot.XLabel($"time from start ({unit})");
        return plot.GetImageBytes(width, height > 0 ? height : 140 + (lanes.Count * 42), ImageFormat.Png);
    }

    /// <summary>The frontier: cost (USD) against estimated makespan, a dashed staircase through the points, the plan's own point in red.</summary>
    public static byte[] Frontier(IReadOnlyList<FrontierPoint> points, string title, int width = 900, int height = 560)
    {
        var ordered = points.OrderBy(p => p.MakespanHours).ToList();
        var (divisor, unit) = Units.AxisUnit(ordered.Max(p => p.MakespanHours * 3600));
        var xs = ordered.Select(p => p.MakespanHours * 3600 / divisor).ToArray();
        var ys = ordered.Select(p => (double)p.CostUsd).ToArray();
        var plot = new Plot();
        var line = plot.Add.Scatter(xs, ys);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LinePattern = LinePattern.Dashed;
        line.MarkerSize = 9;
        line.LegendText = "non-dominated plans";
        foreach (var p in ordered.Where(p => p.IsPlan))
        {
            var m = plot.Add.Marker(p.MakespanHours * 3600 / divisor, (double)p.CostUsd, MarkerShape.FilledCircle, 14, Colors.Red);
            m.LegendText = "this plan";
        }

        plot.Title(title);
        plot.XLabel($"estimated makespan ({unit})");
        plot.YLabel("plan cost (USD)");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
