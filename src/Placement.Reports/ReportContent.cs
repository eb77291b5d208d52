using Placement.Core.Costing;
using Placement.Core.Plans;
using Placement.Planning;
using Placement.Simulation.MonteCarlo;

namespace Placement.Reports;

/// <summary>
/// Everything one HTML report shows, computed beforehand (the page builder does no planning or simulation).
/// Optional parts are null or empty and their sections are left out.
/// </summary>
/// <param name="Plan">The plan, priced by the cost model: placement, transfers, storage, totals (USD).</param>
/// <param name="Baselines">The baselines re-priced with the cost model, for the savings section.</param>
/// <param name="Explanations">Per node: the chosen candidate, the best alternative and what switching changes.</param>
/// <param name="Frontier">The cost/makespan frontier, cheapest first; empty when not computed.</param>
/// <param name="Simulation">Monte Carlo results and the Gantt of replica 0; null when not simulated.</param>
/// <param name="Measured">A measured run (executor trace); null when none was given.</param>
public sealed record ReportContent(
    Plan Plan,
    IReadOnlyList<BaselineResult> Baselines,
    IReadOnlyList<NodeExplanation> Explanations,
    IReadOnlyList<FrontierPoint> Frontier,
    SimulatedRun? Simulation,
    MeasuredRun? Measured);

/// <summary>A baseline's plan total and a note (its location, or the constraints it breaks).</summary>
public sealed record BaselineResult(string Name, decimal TotalUsd, string Note);

/// <summary>One point of the cost/makespan frontier.</summary>
/// <param name="CostUsd">Plan total from the cost model, USD.</param>
/// <param name="MakespanHours">Estimated makespan, hours.</param>
/// <param name="Placement">Node=location pairs, for the tooltip.</param>
/// <param name="IsPlan">True when this point is the plan's own placement.</param>
public sealed record FrontierPoint(decimal CostUsd, double MakespanHours, string Placement, bool IsPlan);

/// <summary>One bar of a Gantt chart: a task attempt or a transfer, in seconds from the run's start.</summary>
/// <param name="Lane">Row it is drawn in: the location for a task, <c>from → to</c> for a transfer.</param>
/// <param name="Label">Node or data item name.</param>
/// <param name="StartSeconds">Start, seconds.</param>
/// <param name="EndSeconds">End, seconds (at least the start).</param>
/// <param name="IsTransfer">True for a transfer.</param>
public sealed record GanttBar(string Lane, string Label, double StartSeconds, double EndSeconds, bool IsTransfer);

/// <summary>Monte Carlo results of a plan and the Gantt of its replica 0.</summary>
public sealed record SimulatedRun(MonteCarloSummary Summary, IReadOnlyList<GanttBar> Gantt);

/// <summary>A run measured by an executor: its Gantt, makespan (s), bytes moved, cost totals (USD) and per-node measurements.</summary>
/// <param name="Name">Run id, else the trace's file name.</param>
/// <param name="Gantt">Tasks and transfers as recorded.</param>
/// <param name="MakespanSeconds">Recorded makespan; null when absent.</param>
/// <param name="BytesMoved">Bytes of every recorded transfer.</param>
/// <param name="Totals">Cost totals: the trace's own when it records them, else compute, services and LLM summed over tasks and egress over transfers.</param>
/// <param name="StorageMeasured">False when the totals were summed from tasks and transfers (storage is then not measured, shown as such).</param>
/// <param name="Nodes">Per task with a placement: node, seconds it ran, USD it cost (compute + services + LLM).</param>
public sealed record MeasuredRun(string Name, IReadOnlyList<GanttBar> Gantt, double? MakespanSeconds, long BytesMoved, CostTotals Totals, bool StorageMeasured, IReadOnlyList<MeasuredNode> Nodes)
{
    /// <summary>Reads the measured figures of a trace.</summary>
    public static MeasuredRun From(Placement.Traces.Model.Trace trace, string fallbackName)
    {
        var placed = trace.Tasks.Where(t => t.Placement is not null).ToList();
        var transfers = trace.Run?.Transfers ?? [];
        var totals = trace.Run?.Cost ?? new CostTotals(placed.Sum(t => t.Placement!.Cost.ComputeUsd), placed.Sum(t => t.Placement!.Cost.ServicesUsd),
            placed.Sum(t => t.Placement!.Cost.LlmUsd), transfers.Sum(t => t.CostUsd), 0);
        var nodes = placed.Select(t => new MeasuredNode(t.Id, t.RuntimeSeconds, t.Placement!.Cost.ComputeUsd + t.Placement.Cost.ServicesUsd + t.Placement.Cost.LlmUsd)).ToList();
        return new MeasuredRun(trace.Run?.RunId ?? fallbackName, GanttBars.FromTrace(trace), trace.MakespanSeconds, transfers.Sum(t => t.Bytes), totals, trace.Run?.Cost is not null, nodes);
    }
}

/// <summary>One task of a measured run: how long it ran (s) and what it cost (USD).</summary>
public sealed record MeasuredNode(string Node, double RuntimeSeconds, decimal Usd);
