using System.Globalization;
using System.Net;
using System.Text;

namespace Placement.Reports.Svg;

/// <summary>
/// A tiny SVG string builder: invariant numbers, escaped text, no script and no external reference, so a chart
/// drawn with it works in any browser with no network.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder text = new();

    public SvgWriter(double width, double height, string label)
    {
        text.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-label=\"{Esc(label)}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
    }

    public SvgWriter Raw(string markup)
    {
        text.Append(markup);
        return this;
    }

    public SvgWriter Rect(double x, double y, double w, double h, string fill, string? title = null, string extra = "")
    {
        text.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(w, 0))}\" height=\"{N(Math.Max(h, 0))}\" fill=\"{fill}\" {extra}>");
        if (title is not null)
        {
            text.Append("<title>").Append(Esc(title)).Append("</title>");
        }

        text.Append("</rect>");
        return this;
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string extra = "")
    {
        text.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" {extra}/>");
        return this;
    }

    public SvgWriter Text(double x, double y, string content, string anchor = "start", string extra = "")
    {
        text.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" {extra}>{Esc(content)}</text>");
        return this;
    }

    public SvgWriter Circle(double cx, double cy, double r, string fill, string? title = null, string extra = "")
    {
        text.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\" {extra}>");
        if (title is not null)
        {
            text.Append("<title>").Append(Esc(title)).Append("</title>");
        }

        text.Append("</circle>");
        return this;
    }

    public override string ToString() => text + "</svg>";

    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Esc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Colour of series i (colour-blind-safe palette).</summary>
    public static string Colour(int i) => Palette[((i % Palette.Length) + Palette.Length) % Palette.Length];

    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
}
