namespace Placement.Planning;

/// <summary>
/// What a move of one node reprices, the rest of the plan unchanged: the items it reads or anchors (their home
/// copy, transfers and staged copies depend on its location), and the route-backs of itself and of the nodes
/// without storage whose home it anchors. Each listed once, items in read order then anchored order (the order
/// the local search sums them in). Shared by <see cref="LocalSearchSolver"/>, <see cref="ConstraintRepair"/> and
/// <see cref="LocalCostDelta"/>.
/// </summary>
internal sealed class MoveFootprint
{
    /// <summary>Indexes the footprint of every node of <paramref name="problem"/>.</summary>
    public MoveFootprint(PlanningProblem problem)
    {
        var n = problem.NodeCount;
        var anchored = new List<int>[n];
        var routeBacks = new List<int>[n];
        for (var v = 0; v < n; v++)
        {
            anchored[v] = [];
            routeBacks[v] = [];
        }

        for (var i = 0; i < problem.Items.Count; i++)
        {
            if (problem.Items[i].AnchorNode >= 0)
            {
                anchored[problem.Items[i].AnchorNode].Add(i);
            }
        }

        foreach (var node in problem.Nodes)
        {
            if (node.IsNative)
            {
                continue;
            }

            routeBacks[node.Index].Add(node.Index);
            if (problem.NodeHomeAnchor[node.Index] is var anchor && anchor >= 0 && anchor != node.Index)
            {
                routeBacks[anchor].Add(node.Index);
            }
        }

        Items = new int[n][];
        RouteBacks = new int[n][];
        for (var v = 0; v < n; v++)
        {
            Items[v] = problem.ReadsOf[v].Select(r => r.Item).Concat(anchored[v]).Distinct().ToArray();
            RouteBacks[v] = routeBacks[v].Distinct().ToArray();
        }
    }

    /// <summary>Per node: the items whose cost (and meter volumes) its move changes.</summary>
    public int[][] Items { get; }

    /// <summary>Per node: the nodes without storage whose route-back its move changes.</summary>
    public int[][] RouteBacks { get; }
}
