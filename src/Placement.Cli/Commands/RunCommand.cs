using System.CommandLine;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Data;
using Placement.Execution.Engine;
using Placement.Execution.Handlers;
using Placement.Execution.Ports;
using Spectre.Console;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement run SCENARIO --plan PLAN.json [--storage local|s3|azure|PROVIDER=KIND ...] [--resume RUN_ID] [--from NODE]</c>:
/// performs a plan with the embedded executor, shows progress, and ends with a summary. Everything that would
/// stop the run (plan for another scenario, unknown handler, missing credentials) is reported before anything runs.
/// </summary>
internal static class RunCommand
{
    /// <summary>Most nodes running at once (--parallel, --per-location): each is a process with its own work folder.</summary>
    public const int MaxParallel = 1024;

    public static Command Create(CliConsole console, Option<string?> pricing)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file" };
        var plan = new Option<string>("--plan") { Description = "Plan JSON file to perform", Required = true };
        var storage = new Option<string[]>("--storage") { Description = "local, s3 or azure for every location, or PROVIDER=KIND (repeatable); default local", AllowMultipleArgumentsPerToken = true };
        var resume = new Option<string?>("--resume") { Description = "Resume the run RUN_ID (after a crash or a cancel)" };
        var from = new Option<string?>("--from") { Description = "Run NODE and everything downstream again (ignoring the cache)" };
        var state = new Option<string>("--state") { Description = "Folder of the journal, buckets and run folders", DefaultValueFactory = _ => ".placement" };
        var parallel = NumberOptions.Int("--parallel", "Nodes running at once", 1, MaxParallel, () => 8);
        var perLocation = NumberOptions.Int("--per-location", "Nodes running at once per location", 1, MaxParallel, () => 4);
        var seed = NumberOptions.Int("--seed", "Seed of retry jitter and run ids", int.MinValue, int.MaxValue, () => Environment.TickCount);
        var executorKind = new Option<string>("--executor") { Description = "embedded (this machine) or temporal (workers per location on a Temporal server)", DefaultValueFactory = _ => "embedded" };
        var detach = new Option<bool>("--detach") { Description = "temporal: start the run and return (follow it with placement status RUN_ID)" };
        var temporal = new TemporalCli();
        var command = new Command("run", "Perform a plan with the embedded executor (journal, retries, resume, cache) or on Temporal.");
        command.Arguments.Add(scenario);
        foreach (var o in new Option[] { plan, storage, resume, from, state, parallel, perLocation, seed, executorKind, detach })
        {
            command.Options.Add(o);
        }

        temporal.AddTo(command);

        command.SetAction((parse, cancel) =>
        {
            var path = parse.GetRequiredValue(scenario);

            // The state folder is checked before anything is read or created, so a bad one leaves nothing behind.
            var outputs = new OutputFiles();
            var stateFolder = outputs.Folder("--state", parse.GetValue(state) ?? "") ?? "";
            outputs.ThrowIfBad();
            var (catalog, s) = CommandSupport.Load(path, parse.GetValue(pricing), console);
            var graph = WorkflowGraph.Build(s);
            var model = new CostModel(graph, catalog);
            var thePlan = Workspace.LoadPlan(parse.GetRequiredValue(plan), model);
            switch (parse.GetValue(executorKind))
            {
                case "temporal":
                    // --resume RUN_ID on Temporal: submit under that run id (attaches when it exists).
                    return TemporalCli.Guard(console, () => TemporalRun.RunAsync(console, temporal.Settings(parse),
                        new TemporalRun.Request(path, parse.GetRequiredValue(plan), graph, thePlan, catalog, stateFolder, parse.GetValue(storage) ?? [], parse.GetValue(resume), parse.GetValue(detach)), cancel));
                case "embedded":
                    break;
                default:
                    throw new InputException(new Problem("command line", 0, 0, "--executor", $"unknown executor '{parse.GetValue(executorKind)}'", "use embedded or temporal"));
            }

            var options = new ExecutorOptions { StateFolder = stateFolder, MaxParallelism = parse.GetValue(parallel), PerLocationConcurrency = parse.GetValue(perLocation), Seed = parse.GetValue(seed) };
            var optionProblems = options.Validate();
            if (optionProblems.Count > 0)
            {
                throw new InputException(optionProblems.Select(p => new Problem("command line", 0, 0, OptionOf(p), p)).ToList());
            }

            var map = StorageFactory.Create(parse.GetValue(storage) ?? [], stateFolder, Environment.GetEnvironmentVariable);
            var llm = LlmOptions.FromEnvironment(Environment.GetEnvironmentVariable);
            // Run ids draw from an unseeded source, so two processes started with the same --seed never draw alike.
            using var executor = new EmbeddedExecutor(options, map, EmbeddedExecutor.StandardHandlers(llm), TimeProvider.System, new Random(options.Seed), new Random());
            var resumeId = parse.GetValue(resume);
            var request = new RunRequest(graph, thePlan, Path.GetDirectoryName(Path.GetFullPath(path))!, null, resumeId is null ? parse.GetValue(from) : null, catalog, Path.GetFullPath(parse.GetRequiredValue(plan)));
            var problems = executor.Check(request, path);
            if (problems.Count > 0)
            {
                throw new InputException(problems);
            }

            var reporter = new RunReporter(console, s.Nodes.Count);
            RunResult result;
            if (resumeId is not null)
            {
                console.Line($"Resuming run {resumeId} of {s.Name} (storage {map}).");
                result = reporter.Run(p => executor.ResumeAsync(resumeId, request, parse.GetValue(from), p, cancel));
            }
            else
            {
                result = reporter.Run(p => executor.StartAsync(request, p, cancel));
            }

            Summary(console, result, map, stateFolder);
            return Task.FromResult(result.Status == RunStatus.Succeeded ? 0 : 1);
        });
        return command;
    }

    /// <summary>The command-line option behind an <see cref="ExecutorOptions"/> problem (its messages name the property).</summary>
    private static string OptionOf(string problem) => problem.Split(':')[0] switch
    {
        nameof(ExecutorOptions.StateFolder) => "--state",
        nameof(ExecutorOptions.MaxParallelism) => "--parallel",
        nameof(ExecutorOptions.PerLocationConcurrency) => "--per-location",
        nameof(ExecutorOptions.Seed) => "--seed",
        _ => "options",
    };

    internal static void Summary(CliConsole console, RunResult result, Execution.Storage.StorageMap map, string stateFolder)
    {
        console.Line();
        var table = new Data.Reports.TextTable("node", "location", "home", "kind", ">attempts", ">bytes", ">seconds");
        foreach (var n in result.Nodes)
        {
            table.Add(n.Node, n.Location, n.StorageHome, n.Kind.ToString().ToLowerInvariant(), n.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Seconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Table(table);
        var fallbacks = result.Nodes.Where(n => n.Kind == NodeCommitKind.Fallback).Select(n => n.Node).ToList();
        if (fallbacks.Count > 0)
        {
            console.Line($"Output from the fallback handler (the primary failed): {string.Join(", ", fallbacks)}.");
        }

        if (result.Transfers.Count > 0)
        {
            console.Line();
            var t = new Data.Reports.TextTable("data", "from", "to", "mode", ">bytes");
            foreach (var m in result.Transfers)
            {
                t.Add(m.Data, m.From, m.To, m.Mode, m.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Table(t);
        }

        foreach (var e in result.Errors)
        {
            console.Error.Write($"error: {e}\n");
        }

        console.Line();
        var line = $"Run {result.RunId} {result.Status.ToString().ToLowerInvariant()}: {result.Nodes.Count} node(s) committed, {result.Transfers.Sum(t => t.Bytes)} bytes moved in {result.Transfers.Count} transfer(s), {Data.Reports.DurationText.Format(result.Seconds)}.";
        if (result.Status == RunStatus.Succeeded)
        {
            console.Success(line);
        }
        else
        {
            console.Line(line);
            var state = Path.GetFullPath(stateFolder) == Path.GetFullPath(".placement") ? "" : $" --state {stateFolder}";
            console.Line($"Resume with: placement run ... --resume {result.RunId}{state}");
        }

        if (result.Transfers.Count > 0)
        {
            // Bytes per storage service receiving them (a stream to a consumer without storage counts for its source).
            var byBackend = result.Transfers
                .GroupBy(t => Location.TryParse(t.Mode == "stream-to-consumer" ? t.From : t.To, out var l) ? map.For(l).Kind : "?")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Sum(t => t.Bytes)}");
            console.Line($"Bytes moved by storage service: {string.Join(", ", byBackend)}.");
        }

        console.Line($"Trace: {result.TracePath}");
    }
}
