namespace Placement.Reports.Svg;

/// <summary>The cost/makespan frontier: makespan (x) against cost (y), a staircase through the non-dominated plans, the plan's point marked.</summary>
internal static class FrontierSvg
{
    private const double Width = 640;
    private const double Height = 360;
    private const double Left = 70;
    private const double Bottom = 46;

    public static string Draw(IReadOnlyList<FrontierPoint> points, string label)
    {
        var svg = new SvgWriter(Width, Height, label);
        var xs = points.Select(p => p.MakespanHours * 3600).ToList();
        var ys = points.Select(p => (double)p.CostUsd).ToList();
        var (div, unit) = Units.AxisUnit(xs.Max());
        double xMin = xs.Min() / div, xMax = xs.Max() / div, yMin = ys.Min(), yMax = ys.Max();
        Pad(ref xMin, ref xMax);
        Pad(ref yMin, ref yMax);
        var plotW = Width - Left - 20;
        var plotH = Height - Bottom - 16;
        double X(double v) => Left + ((v - xMin) / (xMax - xMin) * plotW);
        double Y(double v) => 16 + plotH - ((v - yMin) / (yMax - yMin) * plotH);
        svg.Rect(Left, 16, plotW, plotH, "#fafafa", null, "stroke=\"#999999\"");
        foreach (var t in Units.Ticks(xMin, xMax))
        {
            svg.Line(X(t), 16, X(t), 16 + plotH, "#e2e2e2").Text(X(t), 16 + plotH + 15, Units.Axis(t), "middle");
        }

        foreach (var t in Units.Ticks(yMin, yMax))
        {
            svg.Line(Left, Y(t), Left + plotW, Y(t), "#e2e2e2").Text(Left - 6, Y(t) + 4, Units.Usd(t), "end");
        }

        var ordered = points.OrderBy(p => p.MakespanHours).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var a = ordered[i - 1];
            var b = ordered[i];
            var ax = X(a.MakespanHours * 3600 / div);
            var bx = X(b.MakespanHours * 3600 / div);
            svg.Line(ax, Y((double)a.CostUsd), bx, Y((double)a.CostUsd), "#4e79a7", 1.5, "stroke-dasharray=\"5 3\"")
                .Line(bx, Y((double)a.CostUsd), bx, Y((double)b.CostUsd), "#4e79a7", 1.5, "stroke-dasharray=\"5 3\"");
        }

        foreach (var p in points)
        {
            var x = X(p.MakespanHours * 3600 / div);
            var y = Y((double)p.CostUsd);
            svg.Circle(x, y, p.IsPlan ? 7 : 5, p.IsPlan ? "#e15759" : "#4e79a7", $"{Units.Usd(p.CostUsd)}, {Units.Duration(p.MakespanHours * 3600)}: {p.Placement}");
            if (p.IsPlan)
            {
                svg.Text(x + 10, y - 8, "this plan", "start", "fill=\"#e15759\"");
            }
        }

        svg.Text(Left + (plotW / 2), Height - 8, $"estimated makespan ({unit})", "middle")
            .Text(14, 16 + (plotH / 2), "plan cost (USD)", "middle", $"transform=\"rotate(-90 14 {SvgWriter.N(16 + (plotH / 2))})\"");
        return svg.ToString();
    }

    private static void Pad(ref double min, ref double max)
    {
        var span = max - min;
        var pad = span > 1e-12 ? span * 0.08 : Math.Max(Math.Abs(max) * 0.05, 1e-3);
        min -= pad;
        max += pad;
    }
}
