using System.Globalization;
using System.Text;
using Placement.Execution.Journal;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Crash;

/// <summary>
/// The executor as the real CLI process, SIGKILLed while it copies the parts of an output into a destination's
/// bucket, then resumed until done: no part moves twice. Each part object present after a kill is stamped (its
/// modification time set to a sentinel); a part copied again would be a new file (objects are written to a
/// temporary name and renamed) and lose the stamp. The journal holds each (part, destination) once.
/// </summary>
public class PartsCrashTests
{
    // Enough parts that the copy outlasts a few polls of the folder even when the CLI starts and loads fast (160 parts of
    // 64 KiB were all copied between two polls on an idle machine once start-up got faster).
    private const int Parts = 1200;
    private const int PartBytes = 8 * 1024;

    private static string Yaml()
    {
        var parts = string.Join(", ", Enumerable.Range(0, Parts).Select(i => $"{{ name: p{i:000}, bytes: {PartBytes} }}"));
        var even = string.Join(", ", Enumerable.Range(0, Parts).Where(i => i % 2 == 0).Select(i => $"p{i:000}"));
        return new StringBuilder("name: parts-crash\nstorage: { default: gcp/us-west1, retentionMonths: 1 }\nnodes:\n")
            .Append($"  - {{ name: src, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.1 }}, parts: [{parts}], handler: {{ kind: noop }} }}\n")
            .Append("  - { name: r, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: command, run: \"cat in/src/* | wc -c | tr -d ' ' > $PLACEMENT_OUTPUT\" } }\n")
            .Append("  - { name: z, endpoint: { kind: vm, minVcpus: 2 }, persistence: none, work: { runtimeHours: 0.1 }, outputBytes: 10, handler: { kind: noop } }\n")
            .Append("edges:\n  - { from: src, to: r }\n")
            .Append($"  - {{ from: src, to: z, parts: [{even}] }}\n")
            .ToString();
    }

    [Fact]
    public async Task Run_KilledWhileCopyingPartsAndResumed_NoPartMovesTwiceAndEachIsJournaledOnce()
    {
        var folder = TestKit.TempFolder("parts-crash");
        var harness = new CrashHarness(TestKit.PlacementDll, TestKit.RepoRoot, folder);
        var scenario = Path.Combine(folder, "scenario.yaml");
        var (_, graph) = TestKit.Scenario(folder, Yaml());
        var planPath = Path.Combine(folder, "plan.json");
        File.WriteAllText(planPath, Data.Plans.PlanJson.Write(TestKit.PlanFor(graph, ("src", "gcp/us-west1"), ("r", "aws/us-east-1"), ("z", "azure/eastus"))));

        string? runId = null;
        var stamps = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var midMoveKills = 0;
        for (var session = 0; session < 10; session++)
        {
            using var p = harness.Start(harness.RunArgs(scenario, planPath, runId, "5"));
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            runId ??= await RunIdAsync(folder);
            var partsFolder = PartsFolder(folder, runId);
            var before = Present(partsFolder).Count;
            var killed = false;
            while (!p.HasExited && midMoveKills < 3)
            {
                // Kill once this session copied a part and before it copied the last one: in the middle of the move.
                var now = Present(partsFolder).Count;
                if (now > before && now < Parts)
                {
                    p.Kill();
                    killed = true;
                    break;
                }

                await Task.Delay(1);
            }

            await p.WaitForExitAsync();
            if (!killed)
            {
                Assert.True(p.ExitCode == 0, await output + await error);
                break;
            }

            midMoveKills++;
            foreach (var file in Present(partsFolder))
            {
                // The stamp: a part written again (a new file renamed over it) would not keep it.
                if (!stamps.ContainsKey(file))
                {
                    var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(stamps.Count);
                    File.SetLastWriteTimeUtc(file, stamp);
                    stamps[file] = stamp;
                }
            }
        }

        Assert.True(midMoveKills >= 1, "no kill landed in the middle of the move");
        Assert.NotNull(runId);
        var rewritten = stamps.Where(s => File.GetLastWriteTimeUtc(s.Key) != s.Value).Select(s => Path.GetFileName(s.Key)).ToList();
        Assert.True(rewritten.Count == 0, $"parts moved twice: {string.Join(", ", rewritten)}");
        Assert.Equal(Parts, Present(PartsFolder(folder, runId!)).Count);
        Assert.True(stamps.Count > 0 && stamps.Count < Parts, $"{stamps.Count} part(s) stamped");

        using var journal = new SqliteJournal(Path.Combine(folder, "state", "journal.db"));
        var rows = journal.PartTransfers(runId!);
        Assert.Equal(Parts, rows.Count(r => r.To == "aws/us-east-1"));
        Assert.Equal(Parts / 2, rows.Count(r => r.To == "azure/eastus"));
        Assert.Equal(rows.Count, rows.Select(r => (r.Part, r.To)).Distinct().Count());
        var transfers = journal.Transfers(runId!).Where(t => t.Data == "src").ToDictionary(t => t.To, t => t.Bytes);
        Assert.Equal((long)Parts * PartBytes, transfers["aws/us-east-1"]);
        Assert.Equal((long)Parts / 2 * PartBytes, transfers["azure/eastus"]);
        Assert.Equal(((long)Parts * PartBytes).ToString(CultureInfo.InvariantCulture), File.ReadAllText(TestKit.OutputFile(Path.Combine(folder, "state"), "aws/us-east-1", "parts-crash", runId!, "r")).Trim());
    }

    private static string PartsFolder(string folder, string runId) =>
        Path.Combine([folder, "state", "buckets", "aws", "us-east-1", .. (StorageKey.ForRunOutput("parts-crash", runId, "src") + ".parts").Split('/')]);

    private static List<string> Present(string partsFolder) =>
        Directory.Exists(partsFolder) ? [.. Directory.GetFiles(partsFolder)] : [];

    private static async Task<string> RunIdAsync(string folder)
    {
        // The run id from the journal (the first line of the output is read by ReadToEndAsync).
        var path = Path.Combine(folder, "state", "journal.db");
        for (var i = 0; i < 3000; i++)
        {
            if (File.Exists(path))
            {
                using var journal = new SqliteJournal(path);
                if (journal.Runs().FirstOrDefault() is { } run)
                {
                    return run.RunId;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no run in the journal after 30 s");
    }
}
