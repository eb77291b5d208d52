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
    public Option<string?> Trace { get; } = new("--trace") { Description = "Trace (WfFormat 1.3/1.4/1.5 or placement-trace/1) whose runtimes and bytes are replayed; tasks match nodes by id" };

    public Option<int> Replicas { get; } = new("--replicas") { Description = "Monte Carlo replicas", DefaultValueFactory = _ => 200 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Master seed; replica i uses a seed derived from it", DefaultValueFactory = _ => 1 };

    public Option<double> RuntimeCv { get; } = new("--runtime-cv") { Description = "Coefficient of variation of runtimes (log-normal, mean kept); 0 replays exactly" };

    public Option<double> BytesCv { get; } = new("--bytes-cv") { Description = "Coefficient of variation of data sizes; 0 replays exactly" };

    public Option<double> FailureRate { get; } = new("--failure-rate") { Description = "Probability that an attempt fails, in [0, 1)" };

    public Option<int> MaxAttempts { get; } = new("--max-attempts") { Description = "Attempts per node before the run fails", DefaultValueFactory = _ => 3 };

    public Option<double> RetryDelay { get; } = new("--retry-delay") { Description = "Seconds before a failed attempt is retried" };

    public Option<string> Overhead { get; } = new("--overhead") { Description = "Workflow-engine seconds per task before it is submitted, or 'auto' to fit it to the trace's recorded makespan", DefaultValueFactory = _ => "0" };

    public Option<int?> Slots { get; } = new("--slots") { Description = "Concurrent tasks per location (default unlimited)" };

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

    /// <summary>Reads and checks every option; throws one <see cref="InputException"/> listing all problems.</summary>
    public Settings Read(ParseResult parse, PricingCatalog pricing)
    {
        var problems = new List<Problem>();
        Problem Bad(string option, string message, string? hint = null) => new("command line", 0, 0, option, message, hint);

        var slotsAt = new Dictionary<Location, int>();
        foreach (var item in parse.GetValue(SlotsAt) ?? [])
        {
            var (key, value) = Split(item);
            if (!Location.TryParse(key, out var loc) || !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                problems.Add(Bad("--slots-at", $"'{item}' is not LOCATION=N", "e.g. --slots-at aws/us-east-1=4"));
                continue;
            }

            slotsAt[loc] = n;
        }

        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in parse.GetValue(RateLimit) ?? [])
        {
            var (key, value) = Split(item);
            if (key.Length == 0 || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r))
            {
                problems.Add(Bad("--rate-limit", $"'{item}' is not OFFERING=STARTS_PER_SECOND", "e.g. --rate-limit gpt-4o=0.5"));
                continue;
            }

            rates[key] = r;
        }

        var overheadText = parse.GetValue(Overhead) ?? "0";
        var overheadAuto = overheadText == "auto";
        double overhead = 0;
        if (!overheadAuto && !double.TryParse(overheadText, NumberStyles.Float, CultureInfo.InvariantCulture, out overhead))
        {
            problems.Add(Bad("--overhead", $"'{overheadText}' is not a number of seconds or auto"));
        }

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
        if (replicas is < 1 or > 100_000)
        {
            problems.Add(Bad("--replicas", $"{replicas} is not between 1 and 100000"));
        }

        ILinkTable? links = parse.GetValue(Network) switch
        {
            "measured" => new NetworkLinkTable(new NetworkModel(pricing)),
            "instant" => FixedLinkTable.Instant,
            var other => null,
        };
        if (links is null)
        {
            problems.Add(Bad("--network", $"'{parse.GetValue(Network)}' is not measured or instant"));
        }

        var tracePath = parse.GetValue(Trace);
        if (overheadAuto && tracePath is null)
        {
            problems.Add(Bad("--overhead", "auto needs --trace: the overhead is fitted to the trace's recorded makespan"));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        var trace = tracePath is null ? null : LoadTrace(tracePath);
        if (overheadAuto && trace!.MakespanSeconds is not > 0)
        {
            throw new InputException(new Problem(tracePath!, 0, 0, "makespanInSeconds", "the trace records no makespan, so --overhead auto has nothing to fit", "give --overhead SECONDS instead"));
        }

        return new Settings(options, links!, replicas, parse.GetValue(Seed), tracePath, trace, overheadAuto);
    }

    /// <summary>Reads a trace file at the edge; every problem names the file and field.</summary>
    public static Trace LoadTrace(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new Problem(path, 0, 0, "", $"cannot read the trace: {e.Message}", "check the path"));
        }

        var result = TraceReader.Read(text, path);
        return result.Ok ? result.Value! : throw new InputException(result.Problems);
    }

    /// <summary>Runtimes and bytes of the trace's tasks whose ids are node names (and files named like datasets).</summary>
    public static WorkloadReplay ReplayFor(Trace trace, string tracePath, Scenario scenario)
    {
        var dag = TraceDag.Of(trace);
        var nodes = scenario.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var runtimes = trace.Tasks.Where(t => nodes.Contains(t.Id)).ToDictionary(t => t.Id, t => t.RuntimeSeconds, StringComparer.Ordinal);
        if (runtimes.Count == 0)
        {
            throw new InputException(new Problem(tracePath, 0, 0, "workflow", $"no task of the trace is a node of scenario {scenario.Name}",
                "tasks match nodes by id: make the scenario with 'placement import-wfcommons' from this trace"));
        }

        var bytes = runtimes.Keys.ToDictionary(k => k, k => dag.OutputBytes[k], StringComparer.Ordinal);
        foreach (var d in scenario.Datasets.Where(d => dag.FileBytes.ContainsKey(d.Name)))
        {
            bytes[d.Name] = dag.FileBytes[d.Name];
        }

        return new WorkloadReplay(runtimes, bytes);
    }

    /// <summary>Compiles a plan with the settings; simulator and cost-model problems name the plan file.</summary>
    public static SimulationModel Compile(CostModel model, Plan plan, string planPath, Settings settings)
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
                    o => Simulation.Engine.Simulator.Run(SimulationModel.Build(model, plan.Assignment, FixedLinkTable.Instant, ideal with { EngineOverheadSeconds = o }, replay), new SeededRandomSource(0)).MakespanSeconds,
                    settings.Trace!.MakespanSeconds!.Value,
                    toleranceSeconds: 1e-3);
                options = options with { EngineOverheadSeconds = fitted };
            }

            return SimulationModel.Build(model, plan.Assignment, settings.Links, options, replay);
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
