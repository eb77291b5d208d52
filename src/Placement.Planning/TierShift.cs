namespace Placement.Planning;

/// <summary>
/// Incremental tier discount for moves of one node (<see cref="LocalSearchSolver"/>) or of a group of nodes
/// (<see cref="ConstraintRepair"/>'s unit moves): keeps the volume of every crossable meter under the current plan,
/// and prices how a move changes the tier discount (<see cref="EgressMeters.TierDiscountUsd"/>) from the volumes of
/// the items and route-backs the moved nodes touch (each listed once).
/// </summary>
internal sealed class TierShift
{
    private readonly PlanningProblem problem;
    private readonly double[] volumes;
    private readonly double[] leaving;
    private readonly double[] entering;
    private readonly EgressMeter[] crossable;

    public TierShift(PlanningProblem problem, int[] nodeLocations)
    {
        this.problem = problem;
        volumes = problem.Meters.Volumes(nodeLocations);
        leaving = new double[volumes.Length];
        entering = new double[volumes.Length];
        crossable = [.. problem.Meters.Crossable];
    }

    /// <summary>The tier discount (zero or negative, USD) of the kept volumes, as <see cref="EgressMeters.TierDiscountUsd"/> prices them.</summary>
    public double DiscountUsd => problem.Meters.TierDiscountUsd(volumes);

    /// <summary>Records the volumes the touched terms put on each meter under the current locations (before a move).</summary>
    public void Leave(int[] nodeLocations, ReadOnlySpan<int> items, ReadOnlySpan<int> routeBacks) => Collect(nodeLocations, items, routeBacks, leaving);

    /// <summary>The change of the tier discount, in USD, if the node moved to where <paramref name="nodeLocations"/> says.</summary>
    public double Enter(int[] nodeLocations, ReadOnlySpan<int> items, ReadOnlySpan<int> routeBacks)
    {
        Collect(nodeLocations, items, routeBacks, entering);
        double shift = 0;
        foreach (var m in crossable)
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
    public void Commit(int[] nodeLocations, ReadOnlySpan<int> items, ReadOnlySpan<int> routeBacks)
    {
        Collect(nodeLocations, items, routeBacks, entering);
        foreach (var m in crossable)
        {
            volumes[m.Index] += entering[m.Index] - leaving[m.Index];
        }
    }

    private void Collect(int[] nodeLocations, ReadOnlySpan<int> items, ReadOnlySpan<int> routeBacks, double[] into)
    {
        // Only crossable meters are ever written (AddItem and AddRouteBack skip the others): clear just those, not
        // the hundreds of meters of a realistic catalogue, once per trial move.
        foreach (var m in crossable)
        {
            into[m.Index] = 0;
        }

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
