using Placement.Core.Costing;
using Placement.Core.Model;

namespace Placement.Reports.Svg;

/// <summary>
/// The placement map: one column per provider, one box per region listing the nodes placed there and the data
/// stored there, and one arrow per (source, destination) pair of transfers labelled with the data moved, GB and USD.
/// </summary>
internal static class PlacementMapSvg
{
    private const double BoxWidth = 250;
    private const double ColumnGap = 170;
    private const double LineHeight = 16;
    private const double Top = 34;

    public static string Draw(PlanCost cost, string label)
    {
        var locations = cost.Nodes.SelectMany(n => new[] { n.Location, n.StorageHome })
            .Concat(cost.Transfers.SelectMany(t => new[] { t.From, t.To }))
            .Concat(cost.Storage.Select(s => s.Location))
            .Distinct().Order().ToList();
        var providers = locations.Select(l => l.Provider).Distinct().Order(StringComparer.Ordinal).ToList();
        var boxes = new Dictionary<Location, (double X, double Y, double W, double H)>();
        var lines = new Dictionary<Location, List<(string Text, bool Bold)>>();
        foreach (var loc in locations)
        {
            var content = new List<(string, bool)>();
            content.AddRange(cost.Nodes.Where(n => n.Location == loc).Select(n => ($"▣ {n.Node} ({n.Offering})", true)));
            content.AddRange(cost.Storage.Where(s => s.Location == loc).GroupBy(s => s.Copy)
                .Select(g => ($"{(g.Key == StorageCopy.Home ? "stores" : "staged")}: {string.Join(", ", g.Select(s => s.Data))}", false)));
            lines[loc] = content;
        }

        // Odd columns start lower, so an arrow between two even columns passes above the column between them.
        var firstHeights = providers.Select(p => 32 + (lines[locations.First(l => l.Provider == p)].Count * LineHeight)).ToList();
        var stagger = providers.Count > 2 ? firstHeights.Where((_, i) => i % 2 == 0).Max() + 60 : 0;
        var height = 0.0;
        for (var p = 0; p < providers.Count; p++)
        {
            var y = Top + (p % 2 == 1 ? stagger : 0);
            foreach (var loc in locations.Where(l => l.Provider == providers[p]))
            {
                var h = 26 + (lines[loc].Count * LineHeight) + 6;
                boxes[loc] = (20 + (p * (BoxWidth + ColumnGap)), y, BoxWidth, h);
                y += h + 40;
            }

            height = Math.Max(height, y);
        }

        var width = 40 + (providers.Count * BoxWidth) + ((providers.Count - 1) * ColumnGap);
        var svg = new SvgWriter(Math.Max(width, 400), height + 10, label);
        svg.Raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#c0392b\"/></marker></defs>");
        for (var p = 0; p < providers.Count; p++)
        {
            svg.Text(20 + (p * (BoxWidth + ColumnGap)) + (BoxWidth / 2), 20, providers[p].ToUpperInvariant(), "middle", "font-weight=\"bold\" font-size=\"14\"");
        }

        foreach (var (loc, (x, y, w, h)) in boxes)
        {
            svg.Rect(x, y, w, h, ProviderFill(providers.IndexOf(loc.Provider)), null, "stroke=\"#555555\" rx=\"6\"")
                .Text(x + 8, y + 18, loc.ToString(), "start", "font-weight=\"bold\"");
            var ly = y + 18 + LineHeight;
            foreach (var (text, bold) in lines[loc])
            {
                svg.Text(x + 10, ly, Clip(text, 38), "start", bold ? "" : "fill=\"#555555\" font-size=\"11\"");
                ly += LineHeight;
            }
        }

        var pairs = cost.Transfers.GroupBy(t => (t.From, t.To)).ToList();
        var labels = new List<(double X, double Y, string Names, string Amount)>();
        foreach (var pair in pairs)
        {
            var a = boxes[pair.Key.From];
            var b = boxes[pair.Key.To];
            var (ax, ay) = (a.X + (a.W / 2), a.Y + (a.H / 2));
            var (bx, by) = (b.X + (b.W / 2), b.Y + (b.H / 2));
            var (sx, sy) = Edge(a, bx - ax, by - ay);
            var (ex, ey) = Edge(b, ax - bx, ay - by);
            // Bend every arrow to its left, so the two directions of one pair do not overlap.
            var (mx, my) = ((sx + ex) / 2, (sy + ey) / 2);
            var len = Math.Max(Math.Sqrt(((ex - sx) * (ex - sx)) + ((ey - sy) * (ey - sy))), 1);
            var (cx, cy) = (mx + ((ey - sy) / len * 40), my - ((ex - sx) / len * 40));
            var usd = pair.Sum(t => t.Usd);
            var bytes = pair.Sum(t => t.Bytes);
            var title = string.Join("; ", pair.Select(t => $"{t.Data} {Units.Gb(t.Bytes)} {Units.Usd(t.Usd)}{(t.IsRouteBack ? " (route-back)" : "")}"));
            svg.Raw($"<path class=\"transfer\" d=\"M {SvgWriter.N(sx)} {SvgWriter.N(sy)} Q {SvgWriter.N(cx)} {SvgWriter.N(cy)} {SvgWriter.N(ex)} {SvgWriter.N(ey)}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"{SvgWriter.N(1.5 + Math.Min(4, bytes / 5e9))}\" marker-end=\"url(#arrow)\"><title>{SvgWriter.Esc(title)}</title></path>");
            var (tx, ty) = ((0.25 * sx) + (0.5 * cx) + (0.25 * ex), (0.25 * sy) + (0.5 * cy) + (0.25 * ey));
            labels.Add((tx, ty, Clip(string.Join(", ", pair.Select(t => t.Data)), 30), $"{Units.Gb(bytes)} · {Units.Usd(usd)}"));
        }

        // Labels last, with a white halo, so no box or arrow hides them.
        const string halo = "font-size=\"11\" fill=\"#c0392b\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"";
        foreach (var (tx, ty, names, amount) in labels)
        {
            svg.Text(tx, ty - 4, names, "middle", halo).Text(tx, ty + 9, amount, "middle", halo);
        }

        return svg.ToString();
    }

    private static (double X, double Y) Edge((double X, double Y, double W, double H) box, double dx, double dy)
    {
        var (cx, cy) = (box.X + (box.W / 2), box.Y + (box.H / 2));
        if (Math.Abs(dx) < 1e-9 && Math.Abs(dy) < 1e-9)
        {
            return (cx, cy);
        }

        var t = Math.Min(Math.Abs(dx) < 1e-9 ? double.MaxValue : box.W / 2 / Math.Abs(dx), Math.Abs(dy) < 1e-9 ? double.MaxValue : box.H / 2 / Math.Abs(dy));
        return (cx + (dx * t), cy + (dy * t));
    }

    private static string ProviderFill(int i) => new[] { "#eaf1fb", "#fdf0e3", "#eaf6e8", "#fbe9ea", "#eef6f6", "#f6f0fa" }[i % 6];

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
