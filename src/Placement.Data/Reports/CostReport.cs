using System.Globalization;
using CsvHelper;
using Placement.Core.Costing;
using Placement.Core.Plans;
using Placement.Core.Pricing;
using Placement.Data.Plans;

namespace Placement.Data.Reports;

/// <summary>
/// The cost of a plan as tables (nodes, transfers, storage, totals) and as a CSV cost report. Amounts in
/// tables are USD with 2 decimals (4 for per-unit rates); the CSV keeps the exact micro-dollar lines.
/// </summary>
public static class CostReport
{
    /// <summary>Per-node lines.</summary>
    public static TextTable Nodes(PlanCost cost)
    {
        var t = new TextTable("node", "location", "sku", "storage home", ">compute $", ">services $", ">llm $", "basis");
        foreach (var n in cost.Nodes)
        {
            t.Add(n.Node, n.Location.ToString(), n.Offering, n.StorageHome.ToString(), Usd(n.ComputeUsd), Usd(n.ServicesUsd), Usd(n.LlmUsd), n.Basis);
        }

        return t;
    }

    /// <summary>Transfer lines.</summary>
    public static TextTable Transfers(PlanCost cost)
    {
        var t = new TextTable("data", "from", "to", ">GB", "rule", ">rate $/unit", ">egress $", "read by");
        foreach (var x in cost.Transfers)
        {
            t.Add(x.Data, x.From.ToString(), x.To.ToString(), Gb(x.Bytes), PlanJson.RuleWord(x.Rule), BilledRate(x),
                Usd(x.Usd), x.IsRouteBack ? "(route-back to home)" : string.Join(" ", x.Consumers));
        }

        return t;
    }

    /// <summary>Storage lines.</summary>
    public static TextTable Storage(PlanCost cost)
    {
        var t = new TextTable("data", "location", "copy", ">GB", ">months", ">storage $");
        foreach (var s in cost.Storage)
        {
            t.Add(s.Data, s.Location.ToString(), s.Copy == StorageCopy.Home ? "home" : "staged", Gb(s.Bytes), s.Months.ToString("0.##", CultureInfo.InvariantCulture), Usd(s.Usd));
        }

        return t;
    }

    /// <summary>Totals by component.</summary>
    public static TextTable Totals(CostTotals totals)
    {
        var t = new TextTable("component", ">usd");
        t.Add("compute", Usd(totals.ComputeUsd));
        t.Add("services", Usd(totals.ServicesUsd));
        t.Add("llm", Usd(totals.LlmUsd));
        t.Add("egress", Usd(totals.EgressUsd));
        t.Add("storage", Usd(totals.StorageUsd));
        t.Add("total", Usd(totals.TotalUsd));
        return t;
    }

    /// <summary>The whole report as plain text: the form golden files hold.</summary>
    public static string Text(Plan plan)
    {
        var header = $"Plan for scenario {plan.ScenarioName} (sha256 {plan.ScenarioHash[..Math.Min(12, plan.ScenarioHash.Length)]})"
            + (plan.Solver.IsEmpty ? ", hand-written" : $", solver {plan.Solver.Name} ({plan.Solver.Status})");
        var parts = new List<string>
        {
            header + "\n",
            "Nodes\n" + Nodes(plan.Cost).Render(),
            plan.Cost.Transfers.Count == 0 ? "Transfers\n(none: every consumer runs where its data lives)\n" : "Transfers\n" + Transfers(plan.Cost).Render(),
            "Storage\n" + Storage(plan.Cost).Render(),
            "Totals\n" + Totals(plan.Cost.Totals).Render(),
        };
        return string.Join("\n", parts);
    }

    /// <summary>
    /// The CSV cost report: one row per node, transfer and stored copy, then one <c>total</c> row. Columns
    /// are fixed; amounts are USD with 6 decimals; bytes are exact.
    /// </summary>
    public static string Csv(Plan plan)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "kind", "item", "location", "from", "to", "sku", "bytes", "compute_usd", "services_usd", "llm_usd", "egress_usd", "storage_usd", "total_usd", "basis" })
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            void Row(string kind, string item, string location, string from, string to, string sku, long? bytes, decimal compute, decimal services, decimal llm, decimal egress, decimal storage, string basis)
            {
                foreach (var f in new[] { kind, item, location, from, to, sku, bytes?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Exact(compute), Exact(services), Exact(llm), Exact(egress), Exact(storage), Exact(compute + services + llm + egress + storage), basis })
                {
                    csv.WriteField(f);
                }

                csv.NextRecord();
            }

            foreach (var n in plan.Cost.Nodes)
            {
                Row("node", n.Node, n.Location.ToString(), "", "", n.Offering, null, n.ComputeUsd, n.ServicesUsd, n.LlmUsd, 0, 0, n.Basis);
            }

            foreach (var t in plan.Cost.Transfers)
            {
                Row("transfer", t.Data, "", t.From.ToString(), t.To.ToString(), "", t.Bytes, 0, 0, 0, t.Usd, 0,
                    $"{PlanJson.RuleWord(t.Rule)} {t.UsdPerUnit.ToString(CultureInfo.InvariantCulture)}/{t.Unit}"
                    + (IsTiered(t) ? $" first tier, billed {EffectiveRate(t).ToString("0.000000", CultureInfo.InvariantCulture)}/{t.Unit} (volume tiers)" : ""));
            }

            foreach (var s in plan.Cost.Storage)
            {
                Row("storage", s.Data, s.Location.ToString(), "", "", "", s.Bytes, 0, 0, 0, 0, s.Usd,
                    $"{(s.Copy == StorageCopy.Home ? "home" : "staged")} {s.UsdPerUnitMonth.ToString(CultureInfo.InvariantCulture)}/{s.Unit}-month x {s.Months.ToString(CultureInfo.InvariantCulture)}");
            }

            var c = plan.Cost.Totals;
            Row("total", plan.ScenarioName, "", "", "", "", plan.Cost.EgressBytes, c.ComputeUsd, c.ServicesUsd, c.LlmUsd, c.EgressUsd, c.StorageUsd, "");
        }

        return writer.ToString();
    }

    /// <summary>
    /// The rate a transfer is billed at: its USD over its units (volume tiers applied, so a move past a tier boundary
    /// of its meter, or after earlier moves filled the first tier, is billed below the first-tier rate). Shown with 4
    /// decimals, marked <c>(tiered, first tier R)</c> when it differs from the first-tier rate, so the column times
    /// the volume is the billed dollars beside it.
    /// </summary>
    public static string BilledRate(TransferLine x)
    {
        var rate = $"{EffectiveRate(x).ToString("0.0000", CultureInfo.InvariantCulture)}/{x.Unit}";
        return IsTiered(x) ? $"{rate} (tiered, first tier {x.UsdPerUnit.ToString("0.0000", CultureInfo.InvariantCulture)})" : rate;
    }

    /// <summary>USD per unit billed for a transfer (its first-tier rate when it moves nothing).</summary>
    public static decimal EffectiveRate(TransferLine x)
    {
        var units = x.Unit.FromBytes(x.Bytes);
        return units > 0 ? x.Usd / units : x.UsdPerUnit;
    }

    /// <summary>True when volume tiers billed the transfer below its first-tier rate (beyond the micro-dollar rounding of its line).</summary>
    public static bool IsTiered(TransferLine x) => x.Unit.FromBytes(x.Bytes) * x.UsdPerUnit - x.Usd > 0.000001m;

    /// <summary>USD with 2 decimals, invariant.</summary>
    public static string Usd(decimal usd) => usd.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Bytes as decimal GB (10^9) with 3 decimals.</summary>
    public static string Gb(long bytes) => DataUnits.Gigabytes(bytes).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Exact(decimal usd) => usd.ToString("0.000000", CultureInfo.InvariantCulture);
}
