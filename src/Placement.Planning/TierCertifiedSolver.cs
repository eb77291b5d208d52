using System.Globalization;
using Placement.Planning.Milp;

namespace Placement.Planning;

/// <summary>
/// Makes a solver that is exact for linear egress rates (the DPs) exact for the bill. When no meter can cross a
/// volume tier the first-tier model is the bill and the inner solver runs as it is. Otherwise it solves two linear
/// models: the first-tier model (every plan's bill is at most its first-tier cost) and the chord relaxation
/// (<see cref="PlanningProblem.ChordModel"/>, whose optimum is a lower bound on the billed optimum). The better bill
/// of the two plans is <c>optimal</c> when the bound meets it (within a micro-dollar), <c>within-gap</c> when it is
/// within <c>--gap</c>; otherwise the problem goes to the tier-exact MILP, warm-started with that plan.
/// </summary>
public sealed class TierCertifiedSolver : ISolver
{
    /// <summary>Wraps a solver exact for linear rates.</summary>
    public TierCertifiedSolver(ISolver inner) => Inner = inner;

    /// <summary>The solver exact for linear rates.</summary>
    public ISolver Inner { get; }

    /// <inheritdoc />
    public string Name => Inner.Name;

    /// <inheritdoc />
    public bool IsExact => Inner.IsExact;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => Inner.Applies(problem.FirstTierModel(), options);

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        if (!problem.Meters.AnyCrossable)
        {
            return Inner.Solve(problem, options);
        }

        // The time limit covers every stage: each solve below gets what the ones before it left.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SolveOptions Left() => options.TimeLimitSeconds is { } total ? options with { TimeLimitSeconds = Math.Max(0.01, total - clock.Elapsed.TotalSeconds) } : options;
        var firstTier = Inner.Solve(problem.FirstTierModel(), options);
        var plans = new List<int[]> { firstTier.Choice! };
        double? bound = null;
        var notes = new Dictionary<string, string>(firstTier.Notes, StringComparer.Ordinal);
        if (problem.HasChordBound)
        {
            var chord = Inner.Solve(problem.ChordModel(), Left());
            plans.Add(chord.Choice!);
            bound = chord.ObjectiveValue;
        }

        var best = plans.MinBy(problem.BilledCostUsd)!;
        var billed = problem.BilledCostUsd(best);
        var text = (bound ?? double.NaN).ToString("0.000000", CultureInfo.InvariantCulture);
        if (bound is { } lb && lb >= billed - Math.Max(1e-6, 1e-7 * Math.Abs(billed)))
        {
            notes["tiers"] = $"billed optimum certified: the chord relaxation's optimum {text} meets the bill of the better linear plan";
            return new SolverOutcome(best, "optimal", billed, Math.Min(lb, billed), notes);
        }

        if (bound is { } within && options.RelativeGap > 0 && within >= billed - (options.RelativeGap * Math.Abs(billed)))
        {
            notes["tiers"] = $"within the gap of the chord relaxation's optimum {text}";
            return new SolverOutcome(best, "within-gap", billed, within, notes);
        }

        var milp = new MilpSolver(new Seed(best)).Solve(problem, Left());
        var handed = new Dictionary<string, string>(milp.Notes, StringComparer.Ordinal)
        {
            ["tiers"] = $"{Name} plans not proven for the bill (chord bound {text}, bill {billed.ToString("0.000000", CultureInfo.InvariantCulture)}): solved by the tier-exact milp, warm-started with the better one",
        };
        var combined = bound is { } b && milp.LowerBound is { } m ? Math.Max(b, m) : milp.LowerBound ?? bound;
        return milp with { Notes = handed, LowerBound = combined is { } c && milp.ObjectiveValue is { } o ? Math.Min(c, o) : combined };
    }

    /// <summary>A warm start that returns a known plan.</summary>
    private sealed class Seed(int[] choice) : ISolver
    {
        public string Name => "seed";

        public bool IsExact => false;

        public bool Applies(PlanningProblem problem, SolveOptions options) => true;

        public SolverOutcome Solve(PlanningProblem problem, SolveOptions options) =>
            new(choice, "heuristic", problem.BilledCostUsd(choice), null, new Dictionary<string, string>());
    }
}
