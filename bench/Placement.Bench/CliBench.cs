using System.Diagnostics;
using System.Globalization;

namespace Placement.Bench;

/// <summary>
/// The CLI suite: wall time of the command line itself (start-up included) on one trace, against the SimGrid
/// reference simulator (/work/shared/tools/sg-ref) on the same trace in the same run: import-wfcommons, validate,
/// plan, simulate (one replay), simulate --replicas 1000; then dagsim on the trace prepared by wf2plan.py. Each
/// command runs <c>--runs</c> times (default 5); the median is reported, with peak memory from /usr/bin/time when it
/// is installed; <c>--also PATH</c> times the one-replay command with a second build of the CLI too.
/// bench/cli-vs-simgrid.sh publishes the CLI (Native AOT, and ReadyToRun beside it) and builds dagsim, then runs this.
/// </summary>
internal static class CliBench
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var root = SimulatorWorkloads.Root;
        var cli = Arg("--cli", Path.Combine(root, "src", "Placement.Cli", "bin", "Release", "net10.0", "placement"));
        var dagsim = Arg("--dagsim", "");
        var sgRef = Arg("--sg-ref", "/work/shared/tools/sg-ref");
        var trace = Arg("--trace", "/work/shared/data/wfinstances/bwa-chameleon-large-001.json");
        var runs = int.Parse(Arg("--runs", "5"), CultureInfo.InvariantCulture);

        // --also PATH: a second build of the CLI (e.g. ReadyToRun beside Native AOT) timed on the one-replay command.
        var also = Arg("--also", "");
        var work = Directory.CreateTempSubdirectory("placement-cli-bench-").FullName;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Console.WriteLine($"CLI benchmark on {Environment.ProcessorCount} cores, load average {load} at start; CLI {cli}; trace {Path.GetFileName(trace)}; median of {runs} runs");
        Console.WriteLine("command                               wall s    CPU s  peak MiB   (median; CPU = user + system, which load on the machine changes less than wall)");
        var scenario = Path.Combine(work, "trace.yaml");
        var plan = Path.Combine(work, "plan.json");
        var pricing = Path.Combine(root, "pricing-data");
        var commands = new List<(string Name, string[] Args)>
        {
            ("import-wfcommons", ["import-wfcommons", trace, "--map", "bwa=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1", "*=vm@aws/us-east-1", "--out", scenario, "--pricing", pricing]),
            ("validate", ["validate", scenario, "--pricing", pricing]),
            ("plan", ["plan", scenario, "--out", plan, "--pricing", pricing]),
            ("simulate (1 replay)", ["simulate", scenario, "--plan", plan, "--trace", trace, "--replicas", "1", "--pricing", pricing]),
            ("simulate --replicas 1000", ["simulate", scenario, "--plan", plan, "--trace", trace, "--replicas", "1000", "--runtime-cv", "0.2", "--pricing", pricing]),
        };
        var results = new Dictionary<string, (double Wall, double Cpu)>(StringComparer.Ordinal);
        foreach (var (name, arguments) in commands)
        {
            var (wall, cpu, peak) = Median(cli, arguments, runs);
            results[name] = (wall, cpu);
            Console.WriteLine($"{name,-36} {wall,7:0.000} {cpu,8:0.000} {peak,9}");
        }

        if (also.Length > 0 && File.Exists(also))
        {
            var (wall, cpu, peak) = Median(also, commands.First(c => c.Name == "simulate (1 replay)").Args, runs);
            Console.WriteLine($"{"simulate (1 replay), " + Path.GetFileName(Path.GetDirectoryName(also)),-36} {wall,7:0.000} {cpu,8:0.000} {peak,9}");
        }

        if (dagsim.Length > 0 && File.Exists(dagsim))
        {
            var sgDir = Path.Combine(work, "sg");
            var prep = Process.Start(new ProcessStartInfo("python3", [Path.Combine(sgRef, "wf2plan.py"), trace, "alternate", sgDir]) { RedirectStandardOutput = true })!;
            prep.WaitForExit();
            string[] sgArgs = [Path.Combine(sgDir, "platform.xml"), Path.Combine(sgDir, "plan.txt"), "--cfg=network/model:CM02", "--cfg=network/TCP-gamma:0"];
            var (wall, cpu, peak) = Median(dagsim, sgArgs, runs);
            Console.WriteLine($"{"SimGrid 3.32 dagsim (reference)",-36} {wall,7:0.000} {cpu,8:0.000} {peak,9}");
            var ours = results["simulate (1 replay)"];
            Console.WriteLine($"ratio simulate / SimGrid: wall {ours.Wall / wall:0.00}, CPU {ours.Cpu / cpu:0.00} (target < 1 on wall)");

            // Head to head: one replay and dagsim alternate, so each pair ran under the same load (on a shared
            // machine the load moves between the blocks above).
            var simArgs = commands.First(c => c.Name == "simulate (1 replay)").Args;
            var pairs = Math.Max(runs, 5) * 2;
            var oursWalls = new List<double>();
            var sgWalls = new List<double>();
            for (var i = 0; i < pairs; i++)
            {
                oursWalls.Add(Median(cli, simArgs, 1).Wall);
                sgWalls.Add(Median(dagsim, sgArgs, 1).Wall);
            }

            oursWalls.Sort();
            sgWalls.Sort();
            var (oursMedian, sgMedian) = (oursWalls[pairs / 2], sgWalls[pairs / 2]);
            Console.WriteLine($"head to head, alternating, {pairs} pairs: simulate wall median {oursMedian:0.000} s (best {oursWalls[0]:0.000}), SimGrid {sgMedian:0.000} s (best {sgWalls[0]:0.000}); ratio of medians {oursMedian / sgMedian:0.00}, of bests {oursWalls[0] / sgWalls[0]:0.00}");
        }
        else
        {
            Console.WriteLine("SimGrid reference: not run (give --dagsim PATH; bench/cli-vs-simgrid.sh builds it)");
        }

        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static (double Wall, double Cpu, string PeakMib) Median(string program, string[] arguments, int runs)
    {
        var walls = new List<double>();
        var peaks = new List<double>();
        var cpus = new List<double>();
        var time = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        for (var i = 0; i < runs; i++)
        {
            var info = new ProcessStartInfo(time ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (time is not null)
            {
                info.ArgumentList.Add("-f");
                info.ArgumentList.Add("PEAK_KB=%M CPU_S=%U %S");
                info.ArgumentList.Add(program);
            }

            foreach (var a in arguments)
            {
                info.ArgumentList.Add(a);
            }

            var watch = Stopwatch.StartNew();
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            walls.Add(watch.Elapsed.TotalSeconds);
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {p.ExitCode}: {stderr.Result}");
            }

            var line = stderr.Result.Split('\n').LastOrDefault(l => l.StartsWith("PEAK_KB=", StringComparison.Ordinal));
            if (line is not null)
            {
                var parts = line.Split([' ', '='], StringSplitOptions.RemoveEmptyEntries);
                peaks.Add(double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024);
                cpus.Add(double.Parse(parts[3], CultureInfo.InvariantCulture) + double.Parse(parts[4], CultureInfo.InvariantCulture));
            }

            _ = stdout.Result;
        }

        walls.Sort();
        peaks.Sort();
        cpus.Sort();
        return (walls[walls.Count / 2], cpus.Count > 0 ? cpus[cpus.Count / 2] : double.NaN, peaks.Count > 0 ? peaks[peaks.Count / 2].ToString("0", CultureInfo.InvariantCulture) : "-");
    }
}
