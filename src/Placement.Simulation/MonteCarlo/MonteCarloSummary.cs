using Placement.Simulation.Results;

namespace Placement.Simulation.MonteCarlo;

/// <summary>
/// Monte Carlo results of one plan: distributions of makespan (seconds), total cost and each cost component
/// (USD) and egress (GB), the share of replicas that completed, every replica's summary, and the full result of
/// replica 0 (for critical path, utilisation and transfers).
/// </summary>
public sealed record MonteCarloSummary(
    int Replicas,
    int MasterSeed,
    double CompletedShare,
    Distribution MakespanSeconds,
    Distribution TotalUsd,
    Distribution ComputeUsd,
    Distribution ServicesUsd,
    Distribution LlmUsd,
    Distribution EgressUsd,
    Distribution StorageUsd,
    Distribution EgressGb,
    IReadOnlyList<ReplicaSummary> Runs,
    SimulationResult First);
