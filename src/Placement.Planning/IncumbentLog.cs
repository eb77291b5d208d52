namespace Placement.Planning;

/// <summary>
/// The best plan a solve has found so far and the best lower bound it has proven, published while the solve runs
/// (<see cref="SolveOptions.Incumbents"/>), so a caller that cannot wait any longer (<c>plan --time-limit</c>, whose
/// native branch and bound may not return in time) takes what the solve knows at that moment. Thread-safe: the solve
/// offers on its own thread, the caller reads on another.
/// </summary>
/// <remarks>Only plans meeting every constraint may be offered; costs and bounds are on the billed total (USD).</remarks>
public sealed class IncumbentLog
{
    private readonly Lock gate = new();
    private int[]? choice;
    private double cost = double.PositiveInfinity;
    private double? bound;
    private string stage = "";

    /// <summary>The best feasible plan offered so far, its billed cost, the best bound and the stage that found the plan; null choice when none.</summary>
    public (int[]? Choice, double CostUsd, double? BoundUsd, string Stage) Best
    {
        get
        {
            lock (gate)
            {
                return (choice is null ? null : (int[])choice.Clone(), cost, bound is { } b ? Math.Min(b, cost) : null, stage);
            }
        }
    }

    /// <summary>Offers a feasible plan <paramref name="plan"/> of billed cost <paramref name="costUsd"/>, found by <paramref name="by"/>; kept when cheaper.</summary>
    public void Offer(int[] plan, double costUsd, string by)
    {
        lock (gate)
        {
            if (costUsd < cost)
            {
                (choice, cost, stage) = ((int[])plan.Clone(), costUsd, by);
            }
        }
    }

    /// <summary>Offers a proven lower bound on the billed optimum; kept when higher.</summary>
    public void Bound(double boundUsd)
    {
        lock (gate)
        {
            if (!double.IsNaN(boundUsd) && (bound is null || boundUsd > bound))
            {
                bound = boundUsd;
            }
        }
    }
}
