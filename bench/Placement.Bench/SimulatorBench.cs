using System.Diagnostics;
using System.Globalization;
using Placement.Core.Timing;
using Placement.Simulation.Engine;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using Placement.Traces.Formats;
using Trace = Placement.Traces.Model.Trace;

namespace Placement.Bench;

/// <summary>
/// The simulator suite: (1) events per second of the core on the 1,004-task bwa trace, against a same-process
/// baseline (<see cref="FrozenBinaryHeap{T}"/>, the pre-issue-13 binary heap: schedule + dequeue of the same number of
/// entries); (2) wall time of 1,000 Monte Carlo replicas of that trace on every core and on one; (3) bytes allocated
/// per replica; (4) time and allocation per replica from 100 to 100,000 tasks (copies of the montage trace composed
/// into one DAG) and (5) on WfCommons-shaped DAGs of 1,000 to 100,000 tasks. Prints a plain table per part.
/// Arguments: [replicas] [--max-tasks N] (skip scaling rows above N tasks) [--loop-only SECONDS] (only the event loop).
/// </summary>
internal static class SimulatorBench
{
    public static int Run(string[] args)
    {
        var replicas = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var maxTasks = Option(args, "--max-tasks") ?? 110_000;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Console.WriteLine($"Simulator benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {load} at start (absolute rates vary with load; the ratio does less)");
        var network = new NetworkLinkTable(new NetworkModel(SimulatorWorkloads.Pricing));
        var noisy = SimulationOptions.Exact with { Runtime = new Variation(0.2), Bytes = new Variation(0.1), FailureProbability = 0.01, MaxAttempts = 3, DefaultSlots = 48 };

        var bwa = SimulatorWorkloads.LoadTrace("bwa-chameleon-large-001");
        var (bwaModel, bwaPlan) = SimulatorWorkloads.Planned(bwa);
        var model = SimulationModel.Build(bwaModel, bwaPlan, network, noisy);

        // (1) Events per second, single thread, against the frozen pre-issue-13 binary heap (same process, same event count).
        // The event loop runs on a reused ReplicaRunner, as every Monte Carlo worker does; the full replica builds its state afresh.
        var runner = new ReplicaRunner(model);
        var events = runner.CountEvents(new SeededRandomSource(1));
        if (Option(args, "--loop-only") is { } only)
        {
            // Profiling aid (e.g. under perf with DOTNET_PerfMapEnabled=1): only the event loop, for that many seconds.
            var (le, ls, lc) = Measure(seed => runner.CountEvents(new SeededRandomSource(seed)), only);
            Console.WriteLine($"loop only {le / ls:N0} events/s ({le / lc:N0} per CPU second)");
            return 0;
        }

        // Warm-up by time, not by count: tiered JIT promotes hot loops only after a while.
        Measure(seed => runner.CountEvents(new SeededRandomSource(seed)), 2.0);
        Measure(seed => Simulator.Run(model, new SeededRandomSource(seed)).EventCount, 1.0);
        Measure(_ => FrozenQueue((int)events), 1.0);
        Measure(_ => BareQueue((int)events), 1.0);
        // Rounds alternate simulator and baselines so load drift hits both; best round of each (wall and process CPU time).
        var sim = new Rate();
        var fullRun = new Rate();
        var frozen = new Rate();
        var bare = new Rate();
        for (var round = 0; round < 5; round++)
        {
            sim.Add(Measure(seed => runner.CountEvents(new SeededRandomSource(seed)), 1.0));
            fullRun.Add(Measure(seed => Simulator.Run(model, new SeededRandomSource(seed)).EventCount, 0.5));
            frozen.Add(Measure(_ => FrozenQueue((int)events), 1.0));
            bare.Add(Measure(_ => BareQueue((int)events), 0.5));
        }

        Console.WriteLine();
        Console.WriteLine($"1. Core speed on bwa ({bwa.Tasks.Count} tasks, {events} events per run, 48 slots per location, noisy); best of 5 rounds, events per wall second and per CPU second of the thread:");
        Console.WriteLine("                              wall ev/s     CPU ev/s   ratio to baseline (wall, CPU)");
        Console.WriteLine($"   simulator (event loop)   {sim.Wall,12:N0} {sim.Cpu,12:N0}   {sim.Wall / frozen.Wall,6:0.00} {sim.Cpu / frozen.Cpu,6:0.00}   target >= 10,000,000 events/s: {(sim.Wall >= 1e7 ? "met" : sim.Cpu >= 1e7 ? "met per CPU second, not on the wall clock" : "NOT met")}");
        Console.WriteLine($"   full replica with result {fullRun.Wall,12:N0} {fullRun.Cpu,12:N0}   {fullRun.Wall / frozen.Wall,6:0.00} {fullRun.Cpu / frozen.Cpu,6:0.00}   ({1000 * events / fullRun.Wall:0.000} ms per replica: fresh state, every per-node and per-move outcome)");
        Console.WriteLine($"   baseline                 {frozen.Wall,12:N0} {frozen.Cpu,12:N0}     1.00   1.00   (frozen pre-issue-13 binary heap: schedule + dequeue of as many entries)");
        Console.WriteLine($"   EventQueue alone         {bare.Wall,12:N0} {bare.Cpu,12:N0}   {bare.Wall / frozen.Wall,6:0.00} {bare.Cpu / frozen.Cpu,6:0.00}   (today's queue, same schedule + dequeue pattern)");

        // (2) 1,000 replicas on every core and on one; the heap is measured around it to get what a summary keeps per replica.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var summary = MonteCarloRunner.Run(model, replicas, masterSeed: 1);
        watch.Stop();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)replicas;
        var retained = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (double)replicas;
        var serial = Stopwatch.StartNew();
        var one = MonteCarloRunner.Run(model, replicas, masterSeed: 1, maxParallelism: 1);
        serial.Stop();
        var same = one.MakespanSeconds == summary.MakespanSeconds && one.TotalUsd == summary.TotalUsd;
        Console.WriteLine();
        Console.WriteLine($"2. Monte Carlo: {replicas} replicas of bwa in {watch.Elapsed.TotalSeconds:0.00} s on {Environment.ProcessorCount} cores "
            + $"({replicas / watch.Elapsed.TotalSeconds:0} replicas/s), {serial.Elapsed.TotalSeconds:0.00} s on 1 ({serial.Elapsed.TotalSeconds / watch.Elapsed.TotalSeconds:0.00}x); "
            + $"same summary on 1 and {Environment.ProcessorCount} threads: {(same ? "yes" : "NO")}; target < 10 s: {(watch.Elapsed.TotalSeconds < 10 ? "met" : "NOT met")}");
        Console.WriteLine($"   makespan p50 {summary.MakespanSeconds.P50.Value:0.0} s, p95 {summary.MakespanSeconds.P95.Value:0.0} s; cost p50 {summary.TotalUsd.P50.Value:0.0000} USD; completed {summary.CompletedShare:P1}");

        // (3) Memory per replica: bytes allocated by one run (full result included) and by the event loop alone.
        var before = GC.GetAllocatedBytesForCurrentThread();
        Simulator.Run(model, new SeededRandomSource(5));
        var full = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        runner.CountEvents(new SeededRandomSource(5));
        var loop = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine();
        Console.WriteLine($"3. Memory per replica (bwa): {full / 1024.0:0} KiB allocated by a full run with its result, {loop / 1024.0:0.0} KiB by the event loop alone on a reused runner "
            + $"({loop / (double)events:0} B/event); Monte Carlo allocates {allocated / 1024.0:0.0} KiB per replica and its summary retains {retained:0} B per replica (replica 0's full result included)");

        // (4) Scaling with composed DAGs; (5) with WfCommons-shaped DAGs (wide fan-outs and fan-ins, shared reference files).
        Console.WriteLine();
        Console.WriteLine("4. Scaling (copies of montage, 103 tasks each, chained; per replica on a reused runner, single thread):");
        Header();
        var montage = SimulatorWorkloads.LoadTrace("montage-chameleon-2mass-01d-001");
        double? baseline = null;
        foreach (var copies in new[] { 1, 10, 100, 1000 }.Where(c => c * montage.Tasks.Count <= maxTasks))
        {
            Scale(SimulatorWorkloads.Compose(montage, copies), network, noisy, ref baseline);
        }

        Console.WriteLine();
        Console.WriteLine("5. Scaling (WfCommons shapes: split, maps reading six shared files, refines, reduces, merge; per replica on a reused runner, single thread):");
        Header();
        baseline = null;
        foreach (var tasks in new[] { 1_000, 10_000, 100_000 }.Where(t => t <= maxTasks))
        {
            var text = WfCommonsShapes.Generate(tasks);
            var read = TraceReader.Read(text, $"shape-{tasks}.json");
            Scale(read.Value! with { Name = $"shape-{tasks}" }, network, noisy, ref baseline);
        }

        return 0;
    }

    private static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;
    }

    private static void Header() =>
        Console.WriteLine("    tasks     events   build ms   ms/replica  CPU ms/replica   CPU events/s   KiB/replica   CPU ms per 1k tasks");

    private static void Scale(Trace trace, NetworkLinkTable network, SimulationOptions noisy, ref double? baseline)
    {
        var (cm, plan) = SimulatorWorkloads.Planned(trace);
        var build = Stopwatch.StartNew();
        var m = SimulationModel.Build(cm, plan, network, noisy);
        build.Stop();
        var runner = new ReplicaRunner(m);
        var n = runner.CountEvents(new SeededRandomSource(1));
        Measure(seed => runner.CountEvents(new SeededRandomSource(seed)), 0.5); // warm-up
        var before = GC.GetAllocatedBytesForCurrentThread();
        runner.CountEvents(new SeededRandomSource(7));
        var kib = (GC.GetAllocatedBytesForCurrentThread() - before) / 1024.0;
        var (e, s, c) = Measure(seed => runner.CountEvents(new SeededRandomSource(seed)), 1.5, minRuns: 3);
        var runs = e / (double)n;
        var msPerReplica = s * 1000 / runs;
        var cpuMsPerReplica = c * 1000 / runs;
        var perK = cpuMsPerReplica / (trace.Tasks.Count / 1000.0);
        baseline ??= perK;
        Console.WriteLine($"   {trace.Tasks.Count,6} {n,10} {build.Elapsed.TotalMilliseconds,10:0} {msPerReplica,12:0.000} {cpuMsPerReplica,15:0.000} {e / c,14:N0} {kib,13:0} {perK,11:0.000} ({perK / baseline:0.00}x of the first row)");
    }

    private static (long Events, double Seconds, double CpuSeconds) Measure(Func<int, long> run, double minSeconds = 2.0, int minRuns = 1)
    {
        var cpu = ThreadCpu.Seconds();
        var watch = Stopwatch.StartNew();
        long total = 0;
        var seed = 100;
        while (watch.Elapsed.TotalSeconds < minSeconds || seed < 100 + minRuns)
        {
            total += run(seed++);
        }

        var wall = watch.Elapsed.TotalSeconds;
        return (total, wall, ThreadCpu.Seconds() - cpu);
    }

    /// <summary>Best rate over rounds, on the wall clock and per CPU second of the measuring thread (which other processes' load changes less).</summary>
    private sealed class Rate
    {
        public double Wall { get; private set; }

        public double Cpu { get; private set; }

        public void Add((long Events, double Seconds, double CpuSeconds) m)
        {
            Wall = Math.Max(Wall, m.Events / m.Seconds);
            Cpu = Math.Max(Cpu, m.Events / Math.Max(m.CpuSeconds, 1e-9));
        }
    }

    private static long FrozenQueue(int n)
    {
        var q = new FrozenBinaryHeap<object?>();
        var t = 0.0;
        for (var i = 0; i < n; i++)
        {
            q.Schedule(t + (i % 97), i % 4, null);
            if (i % 2 == 1)
            {
                q.TryDequeue(out t, out _);
            }
        }

        while (q.TryDequeue(out _, out _))
        {
        }

        return n;
    }

    private static long BareQueue(int n)
    {
        var q = new EventQueue<object?>();
        var t = 0.0;
        for (var i = 0; i < n; i++)
        {
            q.Schedule(t + (i % 97), i % 4, null);
            if (i % 2 == 1)
            {
                q.TryDequeue(out t, out _, out _);
            }
        }

        while (q.TryDequeue(out _, out _, out _))
        {
        }

        return n;
    }

    /// <summary>CPU seconds of the calling thread (clock_gettime CLOCK_THREAD_CPUTIME_ID on Linux; process CPU time elsewhere).</summary>
    private static class ThreadCpu
    {
        public static double Seconds()
        {
            if (OperatingSystem.IsLinux() && ClockGetTime(3, out var ts) == 0)
            {
                return ts.Seconds + (ts.Nanoseconds * 1e-9);
            }

            return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
