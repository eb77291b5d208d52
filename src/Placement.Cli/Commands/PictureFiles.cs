using Placement.Core.Plans;
using Placement.Data;
using Placement.Planning;
using Placement.Reports;
using Placement.Reports.Png;
using Placement.Simulation.Results;

namespace Placement.Cli.Commands;

/// <summary>The PNG pictures <c>simulate --gantt-png</c> and <c>plan --pareto --png</c> write (ScottPlot), each atomically.</summary>
internal static class PictureFiles
{
    /// <summary>The Gantt of one simulated replica: a row per location and per route, a bar per task and transfer.</summary>
    public static void Gantt(string path, Plan plan, SimulationResult replica, string title)
    {
        var lanes = plan.Assignment.ToDictionary(p => p.Key, p => p.Value.Location.ToString(), StringComparer.Ordinal);
        AtomicFile.Write(path, PngCharts.Gantt(GanttBars.FromSimulation(replica, lanes), title));
    }

    /// <summary>The cost/makespan frontier with the plan's own point marked.</summary>
    public static void Frontier(string path, PlanningProblem problem, Plan plan, IReadOnlyList<ParetoPoint> points) =>
        AtomicFile.Write(path, PngCharts.Frontier(ReportAnalysis.Frontier(problem, plan, points), $"Cost/makespan frontier of {plan.ScenarioName}"));
}
