using System.Globalization;

namespace Placement.Planning.Milp;

/// <summary>
/// The exact planner: a mixed-integer program solved by COIN-OR CBC. One binary per (node, candidate);
/// per data item and destination location one transfer column bounded below by every reader's read, so
/// fan-out to one location pays once and the largest read there is what moves; homes of nodes without storage
/// follow their anchor; staged copies are charged where a native reader sits; GPU caps, colocate,
/// anti-affinity, budget and deadline are rows.
/// </summary>
/// <remarks>
/// The objective is the billed cost <see cref="PlanningProblem.BilledCostUsd"/> exactly: first-tier egress rates
/// for moves whose meter cannot cross a volume tier, and the tier rows of <see cref="TierRows"/> for the rest, so
/// a reported optimum, bound and gap are about the bill. Products of a
/// home indicator and a reader's location indicator are linearised per reader with
/// <c>t &gt;= bytes x (sum_H rate(H, L) home_H - maxRate x (1 - at_L))</c>, which is exact at integer points.
/// </remarks>
public sealed class MilpSolver : ISolver
{
    private readonly ISolver? warmStart;
    private readonly MilpFormulation formulation;
    private readonly IBranchAndBoundEngine? engine;

    /// <summary>Creates the solver; <paramref name="warmStart"/> (e.g. local search) seeds CBC with a feasible plan.</summary>
    public MilpSolver(ISolver? warmStart = null, MilpFormulation formulation = MilpFormulation.RateLevels)
    {
        this.warmStart = warmStart;
        this.formulation = formulation;
    }

    /// <summary>Creates the solver with a given branch-and-bound engine, whatever <see cref="SolveOptions.Engine"/> says (tests, bench probes).</summary>
    internal MilpSolver(ISolver? warmStart, MilpFormulation formulation, IBranchAndBoundEngine engine)
        : this(warmStart, formulation)
    {
        this.engine = engine;
    }

    /// <inheritdoc />
    public string Name => "milp";

    /// <inheritdoc />
    public bool IsExact => true;

    /// <inheritdoc />
    public bool Applies(PlanningProblem problem, SolveOptions options) => true;

    /// <inheritdoc />
    public SolverOutcome Solve(PlanningProblem problem, SolveOptions options)
    {
        // --time-limit counts from here: building the model and the warm start are part of the solve.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double? Remaining() => options.TimeLimitSeconds is { } total ? Math.Max(0.01, total - clock.Elapsed.TotalSeconds) : null;
        var f = new Formulation(problem, formulation);
        var engine = this.engine ?? BranchAndBoundEngines.For(options.Engine, problem);
        f.BuildCost();
        var needTime = options.Objective == PlanningObjective.Time || problem.Constraints.DeadlineHours is not null;
        var makespan = needTime ? f.BuildTime() : -1;
        f.BuildConstraints();
        if (problem.Constraints.DeadlineHours is { } deadline)
        {
            f.Lp.AddRow([(makespan, 1.0)], double.NegativeInfinity, (double)deadline);
        }

        var costObjective = f.Lp.Objective;
        if (problem.Constraints.BudgetUsd is { } budget)
        {
            f.Lp.AddRow(costObjective.Select((v, i) => (i, v)).Where(p => p.v != 0), double.NegativeInfinity, (double)budget - f.Lp.ObjectiveConstant);
        }

        (int[] Columns, double[] Values)? start = null;
        int[]? seedChoice = null;
        double seedCost = 0;
        if (warmStart is not null && options.Objective == PlanningObjective.Cost)
        {
            var seed = warmStart.Solve(problem, options with { TimeLimitSeconds = null });
            if (seed.Choice is { } sc && problem.IsFeasible(sc))
            {
                start = f.StartValues(sc);
                seedChoice = sc;
                seedCost = problem.BilledCostUsd(sc);
            }
        }

        var notes = new Dictionary<string, string>
        {
            ["columns"] = f.Lp.Columns.ToString(CultureInfo.InvariantCulture),
            ["rows"] = f.Lp.Rows.ToString(CultureInfo.InvariantCulture),
            ["branch-and-bound"] = engine.Name,
            ["nonzeros"] = f.Lp.NonZeros.ToString(CultureInfo.InvariantCulture),
            ["egress"] = f.Tiers.MetersModelled == 0
                ? "no plan can cross a volume tier: first-tier rates are the bill"
                : $"volume tiers exact: {f.Tiers.MetersModelled.ToString(CultureInfo.InvariantCulture)} meters with {f.Tiers.Binaries.ToString(CultureInfo.InvariantCulture)} tier binaries",
        };

        if (options.Objective == PlanningObjective.Time)
        {
            // Lexicographic: minimise the makespan, then the cost among plans within 1e-6 h of it.
            var timeLp = f.WithObjective(makespan);
            var first = engine.Solve(timeLp, Remaining(), options.RelativeGap, null);
            if (first.Values is null)
            {
                return SolverOutcome.Infeasible(notes);
            }

            var best = first.Values[makespan];
            f.Lp.AddRow([(makespan, 1.0)], double.NegativeInfinity, best + 1e-6);
            var second = engine.Solve(f.Lp, Remaining(), options.RelativeGap, null);
            var values = second.Values ?? first.Values;
            var choiceT = f.ChoiceOf(values);
            return new SolverOutcome(choiceT, first.Optimal ? "optimal" : "time-limit", problem.MakespanHours(choiceT), first.Bound, notes);
        }

        double? lpBound = null;
        if (seedChoice is not null && !needTime)
        {
            // Before branch and bound: often the LP relaxation alone proves the warm start optimal, or within the
            // requested gap, at a fraction of CBC's cost (CBC would solve the same LP first, with no time limit).
            var proof = LpBoundEngine.Prove(f.Lp, Target(seedCost, options.RelativeGap) - f.Lp.ObjectiveConstant, Remaining());
            notes["lp-bound"] = $"{proof.Iterations.ToString(CultureInfo.InvariantCulture)} dual simplex iterations{(proof.LpOptimal ? ", LP optimal" : string.Empty)}";
            if (proof.Primal is { } relaxed && f.ChoiceOf(relaxed) is var rounded && problem.IsFeasible(rounded) && problem.BilledCostUsd(rounded) is var roundedCost && roundedCost < seedCost)
            {
                // The relaxation is often integral, or nearly: its rounding beats the warm start and may meet the bound.
                notes["lp-rounding"] = $"the rounded LP solution improved the warm start from {seedCost.ToString("0.000000", CultureInfo.InvariantCulture)} to {roundedCost.ToString("0.000000", CultureInfo.InvariantCulture)}";
                (seedChoice, seedCost, start) = (rounded, roundedCost, f.StartValues(rounded));
            }

            if (!double.IsNegativeInfinity(proof.Bound))
            {
                lpBound = Math.Min(seedCost, proof.Bound + f.Lp.ObjectiveConstant);
            }

            if (lpBound is { } proven && proven >= Target(seedCost, options.RelativeGap))
            {
                var optimal = proven >= Target(seedCost, 0);
                return new SolverOutcome(seedChoice, optimal ? "optimal" : "within-gap", seedCost, optimal ? seedCost : proven, notes);
            }

            if (lpBound is not null && proof.ReducedCosts is { } reduced)
            {
                notes["reduced-cost-fixing"] = $"{f.FixWorseThan(seedCost, proof.Bound + f.Lp.ObjectiveConstant, reduced).ToString(CultureInfo.InvariantCulture)} of {f.CandidateColumns.ToString(CultureInfo.InvariantCulture)} candidate columns fixed to 0";
            }

            if (options.TimeLimitSeconds is { } limit && clock.Elapsed.TotalSeconds >= limit)
            {
                notes["fallback"] = "the time limit passed while proving the LP bound; the warm-start plan is returned";
                return new SolverOutcome(seedChoice, "time-limit", seedCost, lpBound, notes);
            }
        }

        var result = engine.Solve(f.Lp, Remaining(), options.RelativeGap, start);
        if (result.Values is null && seedChoice is not null)
        {
            // CBC stopped before accepting any plan (a time limit hit during preprocessing even reports
            // "infeasible"); the warm start is a feasible plan, so return it with the bound CBC proved, if any.
            notes["fallback"] = $"{engine.Name} found no plan within its limits; the warm-start plan is returned";
            var proven = result.Infeasible || double.IsNaN(result.Bound) ? lpBound : Math.Min(seedCost, Math.Max(result.Bound + f.Lp.ObjectiveConstant, lpBound ?? double.NegativeInfinity));
            return new SolverOutcome(seedChoice, "time-limit", seedCost, proven, notes);
        }

        if (result.Values is null)
        {
            return result.Infeasible || !result.TimeLimitReached
                ? SolverOutcome.Infeasible(notes)
                : new SolverOutcome(null, "time-limit", null, result.Bound + f.Lp.ObjectiveConstant, notes);
        }

        var choice = f.ChoiceOf(result.Values);
        var status = result.Optimal ? "optimal" : result.TimeLimitReached ? "time-limit" : "feasible";
        var bound = result.Optimal ? result.Objective : Math.Min(result.Bound, result.Objective);
        var objective = result.Objective + f.Lp.ObjectiveConstant;
        return new SolverOutcome(choice, status, objective, Math.Min(objective, Math.Max(bound + f.Lp.ObjectiveConstant, lpBound ?? double.NegativeInfinity)), notes);
    }

    /// <summary>
    /// The bound that proves a plan of cost <paramref name="cost"/> within <paramref name="relativeGap"/>; with no
    /// gap, within a micro-dollar (the cost model's resolution) or 1e-7 of the cost, whichever is larger.
    /// </summary>
    private static double Target(double cost, double relativeGap) =>
        relativeGap > 0 ? cost - (relativeGap * Math.Abs(cost)) : cost - Resolution(cost);

    /// <summary>How far below a plan's cost a bound may stay and still prove it optimal: a micro-dollar or 1e-7 of the cost.</summary>
    private static double Resolution(double cost) => Math.Max(1e-6, 1e-7 * Math.Abs(cost));

    /// <summary>Builds the columns and rows of the MILP for one problem.</summary>
    private sealed class Formulation
    {
        private readonly PlanningProblem p;
        private readonly int[][] x;
        private readonly Dictionary<int, (int Column, double Weight)[]>[] at;
        private readonly MilpFormulation kind;
        private readonly TierRows tiers;

        public Formulation(PlanningProblem problem, MilpFormulation kind)
        {
            p = problem;
            this.kind = kind;
            Lp = new LinearModel();
            tiers = new TierRows(Lp, problem.Meters);
            x = new int[p.NodeCount][];
            at = new Dictionary<int, (int, double)[]>[p.NodeCount];
            foreach (var n in p.Nodes)
            {
                x[n.Index] = new int[n.Candidates.Count];
                for (var c = 0; c < n.Candidates.Count; c++)
                {
                    x[n.Index][c] = Lp.AddColumn(0, 1, (double)n.RunUsd[c], true);
                }

                Lp.AddRow(x[n.Index].Select(col => (col, 1.0)), 1, 1);
                at[n.Index] = Enumerable.Range(0, n.Candidates.Count).GroupBy(c => n.LocationIndex[c])
                    .ToDictionary(g => g.Key, g => LocationIndicator(g.Select(c => x[n.Index][c]).ToArray()));
            }
        }

        public LinearModel Lp { get; private set; }

        /// <summary>The volume-tier part of the model (empty when no meter can cross a tier).</summary>
        public TierRows Tiers => tiers;

        /// <summary>First-tier egress in USD per byte of a move whose meter cannot cross a tier; 0 when the move's egress is priced by <see cref="TierRows"/>.</summary>
        private double FlatEgress(int from, int to) => tiers.Owns(from, to) ? 0 : p.EgressUsdPerByte(from, to);

        /// <summary>
        /// The terms of "node at this location": the candidate's binary when one SKU is there; with several, under
        /// <see cref="MilpFormulation.RateLevels"/>, one continuous column tied to the sum of their binaries, so
        /// every row that needs the indicator carries one coefficient instead of one per SKU.
        /// </summary>
        private (int Column, double Weight)[] LocationIndicator(int[] columns)
        {
            if (columns.Length == 1 || kind == MilpFormulation.BigM)
            {
                return columns.Select(c => (c, 1.0)).ToArray();
            }

            var indicator = Lp.AddColumn(0, 1, 0, false);
            Lp.AddRow(columns.Select(c => (c, -1.0)).Append((indicator, 1.0)), 0, 0);
            return [(indicator, 1.0)];
        }

        /// <summary>
        /// An upper bound for a cost column: the most it can be worth at any integer point, with room for rounding.
        /// Finite bounds let the LP bound stage certify its bound (<see cref="LpBoundEngine"/>) and never cut a plan.
        /// </summary>
        private static double Ceiling(double most) => most * (1 + 1e-6) + 1e-9;

        /// <summary>Terms of the indicator "node v is at location L" (empty when it cannot be).</summary>
        private (int Column, double Weight)[] At(int v, int location) => at[v].TryGetValue(location, out var t) ? t : [];

        private IEnumerable<(int Column, double Weight)> Scaled(IEnumerable<(int Column, double Weight)> terms, double k) => terms.Select(t => (t.Column, t.Weight * k));

        /// <summary>Possible homes of an item: (location, indicator terms); a fixed home has no terms (constant 1).</summary>
        private IEnumerable<int> HomeLocations(int anchor, int fixedHome) => anchor >= 0 ? p.Nodes[anchor].Locations : [fixedHome];

        public void BuildCost()
        {
            foreach (var n in p.Nodes.Where(n => !n.IsNative && n.Node.OutputBytes > 0))
            {
                RouteBack(n.Index);
            }

            foreach (var item in p.Items)
            {
                HomeCopy(item);
                if (item.Readers.Count > 0)
                {
                    Transfers(item);
                }
            }

            tiers.Finish();
        }

        private void HomeCopy(DataItem item)
        {
            if (item.Bytes <= 0)
            {
                return;
            }

            if (item.AnchorNode < 0)
            {
                var s = p.StorageUsdPerByte(item.FixedHome);
                Lp.ObjectiveConstant += double.IsNaN(s) ? 0 : item.Bytes * s;
                return;
            }

            var a = p.Nodes[item.AnchorNode];
            for (var c = 0; c < a.Candidates.Count; c++)
            {
                var s = p.StorageUsdPerByte(a.LocationIndex[c]);
                Lp.AddCost(x[a.Index][c], double.IsNaN(s) ? 0 : item.Bytes * s);
            }
        }

        private void RouteBack(int v)
        {
            var n = p.Nodes[v];
            var bytes = n.Node.OutputBytes;
            if (p.NodeFixedHome[v] >= 0)
            {
                var fixedHome = p.NodeFixedHome[v];
                for (var c = 0; c < n.Candidates.Count; c++)
                {
                    Lp.AddCost(x[v][c], bytes * FlatEgress(n.LocationIndex[c], fixedHome));
                }

                foreach (var l in n.Locations.Where(l => tiers.Owns(l, fixedHome)))
                {
                    tiers.AddPairedMove(p.Meters.MeterOf(l, fixedHome), [], At(v, l), bytes);
                }

                return;
            }

            var anchor = p.NodeHomeAnchor[v];
            var homes = p.Nodes[anchor].Locations;
            foreach (var l in n.Locations)
            {
                // The anchor is at one place: per meter out of l, one column over all the homes it bills.
                foreach (var group in homes.Where(h => tiers.Owns(l, h)).GroupBy(h => p.Meters.MeterOf(l, h)))
                {
                    tiers.AddPairedMove(group.Key, At(v, l), group.SelectMany(h => At(anchor, h)).ToArray(), bytes);
                }
            }

            if (n.Locations.All(l => homes.All(h => FlatEgress(l, h) == 0)))
            {
                return;
            }

            var rb = Lp.AddColumn(0, Ceiling(bytes * n.Locations.Max(l => homes.Max(h => FlatEgress(l, h)))), 1, false);
            foreach (var l in n.Locations)
            {
                var max = homes.Max(h => FlatEgress(l, h));
                var terms = new List<(int, double)> { (rb, 1) };
                foreach (var h in homes)
                {
                    terms.AddRange(Scaled(At(anchor, h), -bytes * FlatEgress(l, h)));
                }

                terms.AddRange(Scaled(At(v, l), -bytes * max));
                Lp.AddRow(terms, -bytes * max, double.PositiveInfinity);
            }
        }

        private void Transfers(DataItem item)
        {
            var homes = HomeLocations(item.AnchorNode, item.FixedHome).ToArray();
            var readers = item.Readers.GroupBy(r => r.Node).Select(g => (Node: g.Key, Bytes: g.Max(r => r.Bytes))).ToList();
            var single = readers.Count == 1;
            if (single)
            {
                // One reader is at one place: per (home, meter) one volume column over every destination the meter bills.
                var r = readers[0];
                foreach (var h in homes)
                {
                    var homeAt = item.AnchorNode >= 0 ? At(item.AnchorNode, h) : [];
                    foreach (var group in p.Nodes[r.Node].Locations.Where(l => l != h && tiers.Owns(h, l)).GroupBy(l => p.Meters.MeterOf(h, l)))
                    {
                        tiers.AddPairedMove(group.Key, homeAt, group.SelectMany(l => At(r.Node, l)).ToArray(), r.Bytes);
                    }
                }
            }

            foreach (var l in readers.SelectMany(r => p.Nodes[r.Node].Locations).Distinct().Order())
            {
                var here = readers.Where(r => at[r.Node].ContainsKey(l)).ToList();

                // When every reader that can run at l has storage, the staged copy is the transfer's twin (same
                // bytes, same condition), so its rate joins the egress rate and needs no rows of its own.
                var storage = p.StorageUsdPerByte(l);
                if (here.All(r => p.Nodes[r.Node].IsNative) && !double.IsNaN(storage))
                {
                    Egress(item, homes, l, here.Where(r => r.Bytes > 0).ToList(), storage, single);
                }
                else
                {
                    Egress(item, homes, l, here.Where(r => r.Bytes > 0).ToList(), 0, single);
                    Staged(item, l, here);
                }
            }
        }

        /// <summary>
        /// One column per (item, destination): for every reader r that can be at l,
        /// <c>y &gt;= bytes_r x (rate(home, l) if r is at l)</c>, so y pays the largest read there, once.
        /// </summary>
        private void Egress(DataItem item, int[] homes, int l, List<(int Node, long Bytes)> readers, double stagedRate, bool tiersDone)
        {
            if (readers.Count == 0)
            {
                return;
            }

            // Moves on a meter that can cross a volume tier are priced by the tier rows; the rest here.
            foreach (var h in homes.Where(h => !tiersDone && h != l && tiers.Owns(h, l)))
            {
                tiers.AddMove(h, l, item.AnchorNode >= 0 ? At(item.AnchorNode, h) : [], readers.Select(r => (At(r.Node, l), r.Bytes)));
            }

            // USD per byte moved from home h to l, plus the staged copy at l when it is charged with the move.
            double Rate(int h) => h == l ? 0 : FlatEgress(h, l) + stagedRate;
            if (item.AnchorNode < 0)
            {
                var rate = Rate(item.FixedHome);
                if (rate == 0)
                {
                    return;
                }

                if (readers.Count == 1)
                {
                    foreach (var (col, w) in At(readers[0].Node, l))
                    {
                        Lp.AddCost(col, readers[0].Bytes * rate * w);
                    }

                    return;
                }

                var t = Lp.AddColumn(0, Ceiling(readers.Max(r => r.Bytes) * rate), 1, false);
                foreach (var r in readers)
                {
                    Lp.AddRow(Scaled(At(r.Node, l), -r.Bytes * rate).Append((t, 1)), 0, double.PositiveInfinity);
                }

                return;
            }

            var max = homes.Max(Rate);
            if (max == 0)
            {
                return;
            }

            if (kind == MilpFormulation.RateLevels)
            {
                EgressByLevels(item.AnchorNode, homes, l, readers, Rate);
                return;
            }

            // rate = sum_H rate(H, l) x home(H), in USD per GB so coefficients stay well scaled for CBC (its
            // tolerances drop coefficients near 1e-10, which a rate per byte is); shared by every reader's row
            // through one column when there are several.
            const double BytesPerGb = 1e9;
            var rateTerms = homes.SelectMany(h => Scaled(At(item.AnchorNode, h), Rate(h) * BytesPerGb)).ToList();
            if (readers.Count > 1)
            {
                var rateColumn = Lp.AddColumn(0, Ceiling(max * BytesPerGb), 0, false);
                Lp.AddRow(Scaled(rateTerms, -1).Append((rateColumn, 1.0)), 0, 0);
                rateTerms = [(rateColumn, 1.0)];
            }

            var y = Lp.AddColumn(0, Ceiling(readers.Max(r => r.Bytes) * max), 1, false);
            foreach (var r in readers)
            {
                var terms = new List<(int, double)> { (y, 1) };
                terms.AddRange(Scaled(rateTerms, -r.Bytes / BytesPerGb));
                terms.AddRange(Scaled(At(r.Node, l), -r.Bytes * max));
                Lp.AddRow(terms, -r.Bytes * max, double.PositiveInfinity);
            }
        }

        /// <summary>
        /// The move of an item whose home is an anchor node's location to destination l, by rate levels. The rate
        /// from home H to l is a staircase over H: <c>rate(H) = sum_j delta_j [rate(H) &gt;= v_j]</c> for its distinct
        /// positive values <c>v_1 &lt; v_2 &lt; ...</c>. Per level one column <c>w_j</c> (GB) pays <c>delta_j</c> per GB, with
        /// <c>w_j &gt;= bytes_r (at(r, l) - sum of home(H) over H cheaper than v_j)</c> for every reader r: the product
        /// of "r is at l" and "the home is at least that dear" written as its convex hull's lower face. At integer
        /// points the levels add up to the true rate times the largest read at l; and when the home is decided but
        /// the readers are split fractionally, the LP already pays the exact expected cost, where a big-M row
        /// pays nothing. That is what makes the relaxation tight enough to skip most of branch and bound.
        /// </summary>
        private void EgressByLevels(int anchor, int[] homes, int l, List<(int Node, long Bytes)> readers, Func<int, double> rate)
        {
            const double BytesPerGb = 1e9;
            var largest = readers.Max(r => r.Bytes) / BytesPerGb;
            var previous = 0.0;
            foreach (var level in homes.Select(rate).Where(v => v > 0).Distinct().Order())
            {
                var cheaper = homes.Where(h => rate(h) < level).SelectMany(h => At(anchor, h)).ToList();
                var w = Lp.AddColumn(0, Ceiling(largest), (level - previous) * BytesPerGb, false);
                previous = level;
                foreach (var r in readers)
                {
                    var gb = r.Bytes / BytesPerGb;
                    Lp.AddRow(Scaled(At(r.Node, l), -gb).Concat(Scaled(cheaper, gb)).Append((w, 1.0)), 0, double.PositiveInfinity);
                }
            }
        }

        /// <summary>
        /// The staged copy at l: the largest read of a native reader there, when the home is not there (readers
        /// without storage stream and stage nothing). Each native reader q bounds it by its own read.
        /// </summary>
        private void Staged(DataItem item, int l, List<(int Node, long Bytes)> here)
        {
            var s = p.StorageUsdPerByte(l);
            if (double.IsNaN(s) || s == 0 || (item.AnchorNode < 0 && item.FixedHome == l))
            {
                return;
            }

            var bounded = here.Where(q => p.Nodes[q.Node].IsNative && q.Bytes > 0).ToList();
            if (bounded.Count == 0)
            {
                return;
            }

            var homeHere = item.AnchorNode >= 0 ? At(item.AnchorNode, l) : [];
            if (bounded.Count == 1 && homeHere.Length == 0)
            {
                foreach (var (col, w) in At(bounded[0].Node, l))
                {
                    Lp.AddCost(col, bounded[0].Bytes * s * w);
                }

                return;
            }

            var d = Lp.AddColumn(0, Ceiling(bounded.Max(r => r.Bytes) * s), 1, false);
            foreach (var q in bounded)
            {
                var rate = q.Bytes * s;
                Lp.AddRow(Scaled(At(q.Node, l), -rate).Concat(Scaled(homeHere, rate)).Append((d, 1)), 0, double.PositiveInfinity);
            }
        }

        /// <summary>Finish-time columns (hours) per node and a makespan column; returns the makespan column.</summary>
        public int BuildTime()
        {
            var finish = p.Nodes.Select(_ => Lp.AddColumn(0, double.PositiveInfinity, 0, false)).ToArray();
            var makespan = Lp.AddColumn(0, double.PositiveInfinity, 0, false);
            foreach (var n in p.Nodes)
            {
                var v = n.Index;
                var own = Enumerable.Range(0, n.Candidates.Count).Select(c => (x[v][c], -n.WallClockHours[c])).ToList();
                if (!n.IsNative)
                {
                    own.AddRange(Delay(p.NodeHomeAnchor[v], p.NodeFixedHome[v], v, n.Node.OutputBytes, routeBack: true));
                }

                if (p.ReadsOf[v].Count == 0)
                {
                    Lp.AddRow(own.Append((finish[v], 1.0)), 0, double.PositiveInfinity);
                }

                foreach (var (itemIndex, bytes) in p.ReadsOf[v])
                {
                    var item = p.Items[itemIndex];
                    var terms = new List<(int, double)>(own) { (finish[v], 1.0) };
                    terms.AddRange(Delay(item.AnchorNode, item.FixedHome, v, bytes, routeBack: false));
                    if (item.Producer >= 0)
                    {
                        terms.Add((finish[item.Producer], -1.0));
                    }

                    Lp.AddRow(terms, 0, double.PositiveInfinity);
                }

                Lp.AddRow([(makespan, 1.0), (finish[v], -1.0)], 0, double.PositiveInfinity);
            }

            return makespan;
        }

        /// <summary>
        /// Negated terms of a transfer time in hours between an item's home and node v's location (or back, for
        /// a route-back); a pairwise time gets its own column.
        /// </summary>
        private List<(int, double)> Delay(int anchor, int fixedHome, int v, long bytes, bool routeBack)
        {
            double Hours(int home, int l) => (routeBack ? p.TransferSeconds(l, home, bytes) : p.TransferSeconds(home, l, bytes)) / 3600.0;
            var n = p.Nodes[v];
            if (anchor < 0)
            {
                return Enumerable.Range(0, n.Candidates.Count).Select(c => (x[v][c], -Hours(fixedHome, n.LocationIndex[c]))).ToList();
            }

            var homes = p.Nodes[anchor].Locations;
            var t = Lp.AddColumn(0, double.PositiveInfinity, 0, false);
            foreach (var l in n.Locations)
            {
                var max = homes.Max(h => Hours(h, l));
                var terms = new List<(int, double)> { (t, 1) };
                foreach (var h in homes)
                {
                    terms.AddRange(Scaled(At(anchor, h), -Hours(h, l)));
                }

                terms.AddRange(Scaled(At(v, l), -max));
                Lp.AddRow(terms, -max, double.PositiveInfinity);
            }

            return [(t, -1.0)];
        }

        public void BuildConstraints()
        {
            var index = p.Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
            foreach (var group in p.Constraints.Colocate)
            {
                var members = group.Select(g => index[g]).ToList();
                var locations = members.SelectMany(m => p.Nodes[m].Locations).Distinct().ToList();
                for (var i = 1; i < members.Count; i++)
                {
                    foreach (var l in locations)
                    {
                        Lp.AddRow(At(members[0], l).Concat(Scaled(At(members[i], l), -1)), 0, 0);
                    }
                }
            }

            foreach (var group in p.Constraints.AntiAffinity)
            {
                var members = group.Select(g => index[g]).ToList();
                foreach (var l in members.SelectMany(m => p.Nodes[m].Locations).Distinct())
                {
                    Lp.AddRow(members.SelectMany(m => At(m, l)), 0, 1);
                }
            }

            for (var l = 0; l < p.Locations.Count; l++)
            {
                if (p.GpuCap(l) is not { } cap)
                {
                    continue;
                }

                var terms = p.Nodes.SelectMany(n => Enumerable.Range(0, n.Candidates.Count)
                    .Where(c => n.LocationIndex[c] == l && n.Gpus[c] > 0).Select(c => (x[n.Index][c], (double)n.Gpus[c]))).ToList();
                if (terms.Count > 0)
                {
                    Lp.AddRow(terms, 0, cap);
                }
            }
        }

        public LinearModel WithObjective(int column)
        {
            var copy = new LinearModel();
            var (start, index, value) = Lp.ColumnMajor();
            var rows = Enumerable.Range(0, Lp.Rows).Select(_ => new List<(int, double)>()).ToList();
            var lower = Lp.Lower;
            var upper = Lp.Upper;
            var integer = Lp.IntegerColumns.ToHashSet();
            for (var c = 0; c < Lp.Columns; c++)
            {
                copy.AddColumn(lower[c], upper[c], c == column ? 1 : 0, integer.Contains(c));
                for (var k = start[c]; k < start[c + 1]; k++)
                {
                    rows[index[k]].Add((c, value[k]));
                }
            }

            var rl = Lp.RowLower;
            var ru = Lp.RowUpper;
            for (var r = 0; r < rows.Count; r++)
            {
                copy.AddRow(rows[r], rl[r], ru[r]);
            }

            return copy;
        }

        /// <summary>Number of (node, candidate) binaries.</summary>
        public int CandidateColumns => x.Sum(cols => cols.Length);

        /// <summary>
        /// Reduced-cost fixing: a candidate whose binary, set to 1, lifts the certified bound above the cost of a
        /// known plan cannot be in any better plan, so it is fixed to 0 (CBC's presolve then drops it). The known
        /// plan's own candidates are never fixed: their reduced costs fit within its cost.
        /// </summary>
        /// <returns>How many binaries were fixed.</returns>
        public int FixWorseThan(double planCost, double bound, double[] reducedCosts)
        {
            var slack = Resolution(planCost);
            var fixedCount = 0;
            foreach (var cols in x)
            {
                foreach (var col in cols)
                {
                    if (bound + reducedCosts[col] > planCost + slack)
                    {
                        Lp.SetUpper(col, 0);
                        fixedCount++;
                    }
                }
            }

            return fixedCount;
        }

        public int[] ChoiceOf(double[] values) =>
            p.Nodes.Select(n => Enumerable.Range(0, n.Candidates.Count).MaxBy(c => values[x[n.Index][c]])).ToArray();

        /// <summary>A start vector fixing the x columns; CBC completes the continuous ones.</summary>
        public (int[] Columns, double[] Values) StartValues(int[] choice)
        {
            var columns = x.SelectMany(cols => cols).ToList();
            var values = new List<double>(columns.Count);
            foreach (var n in p.Nodes)
            {
                for (var c = 0; c < n.Candidates.Count; c++)
                {
                    values.Add(c == choice[n.Index] ? 1 : 0);
                }
            }

            if (tiers.Binaries > 0)
            {
                // The tier binaries are integers too: set each to whether the plan's meter volume passes its boundary.
                foreach (var (col, value) in tiers.StartValues(p.Meters.Volumes(p.NodeLocations(choice))))
                {
                    columns.Add(col);
                    values.Add(value);
                }
            }

            return ([.. columns], [.. values]);
        }
    }
}
