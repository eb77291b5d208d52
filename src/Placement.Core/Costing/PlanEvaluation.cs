using Placement.Core.Model;

namespace Placement.Core.Costing;

/// <summary>A priced plan with the storage homes and unpriced moves it was priced from (<see cref="CostModel.EvaluateWithMoves"/>).</summary>
/// <param name="Cost">The priced plan, as <see cref="CostModel.Evaluate"/> returns it.</param>
/// <param name="Homes">Home of every data item (node outputs and datasets), as <see cref="CostModel.Homes"/> returns it.</param>
/// <param name="Moves">The moves, sorted by (data, from, to), as <see cref="CostModel.PlanTransfers"/> returns them.</param>
public sealed record PlanEvaluation(PlanCost Cost, IReadOnlyDictionary<string, Location> Homes, IReadOnlyList<PlannedMove> Moves);
