using Placement.Simulation.Results;
using Placement.Traces.Model;

namespace Placement.Reports;

/// <summary>Gantt bars from a simulated replica or from a recorded (executor or simulator) trace.</summary>
public static class GanttBars
{
    /// <summary>One bar per node that ran (its last attempt) and per transfer, in start order.</summary>
    public static IReadOnlyList<GanttBar> FromSimulation(SimulationResult result, IReadOnlyDictionary<string, string> laneOfNode)
    {
        var tasks = result.Nodes.Where(n => n.Attempts > 0 && !double.IsNaN(n.StartSeconds) && !double.IsNaN(n.EndSeconds))
            .Select(n => new GanttBar(laneOfNode.TryGetValue(n.Node, out var lane) ? lane : "?", n.Node, n.StartSeconds, n.EndSeconds, false));
        var moves = result.Transfers.Select(t => new GanttBar($"{t.From} → {t.To}", t.Data, t.StartSeconds, t.EndSeconds, true));
        return Order(tasks.Concat(moves));
    }

    /// <summary>One bar per task with a placement (where it ran, start and end) and per recorded transfer.</summary>
    public static IReadOnlyList<GanttBar> FromTrace(Trace trace)
    {
        var tasks = trace.Tasks.Where(t => t.Placement is not null)
            .Select(t => new GanttBar(t.Placement!.Location.ToString(), t.Id, t.Placement.StartSeconds, Math.Max(t.Placement.StartSeconds, t.Placement.EndSeconds), false));
        var moves = (trace.Run?.Transfers ?? []).Select(t => new GanttBar($"{t.From} → {t.To}", t.Data, t.StartSeconds, Math.Max(t.StartSeconds, t.EndSeconds), true));
        return Order(tasks.Concat(moves));
    }

    private static List<GanttBar> Order(IEnumerable<GanttBar> bars) =>
        bars.OrderBy(b => b.StartSeconds).ThenBy(b => b.Label, StringComparer.Ordinal).ToList();
}
