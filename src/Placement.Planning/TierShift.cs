namespace Placement.Planning;

/// <summary>
/// Incremental tier discount for single-node moves (<see cref="LocalSearchSolver"/>): keeps the volume of every
/// crossable meter under the current plan, and prices how a move changes the tier discount
/// (<see cref="EgressMeters.TierDiscountUsd"/>) from the volumes of the items and route-backs the node touches.
/// </summary>
internal sealed class TierShift
{
    private readonly PlanningProblem problem;
    private readonly double[] volumes;
    private readonly double[] leaving;
    private readonly double[] entering;

    public TierShift(PlanningProblem problem, int[] nodeLocations)
    {
        this.problem = problem;
        volumes = problem.Meters.Volumes(nodeLocations);
        leaving = new double[volumes.Length];
        entering = new double[volumes.Length];
    }

    /// <summary>Records the volumes the touched terms put on each meter under the current locations (before a move).</summary>
    public void Leave(int[] nodeLocations, int[] items, List<int> routeBacks) => Collect(nodeLocations, items, routeBacks, leaving);

    /// <summary>The change of the tier discount, in USD, if the node moved to where <paramref name="nodeLocations"/> says.</summary>
    public double Enter(int[] nodeLocations, int[] items, List<int> routeBacks)
    {
        Collect(nodeLocations, items, routeBacks, entering);
        double shift = 0;
        foreach (var m in problem.Meters.Crossable)
        {
            var i = m.Index;
            var moved = entering[i] - leaving[i];
            if (moved != 0)
            {
                shift += m.TierDiscountUsd(Math.Max(0, volumes[i] + moved)) - m.TierDiscountUsd(volumes[i]);
            }
        }

        return shift;
    }

    /// <summary>Applies the move to the kept volumes (after the node moved to where <paramref name="nodeLocations"/> says).</summary>
    public void Commit(int[] nodeLocations, int[] items, List<int> routeBacks)
    {
        Collect(nodeLocations, items, routeBacks, entering);
        for (var i = 0; i < volumes.Length; i++)
        {
            volumes[i] += entering[i] - leaving[i];
        }
    }

    private void Collect(int[] nodeLocations, int[] items, List<int> routeBacks, double[] into)
    {
        Array.Clear(into);
        foreach (var i in items)
        {
            problem.Meters.AddItem(problem.Items[i], nodeLocations, 1, into);
        }

        foreach (var w in routeBacks)
        {
            problem.Meters.AddRouteBack(w, nodeLocations, 1, into);
        }
    }
}
