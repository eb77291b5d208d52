using Xunit.Abstractions;

namespace Placement.Cli.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of every command with mutated bundled scenarios, plan files and traces, and with bad values of
/// every output and numeric option. Each case must end with exit 0 (a mutation that is still valid) or 2 (bad
/// input, one clear message per problem), never a stack trace or an internal error, and a refused case leaves no
/// file behind. Whatever <c>validate</c> accepts, <c>plan</c>, <c>cost</c> and <c>simulate</c> must handle.
/// </summary>
[Collection("cli")]
public sealed class InputFuzzTests : IDisposable
{
    private const string LocalScenario = "scenarios/video-pipeline-local.yaml";
    private const string LocalPlan = "scenarios/video-pipeline-local.plan.json";
    private const string WfTrace = "tests/data/wfinstances/v1.5/srasearch-chameleon-10a-001.json";

    private readonly string dir = Path.Combine(Path.GetTempPath(), $"fuzz-{Guid.NewGuid():N}");
    private readonly List<string> failures = [];
    private readonly Dictionary<string, (int Count, TimeSpan Time)> byCommand = new(StringComparer.Ordinal);
    private readonly ITestOutputHelper log;
    private int cases;

    public InputFuzzTests(ITestOutputHelper log)
    {
        this.log = log;
        Directory.CreateDirectory(dir);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Fuzz_MutatedBundledScenarios_ExitZeroOrTwoWithoutTraceAndValidMeansPlannable()
    {
        var scenarios = Directory.GetFiles(Path.Combine(CliRunner.Root, "scenarios"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.True(scenarios.Count >= 5);
        var valid = 0;
        for (var k = 0; k < 160; k++)
        {
            var source = scenarios[k % scenarios.Count];
            var (text, what) = new Mutator(10_000 + k).Yaml(File.ReadAllText(source));
            var (caseDir, outDir) = CaseFolders(k);
            var path = Path.Combine(caseDir, Path.GetFileName(source));
            File.WriteAllText(path, text);
            var label = $"scenario case {k} ({Path.GetFileName(source)}: {what})";
            if (Check(label, ["validate", path], outDir) != 0)
            {
                continue;
            }

            // The first valid mutants are planned (a bounded solver time keeps hard ones quick), priced and simulated;
            // beyond 40 the run time would grow past a minute for little new coverage.
            if (++valid > 40)
            {
                continue;
            }

            var plan = Path.Combine(outDir, "plan.json");
            if (Check(label + " plan", ["plan", path, "--out", plan, "--time-limit", "1"], outDir) != 0)
            {
                continue;
            }

            Check(label + " cost", ["cost", path, "--plan", plan, "--csv", Path.Combine(Sub(outDir, "cost"), "cost.csv")], Sub(outDir, "cost"), 0);
            Check(label + " simulate", ["simulate", path, "--plan", plan, "--replicas", "3", "--runtime-cv", "0.2", "--bytes-cv", "2", "--trace-out", Path.Combine(Sub(outDir, "sim"), "t.json")], Sub(outDir, "sim"), 0);
        }

        Report();
        Assert.True(valid > 10, $"only {valid} mutants stayed valid: the downstream commands were hardly exercised");
    }

    [Fact]
    public void Fuzz_MutatedPlanFiles_EveryCommandReadingAPlanExitsZeroOrTwo()
    {
        var simTrace = Path.Combine(CaseFolders(-1).Case, "sim.trace.json");
        Assert.Equal(0, CliRunner.Run("simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1", "--trace-out", simTrace).Exit);
        var original = File.ReadAllText(Path.Combine(CliRunner.Root, LocalPlan));
        for (var k = 0; k < 60; k++)
        {
            var (text, what) = new Mutator(20_000 + k).Json(original);
            var (caseDir, outDir) = CaseFolders(k);
            var plan = Path.Combine(caseDir, "plan.json");
            File.WriteAllText(plan, text);
            var label = $"plan case {k} ({what})";
            var cost = Check(label + " cost", ["cost", LocalScenario, "--plan", plan, "--json", Path.Combine(Sub(outDir, "cost"), "plan.json")], Sub(outDir, "cost"));
            Check(label + " simulate", ["simulate", LocalScenario, "--plan", plan, "--replicas", "2", "--events", Path.Combine(Sub(outDir, "sim"), "e.jsonl")], Sub(outDir, "sim"), cost);
            Check(label + " explain", ["explain", plan, LocalScenario], Sub(outDir, "explain"), cost);
            Check(label + " reconcile", ["reconcile", plan, simTrace, "--csv", Path.Combine(Sub(outDir, "reconcile"), "r.csv")], Sub(outDir, "reconcile"));
            if (cost == 2)
            {
                // A plan cost refuses, run refuses too, before it creates its state folder.
                Check(label + " run", ["run", LocalScenario, "--plan", plan, "--state", Path.Combine(Sub(outDir, "run"), "state")], Sub(outDir, "run"), 2);
            }
        }

        Report();
    }

    [Fact]
    public void Fuzz_MutatedTraces_ImportAndReplayExitZeroOrTwo()
    {
        var setup = CaseFolders(-1).Case;
        var scenario = Path.Combine(setup, "sra.yaml");
        var plan = Path.Combine(setup, "sra.plan.json");
        var simTrace = Path.Combine(setup, "sim.trace.json");
        Assert.Equal(0, CliRunner.Run("import-wfcommons", WfTrace, "--map", "*=vm@aws/us-east-1", "--out", scenario).Exit);
        Assert.Equal(0, CliRunner.Run("plan", scenario, "--out", plan).Exit);
        Assert.Equal(0, CliRunner.Run("simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1", "--trace-out", simTrace).Exit);
        var wf = File.ReadAllText(Path.Combine(CliRunner.Root, WfTrace));
        var own = File.ReadAllText(simTrace);
        for (var k = 0; k < 80; k++)
        {
            var wfCase = k % 3 != 2;
            var (text, what) = new Mutator(30_000 + k).Json(wfCase ? wf : own);
            var (caseDir, outDir) = CaseFolders(k);
            var trace = Path.Combine(caseDir, "trace.json");
            File.WriteAllText(trace, text);
            var label = $"trace case {k} ({(wfCase ? "WfCommons" : "placement-trace/1")}: {what})";
            if (wfCase)
            {
                var imported = Path.Combine(Sub(outDir, "import"), "imported.yaml");
                if (Check(label + " import", ["import-wfcommons", trace, "--map", "*=vm@aws/us-east-1", "--out", imported], Sub(outDir, "import")) == 0)
                {
                    Check(label + " validate imported", ["validate", imported], Sub(outDir, "validate"), 0);
                }

                Check(label + " simulate", ["simulate", scenario, "--plan", plan, "--trace", trace, "--replicas", "2"], Sub(outDir, "sim"));
            }
            else
            {
                Check(label + " simulate", ["simulate", LocalScenario, "--plan", LocalPlan, "--trace", trace, "--replicas", "2"], outDir);
                Check(label + " reconcile", ["reconcile", LocalPlan, trace, "--csv", Path.Combine(outDir, "r.csv")], outDir);
            }
        }

        Report();
    }

    [Fact]
    public void Fuzz_BadOutputPaths_EveryOutputOptionRefusesNamingItAndWritesNothing()
    {
        var setup = CaseFolders(-1).Case;
        var simTrace = Path.Combine(setup, "sim.trace.json");
        Assert.Equal(0, CliRunner.Run("simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1", "--trace-out", simTrace).Exit);
        var regularFile = Path.Combine(setup, "regular.txt");
        File.WriteAllText(regularFile, "keep");
        var existingDir = Path.Combine(setup, "a-folder");
        Directory.CreateDirectory(existingDir);
        var targets = new (string Kind, string Path)[]
        {
            ("a directory", existingDir), ("a directory with a slash", existingDir + "/"), ("a path under a regular file", Path.Combine(regularFile, "x.out")),
            ("an empty string", ""), ("blanks", "   "), ("a path under /proc", "/proc/placement-fuzz/x.out"), ("a file under /proc", "/proc/self/status"),
            ("a path under /sys", "/sys/placement-fuzz.out"), ("a new folder name ending in a slash", Path.Combine(setup, "new-folder") + "/"),
        };
        var commands = new (string Option, Func<string, string[]> Args)[]
        {
            ("--out", p => ["plan", "scenarios/video-pipeline.yaml", "--out", p]),
            ("--csv", p => ["cost", LocalScenario, "--plan", LocalPlan, "--csv", p]),
            ("--json", p => ["cost", LocalScenario, "--plan", LocalPlan, "--json", p]),
            ("--events", p => ["simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1", "--events", p]),
            ("--trace-out", p => ["simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1", "--trace-out", p]),
            ("--csv", p => ["compare", LocalScenario, "--plans", LocalPlan, LocalPlan, "--replicas", "1", "--csv", p]),
            ("--out", p => ["import-wfcommons", WfTrace, "--map", "*=vm@aws/us-east-1", "--out", p]),
            ("--csv", p => ["reconcile", LocalPlan, simTrace, "--csv", p]),
            ("--state", p => ["run", LocalScenario, "--plan", LocalPlan, "--state", p]),
            ("--out", p => ["report", LocalPlan, LocalScenario, "--out", p]),
            ("--png", p => ["plan", "scenarios/video-pipeline.yaml", "--pareto", "--png", p]),
            ("--gantt-png", p => ["simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1", "--gantt-png", p]),
        };
        var before = Snapshot(setup);
        foreach (var (option, args) in commands)
        {
            foreach (var (kind, path) in targets)
            {
                if (option == "--state" && (kind.Contains("directory", StringComparison.Ordinal) || kind.Contains("new folder", StringComparison.Ordinal)))
                {
                    continue; // a folder is what --state wants
                }

                var label = $"{args("X")[0]} {option} {kind} '{path}'";
                var (_, outDir) = CaseFolders(cases);
                var (exit, err) = CheckRefused(label, args(path), outDir);
                if (exit == 2 && !err.Contains(option, StringComparison.Ordinal))
                {
                    failures.Add($"{label}: the message does not name {option}: {err}");
                }
            }

            // An output over an input file would destroy it.
            var input = args("X").First(a => a.EndsWith(".yaml", StringComparison.Ordinal) || a.EndsWith(".json", StringComparison.Ordinal));
            if (option != "--state")
            {
                var copy = Path.Combine(setup, "input-" + Path.GetFileName(input));
                File.Copy(Path.Combine(CliRunner.Root, input), copy, overwrite: true);
                var text = File.ReadAllText(copy);
                var argv = args(copy).Select(a => a == input ? copy : a).ToArray();
                CheckRefused($"{argv[0]} {option} = its own input", argv, CaseFolders(cases).Out);
                if (File.ReadAllText(copy) != text)
                {
                    failures.Add($"{argv[0]} {option} = its own input: the input was overwritten");
                }

                File.Delete(copy);
            }
        }

        Assert.Equal(before, Snapshot(setup));
        Assert.False(Directory.Exists(Path.Combine(setup, "new-folder")), "a refused output created its folder");
        Report();
    }

    [Fact]
    public void Fuzz_BadInputPaths_EveryInputRefusedWithExitTwo()
    {
        var setup = CaseFolders(-1).Case;
        var bad = new[] { "", "  ", setup, Path.Combine(setup, "missing.yaml"), "/proc/self/status", "/proc/nope/x", "/etc/passwd", Path.Combine(setup, "a\u0001b") };
        var commands = new Func<string, string[]>[]
        {
            p => ["validate", p],
            p => ["plan", p],
            p => ["cost", p, "--plan", LocalPlan],
            p => ["cost", LocalScenario, "--plan", p],
            p => ["simulate", LocalScenario, "--plan", p, "--replicas", "1"],
            p => ["simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1", "--trace", p],
            p => ["compare", LocalScenario, "--plans", LocalPlan, p, "--replicas", "1"],
            p => ["explain", p, LocalScenario],
            p => ["explain", LocalPlan, p],
            p => ["import-wfcommons", p, "--map", "*=vm@aws/us-east-1", "--out", Path.Combine(setup, "never.yaml")],
            p => ["reconcile", p, LocalPlan],
            p => ["run", p, "--plan", LocalPlan, "--state", Path.Combine(setup, "never-state")],
            p => ["run", LocalScenario, "--plan", p, "--state", Path.Combine(setup, "never-state")],
            p => ["validate", LocalScenario, "--pricing", p],
        };
        foreach (var command in commands)
        {
            foreach (var path in bad)
            {
                CheckRefused($"{command("X")[0]} with input '{path}'", command(path), CaseFolders(cases).Out);
            }
        }

        Assert.False(File.Exists(Path.Combine(setup, "never.yaml")));
        Assert.False(Directory.Exists(Path.Combine(setup, "never-state")));
        Report();
    }

    [Fact]
    public void Fuzz_BadNumericOptions_RefusedNamingTheOptionAndTheAllowedRange()
    {
        var counts = new[] { "abc", "1e300", "-1", "0", "99999999999999999999", "", "1.5", "NaN" };
        var reals = new[] { "abc", "1e300", "-1", "NaN", "Infinity", "", "-Infinity", "1,5" };
        var seeds = new[] { "abc", "1e300", "99999999999999999999", "", "1.5" };
        var sim = new[] { "simulate", LocalScenario, "--plan", LocalPlan, "--replicas", "1" };
        var run = new[] { "run", LocalScenario, "--plan", LocalPlan };
        var planArgs = new[] { "plan", "scenarios/video-pipeline.yaml" };
        var table = new (string[] Prefix, string Option, string[] Values)[]
        {
            (["simulate", LocalScenario, "--plan", LocalPlan], "--replicas", counts.Append("100001").ToArray()),
            (sim, "--seed", seeds),
            (sim, "--runtime-cv", reals),
            (sim, "--bytes-cv", reals),
            (sim, "--failure-rate", reals.Append("1").Append("2").ToArray()),
            (sim, "--max-attempts", counts),
            (sim, "--retry-delay", reals),
            (sim, "--slots", counts),
            (sim, "--slots-at", ["aws/us-east-1=0", "aws/us-east-1=abc", "nowhere=2", "=3", "aws/us-east-1=1e300"]),
            (sim, "--rate-limit", ["gpt-4o-mini=-1", "gpt-4o-mini=abc", "=1", "gpt-4o-mini=NaN", "gpt-4o-mini=1e300", "gpt-4o-mini=0"]),
            (sim, "--overhead", reals),
            (sim, "--network", ["", "fast", "1"]),
            (planArgs, "--budget", ["abc", "1e300", "-1", "0", "", "NaN"]),
            (planArgs, "--time-limit", reals.Append("0").ToArray()),
            (planArgs, "--gap", reals.Append("100").ToArray()),
            (planArgs, "--deadline", ["abc", "1e300", "-1", "0", "", "5 parsecs", "1e300h"]),
            (planArgs, "--objective", ["", "money", "1"]),
            (planArgs, "--solver", ["", "gurobi"]),
            (run, "--parallel", counts),
            (run, "--per-location", counts),
            (run, "--seed", seeds),
            (["report", LocalPlan, LocalScenario, "--out", "never.html"], "--simulate", counts),
            (["report", LocalPlan, LocalScenario, "--out", "never.html", "--simulate", "2"], "--runtime-cv", reals),
        };
        foreach (var (prefix, option, values) in table)
        {
            foreach (var value in values)
            {
                var (_, outDir) = CaseFolders(cases);
                string[] args = [.. prefix, option, value];
                if (prefix[0] == "run")
                {
                    args = [.. args, "--state", Path.Combine(outDir, "state")];
                }

                var label = $"{prefix[0]} {option} '{value}'";
                var (exit, err) = CheckRefused(label, args, outDir);
                if (exit == 2 && !err.Contains(option, StringComparison.Ordinal))
                {
                    failures.Add($"{label}: the message does not name {option}: {err}");
                }

                if (err.Contains("System.", StringComparison.Ordinal) || err.Contains("`1", StringComparison.Ordinal))
                {
                    failures.Add($"{label}: the message shows a .NET type name: {err}");
                }
            }
        }

        Report();
    }

    private (int Exit, string Err) CheckRefused(string label, string[] args, string outDir)
    {
        var (exit, _, err) = RunCase(label, args);
        if (exit != 2)
        {
            failures.Add($"{label}: exit {exit}, expected 2 (args: {string.Join(' ', args)})\n{err}");
        }

        CheckClean(label, exit, err, "", outDir);
        return (exit, err);
    }

    /// <summary>Runs one case; returns its exit code (-1 when it threw). <paramref name="allowed"/> defaults to 0 and 2.</summary>
    private int Check(string label, string[] args, string outDir, params int[] allowed)
    {
        var (exit, output, err) = RunCase(label, args);
        if (exit == -1)
        {
            return -1;
        }

        var ok = allowed.Length == 0 ? exit is 0 or 2 : allowed.Contains(exit);
        if (!ok)
        {
            failures.Add($"{label}: exit {exit}, expected {(allowed.Length == 0 ? "0 or 2" : string.Join(" or ", allowed))} (args: {string.Join(' ', args)})\n{Head(err)}");
        }

        CheckClean(label, exit, err, output, outDir);
        return exit;
    }

    private (int Exit, string Out, string Err) RunCase(string label, string[] args)
    {
        cases++;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return CliRunner.Run(args);
        }
        catch (Exception e)
        {
            failures.Add($"{label}: threw {e.GetType().Name}: {Head(e.Message)} (args: {string.Join(' ', args)})");
            return (-1, "", "");
        }
        finally
        {
            var (count, time) = byCommand.GetValueOrDefault(args[0]);
            byCommand[args[0]] = (count + 1, time + clock.Elapsed);
        }
    }

    private void CheckClean(string label, int exit, string err, string output, string outDir)
    {
        foreach (var text in new[] { err, output })
        {
            if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception:", StringComparison.Ordinal) || text.Contains("Unhandled", StringComparison.Ordinal))
            {
                failures.Add($"{label}: a stack trace or exception text was printed:\n{Head(text)}");
            }
        }

        if (exit == 2)
        {
            if (!err.StartsWith("error: ", StringComparison.Ordinal))
            {
                failures.Add($"{label}: exit 2 without an 'error: ' line: {Head(err)}");
            }

            if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir, "*", SearchOption.AllDirectories).Any())
            {
                failures.Add($"{label}: refused, but left {string.Join(", ", Directory.EnumerateFileSystemEntries(outDir, "*", SearchOption.AllDirectories).Select(Path.GetFileName))} behind");
            }
        }
    }

    private (string Case, string Out) CaseFolders(int k)
    {
        var caseDir = Path.Combine(dir, k < 0 ? "setup" : $"case-{k}");
        var outDir = Path.Combine(caseDir, "out");
        Directory.CreateDirectory(outDir);
        return (caseDir, outDir);
    }

    private static string Sub(string outDir, string name)
    {
        var sub = Path.Combine(outDir, name);
        Directory.CreateDirectory(sub);
        return sub;
    }

    private static string Snapshot(string folder) =>
        string.Join("\n", Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => $"{p} {(File.Exists(p) ? new FileInfo(p).Length : -1)}"));

    private static string Head(string text) => text.Length > 600 ? text[..600] + "..." : text;

    private void Report()
    {
        log.WriteLine($"{cases} cases, {failures.Count} failing; " + string.Join(", ", byCommand.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Count} in {p.Value.Time.TotalSeconds:0.0} s")));
        Assert.True(failures.Count == 0, $"{failures.Count} failing of {cases} cases:\n" + string.Join("\n---\n", failures.Take(25)));
        Assert.True(cases >= 60, $"only {cases} cases ran");
    }
}
