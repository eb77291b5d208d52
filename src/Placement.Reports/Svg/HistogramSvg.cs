namespace Placement.Reports.Svg;

/// <summary>A histogram of replica values with mean and p95 markers.</summary>
internal static class HistogramSvg
{
    private const double Width = 440;
    private const double Height = 240;
    private const double Left = 50;
    private const double Bottom = 40;

    public static string Draw(IReadOnlyList<double> values, string axis, string label, double mean, double p95, string colour)
    {
        var svg = new SvgWriter(Width, Height, label);
        var min = values.Min();
        var max = values.Max();
        if (max - min < 1e-12)
        {
            max = min + Math.Max(Math.Abs(min) * 0.01, 1e-6);
        }

        const int bins = 20;
        var counts = new int[bins];
        foreach (var v in values)
        {
            counts[Math.Clamp((int)((v - min) / (max - min) * bins), 0, bins - 1)]++;
        }

        var plotW = Width - Left - 14;
        var plotH = Height - Bottom - 12;
        var top = counts.Max();
        double X(double v) => Left + ((v - min) / (max - min) * plotW);
        for (var i = 0; i < bins; i++)
        {
            var h = counts[i] / (double)top * plotH;
            svg.Rect(Left + (i * plotW / bins) + 1, 12 + plotH - h, (plotW / bins) - 2, h, colour, $"{counts[i]} replicas in [{Units.Axis(min + (i * (max - min) / bins))}, {Units.Axis(min + ((i + 1) * (max - min) / bins))})");
        }

        svg.Line(Left, 12 + plotH, Left + plotW, 12 + plotH, "#333333");
        foreach (var t in Units.Ticks(min, max, 4))
        {
            svg.Text(X(t), 12 + plotH + 15, Units.Axis(t), "middle");
        }

        svg.Text(Left - 6, 16, top.ToString(System.Globalization.CultureInfo.InvariantCulture), "end").Text(Left - 6, 12 + plotH, "0", "end");
        foreach (var (value, name, dash) in new[] { (mean, "mean", ""), (p95, "p95", "stroke-dasharray=\"4 3\"") })
        {
            var x = X(Math.Clamp(value, min, max));
            svg.Line(x, 12, x, 12 + plotH, "#222222", 1.5, dash).Text(x + 3, 24 + (name == "p95" ? 12 : 0), name, "start", "font-size=\"11\"");
        }

        svg.Text(Left + (plotW / 2), Height - 6, axis, "middle");
        return svg.ToString();
    }
}
