using System.Diagnostics;
using System.Globalization;
using Placement.Execution.Tests.Crash;

namespace Placement.Bench;

/// <summary>
/// The crash campaign of the test suite (<see cref="CrashHarness"/>, the real CLI SIGKILLed at seeded random moments
/// and resumed until the run succeeds) with many more kills: <c>crash [--kills N] [--nodes N] [--seed S] [--sleep SECONDS]</c>.
/// Prints kills, lost outputs, duplicate commits, re-executions not shown in the journal under their own attempt
/// number, and orphan processes.
/// </summary>
public static class CrashBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var kills = Arg(args, "--kills", 100);
        var nodes = Arg(args, "--nodes", 2 * kills + 10);
        var seed = Arg(args, "--seed", 1);
        var sleep = args.SkipWhile(a => a != "--sleep").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(0.4);
        var repo = FindRepo();
        var dll = Path.Combine(AppContext.BaseDirectory, "placement.dll");
        var folder = Path.Combine(Path.GetTempPath(), $"placement-crash-bench-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        try
        {
            var harness = new CrashHarness(dll, repo, folder);
            var figures = await harness.RunAsync(nodes, sleep, kills, seed, maxDelaySeconds: 1.5, log: Console.Out);
            Console.WriteLine();
            Console.WriteLine($"crash campaign: {nodes} command nodes ({sleep.ToString(CultureInfo.InvariantCulture)} s each), seed {seed}, {clock.Elapsed.TotalSeconds:0} s");
            Console.WriteLine(figures);
            return figures.Lost == 0 && figures.DuplicateCommits == 0 && figures.UnjournaledReExecutions == 0 && figures.Orphans == 0 ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp sweeper.
            }
        }
    }

    private static int Arg(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(fallback).First();

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Placement.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
