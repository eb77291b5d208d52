using Placement.Core.Costing;
using Placement.Simulation.Costing;
using Placement.Simulation.Events;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Results;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Engine;

/// <summary>The critical path of a finished replica: back-tracked from the last task through the input that arrived last.</summary>
internal sealed partial class Replica
{
    private List<CriticalStep> CriticalPath()
    {
        var steps = new List<CriticalStep>();
        var last = -1;
        for (var i = 0; i < m.NodeCount; i++)
        {
            if (succeeded[i] && (last < 0 || endAt[i] > endAt[last]))
            {
                last = i;
            }
        }

        // A route-back finishing after every task ends the path.
        if (last >= 0 && m.Nodes[last].RouteBackMove is var rb and >= 0 && !double.IsNaN(moveEnd[rb]))
        {
            steps.Add(Transfer(rb));
        }

        var node = last;
        var guard = 0;
        while (node >= 0 && guard++ <= m.NodeCount)
        {
            steps.Add(new CriticalStep(CriticalStepKind.Task, m.NodeName(node), startAt[node], endAt[node]));
            var item = causeItem[node];
            if (causeMove[node] is var mv and >= 0)
            {
                steps.Add(Transfer(mv));
                item = m.Moves[mv].Item;
            }

            if (item < 0 || item >= m.NodeCount)
            {
                break; // no inputs, or a dataset (stored at time 0)
            }

            if (m.Nodes[item].RouteBackMove is var back and >= 0)
            {
                steps.Add(Transfer(back));
            }

            node = item;
        }

        steps.Reverse();
        return steps;
    }

    private CriticalStep Transfer(int move)
    {
        var (data, from, to, _) = m.Move(move);
        return new CriticalStep(CriticalStepKind.Transfer, $"{data} {from} -> {to}", moveStart[move], moveEnd[move]);
    }
}
