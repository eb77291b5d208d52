using Placement.Core.Costing;
using Placement.Core.Model;

namespace Placement.Planning;

/// <summary>
/// One node of a <see cref="PlanningProblem"/>: its candidates after every location rule (allow, deny, pin,
/// residency, storage) with what each costs to run, the GPUs it occupies and how long it takes.
/// </summary>
/// <param name="Index">Position in <see cref="PlanningProblem.Nodes"/> (topological order).</param>
/// <param name="Node">The scenario node.</param>
/// <param name="Candidates">Kept candidates, ordered by (location, offering).</param>
/// <param name="LocationIndex">Per candidate, the index of its location in <see cref="PlanningProblem.Locations"/>.</param>
/// <param name="RunUsd">Per candidate, compute + services + LLM cost in USD (exact, from <see cref="NodeRunPrice"/>).</param>
/// <param name="Gpus">Per candidate, GPUs it occupies at its location (GPUs per SKU x instance count).</param>
/// <param name="WallClockHours">Per candidate, estimated wall-clock hours.</param>
/// <param name="IsNative">True when the node stores its output at its own location.</param>
public sealed record PlanningNode(
    int Index,
    WorkflowNode Node,
    IReadOnlyList<Candidate> Candidates,
    int[] LocationIndex,
    decimal[] RunUsd,
    int[] Gpus,
    double[] WallClockHours,
    bool IsNative)
{
    /// <summary>Node name.</summary>
    public string Name => Node.Name;

    /// <summary>Distinct location indices of the candidates, ascending.</summary>
    public int[] Locations { get; } = LocationIndex.Distinct().Order().ToArray();
}
