using System.CommandLine;
using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Pricing;
using Placement.Core.Timing;
using Placement.Data;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using Placement.Traces.Formats;
using Placement.Traces.Model;

namespace Placement.Cli.Commands;

/// <summary>
/// The options <c>simulate</c> and <c>compare</c> share (trace, replicas, seed, variation, failures, capacity,
/// rate limits, network) and the steps that turn them into a compiled <see cref="SimulationModel"/>. Every bad
/// value becomes a <see cref="Problem"/> naming the option; nothing runs until all of them are valid.
/// </summary>
internal sealed class SimulationOptionsCli
{
    public Option<string?> Trace { get; } = new("--trace") { Description = "Trace (WfFormat 1.3/1.4/1.5/1.6 or placement-trace/1) whose runtimes and bytes are replayed; tasks match nodes by id" };

    /// <summary>Most replicas, concurrent slots per location and attempts per node the options accept.</summary>
    public const int MaxReplicas = 100_000, MaxSlots = 100_000, MaxAttemptsLimit = 100;

    /// <summary>Largest coefficient of variation (beyond it a log-normal draw overflows), retry delay and overhead in seconds, and rate limit per second.</summary>
    public const double MaxCv = 10, MaxRetryDelaySeconds = 1e6, MaxOverheadSeconds = 86_400, MaxRatePerSecond = 1e6;

    public Option<int> Replicas { get; } = NumberOptions.Int("--replicas", "Monte Carlo replicas", 1, MaxReplicas, () => 200);

    public Option<int> Seed { get; } = NumberOptions.Int("--seed", "Master seed; replica i uses a seed derived from it", int.MinValue, int.MaxValue, () => 1);

    public Option<double> RuntimeCv { get; } = NumberOptions.Double("--runtime-cv", "Coefficient of variation of runtimes (log-normal, mean kept); 0 replays exactly", 0, MaxCv, 0);

    public Option<double> BytesCv { get; } = NumberOptions.Double("--bytes-cv", "Coefficient of variation of data sizes; 0 replays exactly", 0, MaxCv, 0);

    public Option<double> FailureRate { get; } = NumberOptions.Double("--failure-rate", "Probability that an attempt fails, in [0, 1)", 0, 1, 0, maxExclusive: true);

    public Option<int> MaxAttempts { get; } = NumberOptions.Int("--max-attempts", "Attempts per node before the run fails", 1, MaxAttemptsLimit, () => 3);

    public Option<double> RetryDelay { get; } = NumberOptions.Double("--retry-delay", "Seconds before a failed attempt is retried", 0, MaxRetryDelaySeconds, 0);

    public Option<string> Overhead { get; } = new("--overhead") { Description = "Workflow-engine seconds per task before it is submitted, or 'auto' to fit it to the trace's recorded makespan", DefaultValueFactory = _ => "0" };

    public Option<int?> Slots { get; } = NumberOptions.OptionalInt("--slots", "Concurrent tasks per location (default unlimited)", 1, MaxSlots);

    public Option<string[]> SlotsAt { get; } = new("--slots-at") { Description = "LOCATION=N concurrent tasks at one location", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> RateLimit { get; } = new("--rate-limit") { Description = "OFFERING=STARTS_PER_SECOND for a service, model or SKU", AllowMultipleArgumentsPerToken = true };

    public Option<string> Network { get; } = new("--network") { Description = "measured (pricing-data/network.csv) or instant", DefaultValueFactory = _ => "measured" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Trace, Replicas, Seed, RuntimeCv, BytesCv, FailureRate, MaxAttempts, RetryDelay, Overhead, Slots, SlotsAt, RateLimit, Network })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Registers the checks of the LOCATION=N, OFFERING=RATE and seconds options, so their problems are parse errors listed with the others.</summary>
    public SimulationOptionsCli()
    {
        SlotsAt.Validators.Add(r => Report(r, p => ReadSlotsAt(r.Tokens.Select(t => t.Value), p)));
        RateLimit.Validators.Add(r => Report(r, p => ReadRates(r.Tokens.Select(t => t.Value), p)));
        Overhead.Validators.Add(r => Report(r, p => ReadOverhead(r.Tokens.Count == 0 ? "0" : r.Tokens[^1].Value, p, out _)));
        Network.Validators.Add(r => Report(r, p =>
        {
            var v = r.Tokens.Count == 0 ? "measured" : r.Tokens[^1].Value;
            if (v is not ("measured" or "instant"))
            {
                p.Add(Bad("--network", $"'{v}' is not a network model", "use measured or instant"));
            }

            return 0;
        }));
    }

    private static void Report<T>(System.CommandLine.Parsing.OptionResult result, Func<List<Problem>, T> check)
    {
        var problems = new List<Problem>();
        check(problems);
        foreach (var p in problems)
        {
            result.AddError($"{p.Field}: {p.Message}{(p.Hint is null ? "" : $". Hint: {p.Hint}")}");
        }
    }

    private static Problem Bad(string option, string message, string? hint = null) => new("command line", 0, 0, option, message, hint);

    private static Dictionary<Location, int> ReadSlotsAt(IEnumerable<string> items, List<Problem> problems)
    {
        var slotsAt = new Dictionary<Location, int>();
        foreach (var item in items)
        {
            var (key, value) = Split(item);
            if (!Location.TryParse(key, out var loc) || !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                problems.Add(Bad("--slots-at", $"'{item}' is not LOCATION=N", $"e.g. --slots-at aws/us-east-1=4 (N from 1 to {MaxSlots})"));
                continue;
            }

            if (n is < 1 or > MaxSlots)
            {
                problems.Add(Bad("--slots-at", $"'{item}': {n} slots is out of range", $"give a whole number from 1 to {MaxSlots}"));
                continue;
            }

            slotsAt[loc] = n;
        }

        return slotsAt;
    }

    private static Dictionary<string, double> ReadRates(IEnumerable<string> items, List<Problem> problems)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var (key, value) = Split(item);
            if (key.Length == 0 || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || double.IsNaN(r))
            {
                problems.Add(Bad("--rate-limit", $"'{item}' is not OFFERING=STARTS_PER_SECOND", "e.g. --rate-limit gpt-4o=0.5"));
                continue;
            }

            if (!(r > 0 && r <= MaxRatePerSecond))
            {
                problems.Add(Bad("--rate-limit", $"'{item}': {value} starts per second is out of range", "give " + NumberOptions.Range(0, MaxRatePerSecond, minExclusive: true, maxExclusive: false)));
                continue;
            }

            rates[key] = r;
        }

        return rates;
    }

    private static double ReadOverhead(string overheadText, List<Problem> problems, out bool auto)
    {
        auto = overheadText == "auto";
        double overhead = 0;
        if (!auto && !double.TryParse(overheadText, NumberStyles.Float, CultureInfo.InvariantCulture, out overhead))
        {
            problems.Add(Bad("--overhead", $"'{overheadText}' is not a number of seconds or auto", "give " + NumberOptions.Range(0, MaxOverheadSeconds, false, false) + " seconds, or auto"));
        }
        else if (!auto && !(overhead >= 0 && overhead <= MaxOverheadSeconds))
        {
            problems.Add(Bad("--overhead", $"'{overheadText}' seconds is out of range", "give " + NumberOptions.Range(0, MaxOverheadSeconds, false, false) + " seconds, or auto"));
            overhead = 0;
        }

        return overhead;
    }

    private (string Path, Task<Trace> Reading)? prefetch;

    /// <summary>
    /// Starts reading the <c>--trace</c> file on the thread pool while the caller loads pricing and the scenario (the
    /// 2.6 MB bwa trace is a fifth of one replay's work and needs neither); <see cref="Read"/> takes the result, and any
    /// problem in the trace surfaces there, after the scenario's, as it did when the trace was read in order.
    /// </summary>
    public void StartReadingTrace(ParseResult parse)
    {
        if (parse.GetValue(Trace) is { } path)
        {
            prefetch = (path, Task.Run(() => LoadTrace(path)));
        }
    }

    /// <summary>Reads and checks every option; throws one <see cref="InputException"/> listing all problems.</summary>
    public Settings Read(ParseResult parse, PricingCatalog pricing)
    {
        var problems = new List<Problem>();

        var slotsAt = ReadSlotsAt(parse.GetValue(SlotsAt) ?? [], problems);
        var rates = ReadRates(parse.GetValue(RateLimit) ?? [], problems);
        var overheadText = parse.GetValue(Overhead) ?? "0";
        var overhead = ReadOverhead(overheadText, problems, out var overheadAuto);

        var options = SimulationOptions.Exact with
        {
            Runtime = new Variation(parse.GetValue(RuntimeCv)),
            Bytes = new Variation(parse.GetValue(BytesCv)),
            FailureProbability = parse.GetValue(FailureRate),
            MaxAttempts = parse.GetValue(MaxAttempts),
            RetryDelaySeconds = parse.GetValue(RetryDelay),
            EngineOverheadSeconds = overhead,
            SlotsPerLocation = slotsAt,
            DefaultSlots = parse.GetValue(Slots),
            RateLimitsPerSecond = rates,
        };
        problems.AddRange(options.Validate().Select(p => Bad("options", p)));

        var replicas = parse.GetValue(Replicas);

        // --network was checked while parsing.
        ILinkTable links = parse.GetValue(Network) == "instant" ? FixedLinkTable.Instant : new NetworkLinkTable(new NetworkModel(pricing));

        var tracePath = parse.GetValue(Trace);
        if (overheadAuto && tracePath is null)
        {
            problems.Add(Bad("--overhead", "auto needs --trace: the overhead is fitted to the trace's recorded makespan"));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        var trace = tracePath is null ? null
            : prefetch is { } started && started.Path == tracePath ? started.Reading.GetAwaiter().GetResult()
            : LoadTrace(tracePath);
        if (overheadAuto && trace!.MakespanSeconds is not > 0)
        {
            throw new InputException(new Problem(tracePath!, 0, 0, "makespanInSeconds", "the trace records no makespan, so --overhead auto has nothing to fit", "give --overhead SECONDS instead"));
        }

        return new Settings(options, links, replicas, parse.GetValue(Seed), tracePath, trace, overheadAuto);
    }

    /// <summary>Reads a trace file at the edge; every problem names the file and field.</summary>
    public static Trace LoadTrace(string path)
    {
        var result = TraceReader.Read(Workspace.ReadInputBytes(path, "a trace"), path);
        return result.Ok ? result.Value! : throw new InputException(result.Problems);
    }

    /// <summary>Runtimes and bytes of the trace's tasks whose ids are node names (and files named like datasets).</summary>
    public static WorkloadReplay ReplayFor(Trace trace, string tracePath, Scenario scenario)
    {
        var fileBytes = trace.FileBytes();
        var outputBytes = TraceDag.OutputBytesOf(trace, fileBytes);
        var nodes = scenario.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var runtimes = trace.Tasks.Where(t => nodes.Contains(t.Id)).ToDictionary(t => t.Id, t => t.RuntimeSeconds, StringComparer.Ordinal);
        if (runtimes.Count == 0)
        {
            throw new InputException(new Problem(tracePath, 0, 0, "workflow", $"no task of the trace is a node of scenario {scenario.Name}",
                "tasks match nodes by id: make the scenario with 'placement import-wfcommons' from this trace"));
        }

        var bytes = runtimes.Keys.ToDictionary(k => k, k => outputBytes[k], StringComparer.Ordinal);
        foreach (var d in scenario.Datasets.Where(d => fileBytes.ContainsKey(d.Name)))
        {
            bytes[d.Name] = fileBytes[d.Name];
        }

        return new WorkloadReplay(runtimes, bytes);
    }

    /// <summary>
    /// Compiles a plan with the settings; simulator and cost-model problems name the plan file. <paramref name="evaluation"/>
    /// is the plan's own (from <see cref="Workspace.LoadPlanEvaluated"/>), saving a second evaluation; null evaluates it.
    /// </summary>
    public static SimulationModel Compile(CostModel model, Plan plan, string planPath, Settings settings, PlanEvaluation? evaluation = null)
    {
        var replay = settings.Trace is null ? null : ReplayFor(settings.Trace, settings.TracePath!, model.Graph.Scenario);
        try
        {
            var options = settings.Options;
            if (settings.OverheadAuto)
            {
                // Fit with unlimited slots and instant transfers: the recorded run's own cluster, where only the
                // engine stood between a task's inputs and its start.
                var ideal = SimulationOptions.Exact with { EnforceGpuCaps = false };
                var fitted = OverheadCalibration.Fit(
                    o => Simulation.Engine.Simulator.Run(SimulationModel.Build(model, plan.Assignment, evaluation, FixedLinkTable.Instant, ideal with { EngineOverheadSeconds = o }, replay), new SeededRandomSource(0)).MakespanSeconds,
                    settings.Trace!.MakespanSeconds!.Value,
                    toleranceSeconds: 1e-3);
                options = options with { EngineOverheadSeconds = fitted };
            }

            return SimulationModel.Build(model, plan.Assignment, evaluation, settings.Links, options, replay);
        }
        catch (SimulationSetupException e)
        {
            throw new InputException(e.Problems.Select(p => new Problem(planPath, 0, 0, "nodes", p)).ToList());
        }
        catch (CostModelException e)
        {
            throw new InputException(e.Problems.Select(p => new Problem(planPath, 0, 0, "nodes", p)).ToList());
        }
    }

    private static (string Key, string Value) Split(string item)
    {
        var eq = item.LastIndexOf('=');
        return eq <= 0 ? ("", "") : (item[..eq].Trim(), item[(eq + 1)..].Trim());
    }

    /// <summary>Checked settings of one simulate/compare invocation.</summary>
    public sealed record Settings(SimulationOptions Options, ILinkTable Links, int Replicas, int Seed, string? TracePath, Trace? Trace, bool OverheadAuto);
}
