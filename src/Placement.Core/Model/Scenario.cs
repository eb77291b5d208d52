namespace Placement.Core.Model;

/// <summary>
/// A workflow to place: datasets, nodes, edges, storage defaults and constraints. Immutable; build it with
/// the scenario loader, which checks every rule and reports all problems at once.
/// </summary>
/// <param name="Name">Scenario name, carried into plans.</param>
/// <param name="Description">Free text.</param>
/// <param name="Datasets">Input data items.</param>
/// <param name="Nodes">Workflow steps, in declaration order.</param>
/// <param name="Edges">Data dependencies, in declaration order (the order breaks primary-parent ties).</param>
/// <param name="DefaultStorage">Home for outputs of parentless nodes without storage; null when not declared.</param>
/// <param name="StorageRetentionMonths">How long every stored copy is kept and billed, in months.</param>
/// <param name="Constraints">Scenario-wide constraints.</param>
/// <param name="ContentHash">SHA-256 (lower-case hex) of the scenario text; plans carry it to detect mismatches.</param>
public sealed record Scenario(
    string Name,
    string? Description,
    IReadOnlyList<Dataset> Datasets,
    IReadOnlyList<WorkflowNode> Nodes,
    IReadOnlyList<Edge> Edges,
    Location? DefaultStorage,
    decimal StorageRetentionMonths,
    ScenarioConstraints Constraints,
    string ContentHash);
