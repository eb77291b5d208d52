using System.Globalization;
using CsvHelper;
using Placement.Data.Reports;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Results;

namespace Placement.Cli.Commands;

/// <summary>Tables and CSV of simulation results (invariant numbers, so golden files are stable).</summary>
internal static class SimulationReport
{
    public static TextTable Outcomes(MonteCarloSummary s)
    {
        var t = new TextTable("quantity", ">mean [95% CI]", ">p50 [95% CI]", ">p95 [95% CI]", ">p99 [95% CI]");
        void Row(string name, Distribution d, double scale, string format) => t.Add(name,
            Cell(d.Mean, scale, format), Cell(d.P50, scale, format), Cell(d.P95, scale, format), Cell(d.P99, scale, format));
        var m = s.MakespanSeconds;
        var unit = DurationText.UnitFor([m.Mean.Value, m.P50.Value, m.P95.Value, m.P99.Value, m.P99.High]);
        string Time(Estimate e) => e.Low == e.High ? DurationText.Number(e.Value, unit) : $"{DurationText.Number(e.Value, unit)} [{DurationText.Number(e.Low, unit)}, {DurationText.Number(e.High, unit)}]";
        t.Add($"makespan ({unit.Symbol})", Time(m.Mean), Time(m.P50), Time(m.P95), Time(m.P99));
        Row("total (USD)", s.TotalUsd, 1, "0.00");
        Row("compute (USD)", s.ComputeUsd, 1, "0.00");
        Row("services (USD)", s.ServicesUsd, 1, "0.00");
        Row("llm (USD)", s.LlmUsd, 1, "0.00");
        Row("egress (USD)", s.EgressUsd, 1, "0.00");
        Row("storage (USD)", s.StorageUsd, 1, "0.00");
        Row("egress (GB)", s.EgressGb, 1, "0.000");
        return t;
    }

    public static TextTable Locations(SimulationResult r)
    {
        var busy = DurationText.UnitFor(r.Locations.Select(l => l.BusySeconds));
        var wait = DurationText.UnitFor(r.Locations.Select(l => l.QueueWaitSeconds));
        var maxWait = DurationText.UnitFor(r.Locations.Select(l => l.MaxQueueWaitSeconds));
        var t = new TextTable("location", ">slots", ">tasks", $">busy {busy.Symbol}", ">peak", ">utilisation", $">queue wait {wait.Symbol}", $">max wait {maxWait.Symbol}");
        foreach (var l in r.Locations)
        {
            t.Add(l.Location.ToString(), l.Slots?.ToString(CultureInfo.InvariantCulture) ?? "unlimited", N(l.TasksRun), DurationText.Number(l.BusySeconds, busy),
                N(l.PeakConcurrent), l.Utilisation is { } u ? F(u * 100, "0.0") + " %" : "-", DurationText.Number(l.QueueWaitSeconds, wait), DurationText.Number(l.MaxQueueWaitSeconds, maxWait));
        }

        return t;
    }

    public static TextTable CriticalPath(SimulationResult r)
    {
        // Timestamps stay in seconds: a short transfer between two long tasks must still show.
        var t = new TextTable(">step", "kind", "name", ">start s", ">end s");
        var i = 1;
        foreach (var s in r.CriticalPath)
        {
            t.Add(N(i++), s.Kind == CriticalStepKind.Task ? "task" : "transfer", s.Name, F(s.StartSeconds, "0.0"), F(s.EndSeconds, "0.0"));
        }

        return t;
    }

    public static TextTable Compare(IReadOnlyList<(string Plan, decimal Planned, MonteCarloSummary S)> rows)
    {
        var unit = DurationText.UnitFor(rows.SelectMany(r => new[] { r.S.MakespanSeconds.P50.Value, r.S.MakespanSeconds.P95.Value }));
        var t = new TextTable("plan", ">planned USD", ">cost p50", ">cost p95", $">makespan p50 {unit.Symbol}", $">makespan p95 {unit.Symbol}", ">egress GB",
            ">compute", ">services", ">llm", ">egress", ">storage", ">completed");
        foreach (var (plan, planned, s) in rows)
        {
            t.Add(plan, planned.ToString("0.00", CultureInfo.InvariantCulture), F(s.TotalUsd.P50.Value, "0.00"), F(s.TotalUsd.P95.Value, "0.00"),
                DurationText.Number(s.MakespanSeconds.P50.Value, unit), DurationText.Number(s.MakespanSeconds.P95.Value, unit), F(s.EgressGb.Mean.Value, "0.000"),
                F(s.ComputeUsd.Mean.Value, "0.00"), F(s.ServicesUsd.Mean.Value, "0.00"), F(s.LlmUsd.Mean.Value, "0.00"),
                F(s.EgressUsd.Mean.Value, "0.00"), F(s.StorageUsd.Mean.Value, "0.00"), F(s.CompletedShare * 100, "0.0") + " %");
        }

        return t;
    }

    /// <summary>The comparison as CSV: one row per plan; amounts in USD and times in seconds, 6 decimals.</summary>
    public static string CompareCsv(IReadOnlyList<(string Plan, decimal Planned, MonteCarloSummary S)> rows)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            string[] headers =
            [
                "plan", "replicas", "seed", "completed_share", "planned_total_usd", "total_usd_mean", "total_usd_p50", "total_usd_p95", "total_usd_p99",
                "makespan_s_mean", "makespan_s_p50", "makespan_s_p95", "makespan_s_p99", "egress_gb_mean",
                "compute_usd_mean", "services_usd_mean", "llm_usd_mean", "egress_usd_mean", "storage_usd_mean",
            ];
            foreach (var h in headers)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var (plan, planned, s) in rows)
            {
                var fields = new[]
                {
                    plan, N(s.Replicas), N(s.MasterSeed), F(s.CompletedShare, "0.######"), planned.ToString("0.000000", CultureInfo.InvariantCulture),
                    E(s.TotalUsd.Mean.Value), E(s.TotalUsd.P50.Value), E(s.TotalUsd.P95.Value), E(s.TotalUsd.P99.Value),
                    E(s.MakespanSeconds.Mean.Value), E(s.MakespanSeconds.P50.Value), E(s.MakespanSeconds.P95.Value), E(s.MakespanSeconds.P99.Value),
                    E(s.EgressGb.Mean.Value), E(s.ComputeUsd.Mean.Value), E(s.ServicesUsd.Mean.Value), E(s.LlmUsd.Mean.Value),
                    E(s.EgressUsd.Mean.Value), E(s.StorageUsd.Mean.Value),
                };
                foreach (var f in fields)
                {
                    csv.WriteField(f);
                }

                csv.NextRecord();
            }
        }

        return writer.ToString();
    }

    private static string Cell(Estimate e, double scale, string format) =>
        e.Low == e.High ? F(e.Value * scale, format) : $"{F(e.Value * scale, format)} [{F(e.Low * scale, format)}, {F(e.High * scale, format)}]";

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string E(double v) => v.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);
}
