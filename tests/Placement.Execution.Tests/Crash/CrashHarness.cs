using System.Diagnostics;
using System.Globalization;
using System.Text;
using Placement.Core.Model;
using Placement.Execution.Journal;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Crash;

/// <summary>What a crash campaign measured (docs/executors.md, "Crash test").</summary>
/// <param name="Kills">SIGKILLs sent to the executor.</param>
/// <param name="Sessions">Executor processes started (the first run, then one per resume).</param>
/// <param name="Lost">Nodes without a valid commit at the end, or whose object does not have the committed hash.</param>
/// <param name="DuplicateCommits">Commits beyond one per idempotency key (valid or invalidated).</param>
/// <param name="Executions">Command executions the side-effect log recorded.</param>
/// <param name="ReExecutions">Executions beyond one per node.</param>
/// <param name="UnjournaledReExecutions">Executions whose (node, attempt) the journal lacks, or that share one attempt number.</param>
/// <param name="Interrupted">Attempts the journal shows as interrupted.</param>
/// <param name="Orphans">Command processes still alive 2 s after their executor was killed.</param>
public sealed record CrashFigures(int Kills, int Sessions, int Lost, int DuplicateCommits, int Executions, int ReExecutions, int UnjournaledReExecutions, int Interrupted, int Orphans)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"kills {Kills}, sessions {Sessions}, lost {Lost}, duplicate commits {DuplicateCommits}, executions {Executions} ({ReExecutions} re-executions, {UnjournaledReExecutions} not in the journal with their own attempt number), interrupted attempts {Interrupted}, orphans {Orphans}");
}

/// <summary>
/// Drives the real CLI (<c>dotnet placement.dll run</c>) on a scenario whose commands append <c>NODE ATTEMPT</c>
/// to a side-effect log, SIGKILLs the executor at seeded random moments, resumes until the run succeeds, then
/// checks the journal, the buckets, the log and <c>/proc</c>. Shared by the crash test and the bench's crash suite.
/// </summary>
public sealed class CrashHarness(string placementDll, string repoRoot, string folder)
{
    private string Pricing => Path.Combine(repoRoot, "pricing-data");

    private string State => Path.Combine(folder, "state");

    private string SideLog => Path.Combine(folder, "side-effects.log");

    /// <summary>A diamond-ish DAG of <paramref name="nodes"/> command nodes, each logging its execution and sleeping a little.</summary>
    public static string Scenario(int nodes, double sleepSeconds)
    {
        var sleep = sleepSeconds.ToString(CultureInfo.InvariantCulture);
        var yaml = new StringBuilder("name: crash\nstorage: { default: aws/us-east-1, retentionMonths: 1 }\nnodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture,
                $"  - {{ name: n{i}, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.1 }}, outputBytes: 100, handler: {{ kind: command, run: \"echo $PLACEMENT_NODE $PLACEMENT_ATTEMPT >> $PLACEMENT_SCENARIO_DIR/side-effects.log; sleep {sleep}; (echo $PLACEMENT_NODE; cat in/* 2>/dev/null | wc -c) > $PLACEMENT_OUTPUT\" }} }}\n");
        }

        yaml.Append(nodes > 1 ? "edges:\n" : "edges: []\n");
        for (var i = 1; i < nodes; i++)
        {
            // Each node reads its predecessor, and every third one also the node two back: chains with joins.
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ from: n{i - 1}, to: n{i} }}\n");
            if (i % 3 == 0 && i >= 2)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - {{ from: n{i - 2}, to: n{i} }}\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>Writes the scenario and its plan (made by <c>placement plan</c>); returns their paths.</summary>
    public async Task<(string Scenario, string Plan)> PrepareAsync(int nodes, double sleepSeconds)
    {
        Directory.CreateDirectory(folder);
        var scenario = Path.Combine(folder, "scenario.yaml");
        var plan = Path.Combine(folder, "plan.json");
        await File.WriteAllTextAsync(scenario, Scenario(nodes, sleepSeconds));
        var (code, output, error) = await RunToEndAsync("plan", scenario, "--out", plan, "--pricing", Pricing);
        if (code != 0)
        {
            throw new InvalidOperationException($"placement plan failed ({code}): {output}{error}");
        }

        return (scenario, plan);
    }

    /// <summary>Starts the CLI with these arguments (output redirected).</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        info.ArgumentList.Add(placementDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info)!;
    }

    /// <summary>The arguments of a run (or a resume of <paramref name="runId"/>).</summary>
    public string[] RunArgs(string scenario, string plan, string? runId, string seed) =>
        runId is null
            ? ["run", scenario, "--plan", plan, "--state", State, "--pricing", Pricing, "--seed", seed]
            : ["run", scenario, "--plan", plan, "--state", State, "--pricing", Pricing, "--seed", seed, "--resume", runId];

    /// <summary>Runs the CLI to the end.</summary>
    public async Task<(int Code, string Out, string Err)> RunToEndAsync(params string[] args)
    {
        using var p = Start(args);
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await o, await e);
    }

    /// <summary>
    /// The campaign: <paramref name="kills"/> SIGKILLs at seeded random moments (0 to <paramref name="maxDelaySeconds"/>
    /// after the session's first node started), a resume after each, then a last session that runs to the end.
    /// </summary>
    public async Task<CrashFigures> RunAsync(int nodes, double sleepSeconds, int kills, int seed, double maxDelaySeconds, TextWriter? log = null)
    {
        var (scenario, plan) = await PrepareAsync(nodes, sleepSeconds);
        var random = new Random(seed);
        string? runId = null;
        var killed = 0;
        var sessions = 0;
        var orphans = 0;
        while (true)
        {
            sessions++;
            using var p = Start(RunArgs(scenario, plan, runId, seed.ToString(CultureInfo.InvariantCulture)));
            var stderr = p.StandardError.ReadToEndAsync();
            var first = await p.StandardOutput.ReadLineAsync();
            runId ??= first is not null && first.StartsWith("Run ", StringComparison.Ordinal) ? first.Split(' ')[1] : null;
            var seen = new StringBuilder();
            if (killed < kills)
            {
                // Kill points are drawn from the first node start on, so a loaded machine's slow start-up does not eat them.
                while (await p.StandardOutput.ReadLineAsync() is { } line)
                {
                    seen.Append(line).Append('\n');
                    if (line.StartsWith("start", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }

            var rest = p.StandardOutput.ReadToEndAsync();
            if (killed < kills)
            {
                var delay = TimeSpan.FromSeconds(random.NextDouble() * maxDelaySeconds);
                var exited = p.WaitForExitAsync();
                if (await Task.WhenAny(exited, Task.Delay(delay)) != exited)
                {
                    p.Kill(); // SIGKILL to the executor alone: its commands must not outlive it.
                    await p.WaitForExitAsync();
                    killed++;
                    runId ??= SoleRunId();
                    orphans += await OrphansAfterAsync(runId, TimeSpan.FromSeconds(2));
                    log?.WriteLine($"kill {killed} after {delay.TotalSeconds:0.00} s (run {runId})");
                    continue;
                }
            }

            await p.WaitForExitAsync();
            var output = first + "\n" + seen + await rest;
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"session {sessions} exited {p.ExitCode}: {output}{await stderr}");
            }

            break;
        }

        return Measure(runId!, nodes, killed, sessions, orphans);
    }

    /// <summary>The one run of the state folder (a kill before the run id was printed).</summary>
    public string? SoleRunId()
    {
        if (!File.Exists(Path.Combine(State, "journal.db")))
        {
            return null;
        }

        using var journal = new SqliteJournal(Path.Combine(State, "journal.db"));
        return journal.Runs().SingleOrDefault()?.RunId;
    }

    /// <summary>Processes whose environment names the run (every command and its children) still alive after <paramref name="grace"/>.</summary>
    public static async Task<int> OrphansAfterAsync(string? runId, TimeSpan grace)
    {
        if (runId is null)
        {
            return 0;
        }

        var deadline = DateTime.UtcNow + grace;
        int alive;
        do
        {
            alive = ProcessesOf(runId).Count;
            if (alive == 0)
            {
                return 0;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return alive;
    }

    /// <summary>Pids of live processes whose environment holds <c>PLACEMENT_RUN_ID=RUN_ID</c>.</summary>
    public static IReadOnlyList<int> ProcessesOf(string runId)
    {
        var marker = Encoding.UTF8.GetBytes($"PLACEMENT_RUN_ID={runId}\0");
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var env = File.ReadAllBytes(Path.Combine(dir, "environ"));
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (env.AsSpan().IndexOf(marker) >= 0 && stat[(stat.LastIndexOf(')') + 2)] != 'Z')
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours.
            }
        }

        return pids;
    }

    /// <summary>Checks the final state of a run against the side-effect log.</summary>
    public CrashFigures Measure(string runId, int nodes, int kills, int sessions, int orphans)
    {
        using var journal = new SqliteJournal(Path.Combine(State, "journal.db"));
        var commits = journal.Commits(runId);
        var backend = new LocalFolderBackend(Path.Combine(State, "buckets"));
        var lost = 0;
        var duplicates = 0;
        for (var i = 0; i < nodes; i++)
        {
            var node = $"n{i}";
            duplicates += Math.Max(0, journal.CommitCount($"{runId}/{node}") - 1);
            if (!commits.TryGetValue(node, out var c))
            {
                lost++;
                continue;
            }

            var stored = ContentHash.OfObjectAsync(backend, Location.Parse(c.StorageHome), c.ObjectKey, default).GetAwaiter().GetResult();
            if (stored != (c.Sha256, c.Bytes))
            {
                lost++;
            }
        }

        var attempts = journal.Attempts(runId);
        var journaled = attempts.Select(a => (a.Node, a.Attempt)).ToHashSet();
        var executions = File.Exists(SideLog)
            ? File.ReadAllLines(SideLog).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(f => (Node: f[0], Attempt: int.Parse(f[1], CultureInfo.InvariantCulture))).ToList()
            : [];
        var unjournaled = executions.Count(e => !journaled.Contains(e)) + executions.GroupBy(e => e).Sum(g => g.Count() - 1);
        var reExecutions = executions.GroupBy(e => e.Node).Sum(g => g.Count() - 1);
        return new CrashFigures(kills, sessions, lost, duplicates, executions.Count, reExecutions, unjournaled, attempts.Count(a => a.Status == "interrupted"), orphans);
    }
}
