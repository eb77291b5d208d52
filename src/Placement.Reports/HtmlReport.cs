using System.Globalization;
using System.Text;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Reports.Svg;

namespace Placement.Reports;

/// <summary>
/// Writes the report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no font, image
/// or style sheet from anywhere else, so it opens with no network. Amounts are the cost model's (USD, exact in the
/// <c>data-usd</c> attributes, two decimals in the text); times print in s, min or h, whichever fits.
/// </summary>
public static class HtmlReport
{
    /// <summary>Component names in the order of <see cref="CostTotals"/>.</summary>
    public static IReadOnlyList<string> Components { get; } = ["compute", "services", "llm", "egress", "storage"];

    /// <summary>Renders the page.</summary>
    public static string Write(ReportContent content)
    {
        var plan = content.Plan;
        var t = plan.Cost.Totals;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append(CultureInfo.InvariantCulture, $"<title>Placement report: {E(plan.ScenarioName)}</title><style>{Css}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Placement report: scenario <code>{E(plan.ScenarioName)}</code></h1>\n");
        var solver = plan.Solver;
        var status = solver.IsEmpty ? "hand-written plan" : $"solver {solver.Name} ({solver.Status})";
        html.Append("<section id=\"summary\"><div class=\"cards\">")
            .Append(Card("plan total", $"<span id=\"total-usd\" data-usd=\"{Exact(t.TotalUsd)}\">{Units.Usd(t.TotalUsd)}</span>"))
            .Append(Card("proven lower bound", solver.LowerBoundUsd is { } lb ? Units.Usd(lb) : "none"))
            .Append(Card("gap", solver.Gap is { } g ? (g * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "-"))
            .Append(Card("estimated makespan", solver.Notes.TryGetValue("makespan hours", out var mh) && double.TryParse(mh, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) ? Units.Duration(h * 3600) : "-"))
            .Append(Card("data moved", Units.Gb(plan.Cost.EgressBytes)))
            .Append("</div>")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(status)}; scenario hash <code>{E(Short(plan.ScenarioHash))}</code>.</p></section>\n");

        Section(html, "map", "Placement map", "Providers and regions, the nodes placed in each and the data stored there; each arrow is the data moved between two locations, with GB and egress USD.",
            PlacementMapSvg.Draw(plan.Cost, "placement map"));
        Section(html, "costs", "Cost breakdown", "By component and by location (node costs where the node runs, egress where the data leaves, storage where it is kept).",
            CostTables(plan.Cost) + BarsSvg.Draw(ByLocation(plan.Cost), Components, "cost by location"));
        if (content.Baselines.Count > 0)
        {
            Section(html, "baselines", "Baselines and savings", "Each baseline re-priced with the same cost model; saving = baseline total - plan total.",
                BarsSvg.Draw([("this plan", Stack(t)), .. content.Baselines.Select(b => (b.Name, (IReadOnlyList<(int, decimal)>)[(0, b.TotalUsd)]))], ["total"], "baselines", "this plan")
                + BaselineTable(content.Baselines, t.TotalUsd));
        }

        if (content.Explanations.Count > 0)
        {
            Section(html, "explanations", "Why each node is where it is", "Switching one node to its best alternative, the rest of the plan unchanged; + means the switch costs more.",
                ExplanationTable(content));
        }

        if (content.Frontier.Count > 0)
        {
            Section(html, "frontier", "Cost/makespan frontier", "Every non-dominated plan: each is the cheapest meeting a deadline just below the previous one's makespan.",
                FrontierSvg.Draw(content.Frontier, "pareto frontier") + FrontierTable(content.Frontier));
        }

        if (content.Simulation is { } sim)
        {
            var s = sim.Summary;
            var (div, unit) = Units.AxisUnit(s.MakespanSeconds.Max);
            Section(html, "simulation", $"Simulation: {s.Replicas} replicas, seed {s.MasterSeed}",
                $"Completed runs: {(s.CompletedShare * 100).ToString("0.0", CultureInfo.InvariantCulture)} %. Makespan and total cost of every replica; the Gantt is replica 0.",
                "<div class=\"row\">"
                + HistogramSvg.Draw(s.Runs.Select(r => r.MakespanSeconds / div).ToList(), $"makespan ({unit})", "makespan distribution", s.MakespanSeconds.Mean.Value / div, s.MakespanSeconds.P95.Value / div, "#4e79a7")
                + HistogramSvg.Draw(s.Runs.Select(r => (double)r.Cost.TotalUsd).ToList(), "total cost (USD)", "cost distribution", s.TotalUsd.Mean.Value, s.TotalUsd.P95.Value, "#f28e2b")
                + "</div>" + SimulationTables(sim)
                + "<h3>Gantt of replica 0 (simulated)</h3>" + GanttSvg.Draw(sim.Gantt, "simulated gantt"));
        }

        if (content.Measured is { } run)
        {
            Section(html, "measured", $"Measured run: {E(run.Name)}", "Tasks and transfers as the executor recorded them, and the measured figures beside the plan's.",
                MeasuredTable(content) + "<h3>Gantt of the measured run</h3>" + GanttSvg.Draw(run.Gantt, "measured gantt"));
        }

        html.Append("<footer>Written by <code>placement report</code>; self-contained (no script, no network).</footer>\n</body></html>\n");
        return html.ToString();
    }

    private static string CostTables(PlanCost cost)
    {
        var t = cost.Totals;
        var b = new StringBuilder("<div class=\"row\"><table id=\"totals\"><tr><th>component</th><th class=\"n\">USD</th></tr>");
        foreach (var (name, usd) in Components.Zip(Amounts(t)))
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td class=\"n\" data-usd=\"{Exact(usd)}\">{Units.Usd(usd)}</td></tr>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<tr class=\"total\"><td>total</td><td class=\"n\" data-usd=\"{Exact(t.TotalUsd)}\">{Units.Usd(t.TotalUsd)}</td></tr></table>");
        b.Append("<table><tr><th>node</th><th>location</th><th>offering</th><th>storage home</th><th class=\"n\">USD</th><th>basis</th></tr>");
        foreach (var n in cost.Nodes)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(n.Node)}</td><td>{E(n.Location.ToString())}</td><td>{E(n.Offering)}</td><td>{E(n.StorageHome.ToString())}</td><td class=\"n\">{Units.Usd(n.ComputeUsd + n.ServicesUsd + n.LlmUsd)}</td><td class=\"basis\">{E(n.Basis)}</td></tr>");
        }

        b.Append("</table></div><table><tr><th>data</th><th>from</th><th>to</th><th class=\"n\">size</th><th>rule</th><th class=\"n\">egress USD</th><th>read by</th></tr>");
        foreach (var x in cost.Transfers)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(x.Data)}</td><td>{E(x.From.ToString())}</td><td>{E(x.To.ToString())}</td><td class=\"n\">{Units.Gb(x.Bytes)}</td><td>{E(x.Rule.ToString())}</td><td class=\"n\">{Units.Usd(x.Usd)}</td><td>{E(x.IsRouteBack ? "(route-back)" : string.Join(", ", x.Consumers))}</td></tr>");
        }

        return b.Append("</table>").ToString();
    }

    internal static List<(string, IReadOnlyList<(int, decimal)>)> ByLocation(PlanCost cost)
    {
        var rows = new SortedDictionary<Location, decimal[]>();
        decimal[] Row(Location l) => rows.TryGetValue(l, out var r) ? r : rows[l] = new decimal[5];
        foreach (var n in cost.Nodes)
        {
            var r = Row(n.Location);
            r[0] += n.ComputeUsd;
            r[1] += n.ServicesUsd;
            r[2] += n.LlmUsd;
        }

        foreach (var x in cost.Transfers)
        {
            Row(x.From)[3] += x.Usd;
        }

        foreach (var s in cost.Storage)
        {
            Row(s.Location)[4] += s.Usd;
        }

        return rows.Select(p => (p.Key.ToString(), (IReadOnlyList<(int, decimal)>)p.Value.Select((v, i) => (i, v)).ToList())).ToList();
    }

    private static IReadOnlyList<(int, decimal)> Stack(CostTotals t) => Amounts(t).Select((v, i) => (0, v)).ToList();

    internal static decimal[] Amounts(CostTotals t) => [t.ComputeUsd, t.ServicesUsd, t.LlmUsd, t.EgressUsd, t.StorageUsd];

    private static string BaselineTable(IReadOnlyList<BaselineResult> baselines, decimal total)
    {
        var b = new StringBuilder("<table id=\"baseline-table\"><tr><th>baseline</th><th class=\"n\">total</th><th class=\"n\">saving</th><th class=\"n\">saving %</th><th>note</th></tr>");
        foreach (var x in baselines)
        {
            var saving = x.TotalUsd - total;
            var pct = x.TotalUsd == 0 ? 0 : saving / x.TotalUsd * 100;
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(x.Name)}</td><td class=\"n\">{Units.Usd(x.TotalUsd)}</td><td class=\"n\">{Units.Usd(saving)}</td><td class=\"n\">{pct.ToString("0.00", CultureInfo.InvariantCulture)} %</td><td>{E(x.Note)}</td></tr>");
        }

        return b.Append("</table>").ToString();
    }

    private static string ExplanationTable(ReportContent content)
    {
        var b = new StringBuilder("<table><tr><th>node</th><th>chosen</th><th>best alternative</th><th class=\"n\">compute</th><th class=\"n\">egress</th><th class=\"n\">storage</th><th class=\"n\">total</th><th>forced by</th></tr>");
        foreach (var e in content.Explanations)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(e.Node)}</td><td>{E(e.Chosen.ToString())}</td><td>{E(e.Alternative?.ToString() ?? "(none)")}</td><td class=\"n\">{Delta(e.ComputeDeltaUsd)}</td><td class=\"n\">{Delta(e.EgressDeltaUsd)}</td><td class=\"n\">{Delta(e.StorageDeltaUsd)}</td><td class=\"n\">{Delta(e.TotalDeltaUsd)}</td><td>{E(e.ForcedBy ?? "-")}</td></tr>");
        }

        return b.Append("</table>").ToString();
    }

    private static string FrontierTable(IReadOnlyList<FrontierPoint> points)
    {
        var b = new StringBuilder("<table><tr><th class=\"n\">cost</th><th class=\"n\">makespan</th><th>placement</th></tr>");
        foreach (var p in points)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr{(p.IsPlan ? " class=\"total\"" : "")}><td class=\"n\">{Units.Usd(p.CostUsd)}</td><td class=\"n\">{p.MakespanHours.ToString("0.0000", CultureInfo.InvariantCulture)} h</td><td>{E(p.Placement)}</td></tr>");
        }

        return b.Append("</table>").ToString();
    }

    private static string SimulationTables(SimulatedRun sim)
    {
        var s = sim.Summary;
        var b = new StringBuilder("<div class=\"row\"><table><tr><th>quantity</th><th class=\"n\">mean</th><th class=\"n\">p50</th><th class=\"n\">p95</th><th class=\"n\">p99</th></tr>");
        void Row(string name, Simulation.MonteCarlo.Distribution d, Func<double, string> f) =>
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td class=\"n\">{f(d.Mean.Value)}</td><td class=\"n\">{f(d.P50.Value)}</td><td class=\"n\">{f(d.P95.Value)}</td><td class=\"n\">{f(d.P99.Value)}</td></tr>");
        Row("makespan", s.MakespanSeconds, Units.Duration);
        Row("total cost", s.TotalUsd, Units.Usd);
        Row("egress cost", s.EgressUsd, Units.Usd);
        Row("egress GB", s.EgressGb, v => v.ToString("0.000", CultureInfo.InvariantCulture));
        b.Append("</table><table><tr><th>location (replica 0)</th><th class=\"n\">tasks</th><th class=\"n\">busy</th><th class=\"n\">peak</th><th class=\"n\">utilisation</th><th class=\"n\">queue wait</th></tr>");
        foreach (var l in s.First.Locations)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(l.Location.ToString())}</td><td class=\"n\">{l.TasksRun}</td><td class=\"n\">{Units.Duration(l.BusySeconds)}</td><td class=\"n\">{l.PeakConcurrent}</td><td class=\"n\">{(l.Utilisation is { } u ? (u * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "unlimited slots")}</td><td class=\"n\">{Units.Duration(l.QueueWaitSeconds)}</td></tr>");
        }

        b.Append("</table><table><tr><th>critical path (replica 0)</th><th>kind</th><th class=\"n\">start</th><th class=\"n\">end</th></tr>");
        foreach (var c in s.First.CriticalPath)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Name)}</td><td>{c.Kind.ToString().ToLowerInvariant()}</td><td class=\"n\">{Units.Duration(c.StartSeconds)}</td><td class=\"n\">{Units.Duration(c.EndSeconds)}</td></tr>");
        }

        return b.Append("</table></div>").ToString();
    }

    private static string MeasuredTable(ReportContent content)
    {
        var run = content.Measured!;
        var plan = content.Plan.Cost;
        var predictedSeconds = content.Plan.Solver.Notes.TryGetValue("makespan hours", out var mh) && double.TryParse(mh, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) ? h * 3600 : (double?)null;
        var b = new StringBuilder("<table id=\"reconcile\"><tr><th>quantity</th><th class=\"n\">predicted (plan)</th><th class=\"n\">measured</th></tr>");
        b.Append(CultureInfo.InvariantCulture, $"<tr><td>bytes moved</td><td class=\"n\">{Units.Gb(plan.EgressBytes)}</td><td class=\"n\">{Units.Gb(run.BytesMoved)}</td></tr>");
        b.Append(CultureInfo.InvariantCulture, $"<tr><td>makespan</td><td class=\"n\">{(predictedSeconds is { } p ? Units.Duration(p) : "-")}</td><td class=\"n\">{(run.MakespanSeconds is { } ms ? Units.Duration(ms) : "-")}</td></tr>");
        var mt = run.Totals;
        foreach (var (name, predicted, measured) in Components.Zip(Amounts(plan.Totals), Amounts(mt)))
        {
            var shown = name == "storage" && !run.StorageMeasured ? "not measured" : Units.Usd(measured);
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{name} USD</td><td class=\"n\">{Units.Usd(predicted)}</td><td class=\"n\">{shown}</td></tr>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<tr class=\"total\"><td>total USD{(run.StorageMeasured ? "" : " (storage excluded)")}</td><td class=\"n\">{Units.Usd(run.StorageMeasured ? plan.Totals.TotalUsd : plan.Totals.TotalUsd - plan.Totals.StorageUsd)}</td><td class=\"n\" id=\"measured-usd\" data-usd=\"{Exact(mt.TotalUsd)}\">{Units.Usd(mt.TotalUsd)}</td></tr></table>");
        b.Append("<table><tr><th>node</th><th class=\"n\">predicted runtime</th><th class=\"n\">measured runtime</th><th class=\"n\">predicted USD</th><th class=\"n\">measured USD</th></tr>");
        var measuredNodes = run.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        foreach (var n in plan.Nodes)
        {
            var m = measuredNodes.GetValueOrDefault(n.Node);
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(n.Node)}</td><td class=\"n\">{(n.RuntimeHours is { } h2 ? Units.Duration((double)h2 * 3600) : "-")}</td><td class=\"n\">{(m is null ? "-" : Units.Duration(m.RuntimeSeconds))}</td><td class=\"n\">{Units.Usd(n.ComputeUsd + n.ServicesUsd + n.LlmUsd)}</td><td class=\"n\">{(m is null ? "-" : Units.Usd(m.Usd))}</td></tr>");
        }

        return b.Append("</table>").ToString();
    }

    private static void Section(StringBuilder html, string id, string title, string lead, string body) =>
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\"><h2>{E(title)}</h2><p class=\"lead\">{E(lead)}</p>{body}</section>\n");

    private static string Card(string label, string valueHtml) => $"<div class=\"card\"><div class=\"label\">{E(label)}</div><div class=\"value\">{valueHtml}</div></div>";

    private static string Delta(decimal? usd) => usd is { } v ? (v > 0 ? "+" : "") + Units.Usd(v) : "-";

    private static string Exact(decimal usd) => usd.ToString(CultureInfo.InvariantCulture);

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string E(string s) => SvgWriter.Esc(s);

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
        h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}h3{font-size:15px}
        .lead{color:#555;margin-top:0}.cards{display:flex;gap:12px;flex-wrap:wrap}
        .card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:140px}.card .label{color:#666;font-size:12px}.card .value{font-size:20px;font-weight:600}
        table{border-collapse:collapse;margin:8px 16px 8px 0;font-size:13px;vertical-align:top}th,td{border-bottom:1px solid #e5e5e5;padding:3px 8px;text-align:left}
        th{background:#f3f3f3}.n{text-align:right;font-variant-numeric:tabular-nums}.total td{font-weight:700}.basis{color:#666;font-size:12px}
        .row{display:flex;flex-wrap:wrap;align-items:flex-start;gap:8px}svg{max-width:100%;height:auto;display:block;margin:8px 0}
        footer{margin-top:40px;color:#888;font-size:12px}code{background:#f5f5f5;padding:0 3px}
        """;
}
