using Placement.Core.Costing;
using Placement.Reports.Svg;

namespace Placement.Reports;

/// <summary>
/// The report's SVG charts one by one, for notebooks and other pages: each returns a standalone
/// <c>&lt;svg&gt;</c> element (no script, no external reference). Amounts in USD, times in seconds.
/// </summary>
public static class Charts
{
    /// <summary>Providers, regions, the nodes placed there and the transfers between them (GB and USD).</summary>
    public static string PlacementMap(PlanCost cost) => PlacementMapSvg.Draw(cost, "placement map");

    /// <summary>Cost per location, stacked by component (compute, services, LLM, egress, storage).</summary>
    public static string CostByLocation(PlanCost cost) => BarsSvg.Draw(HtmlReport.ByLocation(cost), HtmlReport.Components, "cost by location");

    /// <summary>One stacked bar per labelled placement, split by component (compute, services, LLM, egress, storage).</summary>
    public static string Breakdown(IReadOnlyList<(string Label, CostTotals Totals)> rows) =>
        BarsSvg.Draw(rows.Select(r => (r.Label, (IReadOnlyList<(int, decimal)>)HtmlReport.Amounts(r.Totals).Select((v, i) => (i, v)).ToList())).ToList(), HtmlReport.Components, "cost breakdown");

    /// <summary>One bar per labelled total (e.g. a plan and its baselines); <paramref name="highlight"/> is printed bold.</summary>
    public static string Totals(IReadOnlyList<(string Label, decimal Usd)> rows, string? highlight = null) =>
        BarsSvg.Draw(rows.Select(r => (r.Label, (IReadOnlyList<(int, decimal)>)[(0, r.Usd)])).ToList(), ["total"], "totals", highlight);

    /// <summary>A histogram of values with mean and p95 markers.</summary>
    public static string Histogram(IReadOnlyList<double> values, string axis, string colour = "#4e79a7")
    {
        var sorted = values.Order().ToArray();
        var p95 = sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * 0.95) - 1, 0, sorted.Length - 1)];
        return HistogramSvg.Draw(values, axis, axis, values.Average(), p95, colour);
    }

    /// <summary>The cost/makespan frontier with the plan's own point marked.</summary>
    public static string Frontier(IReadOnlyList<FrontierPoint> points) => FrontierSvg.Draw(points, "pareto frontier");

    /// <summary>A Gantt of tasks and transfers.</summary>
    public static string Gantt(IReadOnlyList<GanttBar> bars) => GanttSvg.Draw(bars, "gantt");
}
