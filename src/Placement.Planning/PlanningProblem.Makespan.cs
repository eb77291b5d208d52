namespace Placement.Planning;

/// <summary>The estimated makespan of a choice in a <see cref="PlanningProblem"/>.</summary>
public sealed partial class PlanningProblem
{
    /// <summary>
    /// Estimated makespan in hours of a choice: the critical path with unlimited capacity, where a node starts
    /// when every input has moved from its home to the node's location, and a node without storage's output is
    /// ready once routed back to its home.
    /// </summary>
    public double MakespanHours(int[] choice)
    {
        var loc = NodeLocations(choice);

        // A node's output items (one, or one per group of parts) are ready when the node is done.
        var done = new double[NodeCount];
        double makespan = 0;
        foreach (var n in Nodes)
        {
            double start = 0;
            foreach (var (item, bytes) in ReadsOf[n.Index])
            {
                var i = Items[item];
                var home = HomeOf(i, loc);
                start = Math.Max(start, (i.Producer >= 0 ? done[i.Producer] : 0) + TransferSeconds(home, loc[n.Index], bytes) / 3600.0);
            }

            var finish = start + n.WallClockHours[choice[n.Index]];
            if (!n.IsNative)
            {
                var home = NodeFixedHome[n.Index] >= 0 ? NodeFixedHome[n.Index] : loc[NodeHomeAnchor[n.Index]];
                finish += TransferSeconds(loc[n.Index], home, n.Node.OutputBytes) / 3600.0;
            }

            done[n.Index] = finish;
            makespan = Math.Max(makespan, finish);
        }

        return makespan;
    }
}
