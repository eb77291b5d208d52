using System.Diagnostics;
using System.Globalization;
using Placement.Core.Timing;
using Placement.Simulation.Engine;
using Placement.Simulation.MonteCarlo;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;

namespace Placement.Bench;

/// <summary>
/// The simulator suite: (1) events per second of the core on the 1,004-task bwa trace, against a same-process
/// baseline (the bare event queue: schedule + dequeue of the same number of entries); (2) wall time of 1,000
/// Monte Carlo replicas of that trace on every core; (3) bytes allocated per replica; (4) time per replica from
/// 100 to 10,000 tasks (copies of the montage trace composed into one DAG). Prints a plain table per part.
/// </summary>
internal static class SimulatorBench
{
    public static int Run(string[] args)
    {
        var replicas = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Console.WriteLine($"Simulator benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {load} at start (absolute rates vary with load; the ratio does less)");
        var network = new NetworkLinkTable(new NetworkModel(SimulatorWorkloads.Pricing));
        var noisy = SimulationOptions.Exact with { Runtime = new Variation(0.2), Bytes = new Variation(0.1), FailureProbability = 0.01, MaxAttempts = 3, DefaultSlots = 48 };

        var bwa = SimulatorWorkloads.LoadTrace("bwa-chameleon-large-001");
        var (bwaModel, bwaPlan) = SimulatorWorkloads.Planned(bwa);
        var model = SimulationModel.Build(bwaModel, bwaPlan, network, noisy);

        // (1) Events per second, single thread, against the bare queue.
        var events = Simulator.CountEvents(model, new SeededRandomSource(1));
        // Warm-up by time, not by count: tiered JIT promotes hot loops only after a while.
        Measure(seed => Simulator.CountEvents(model, new SeededRandomSource(seed)), 2.0);
        Measure(_ => BareQueue((int)events), 1.0);
        var (simEvents, simSeconds) = Measure(seed => Simulator.CountEvents(model, new SeededRandomSource(seed)), 3.0);
        var (queueEvents, queueSeconds) = Measure(_ => BareQueue((int)events), 3.0);
        var simRate = simEvents / simSeconds;
        var queueRate = queueEvents / queueSeconds;
        Console.WriteLine();
        Console.WriteLine($"1. Core speed on bwa ({bwa.Tasks.Count} tasks, {events} events per run, 48 slots per location, noisy):");
        Console.WriteLine($"   simulator       {simRate,14:N0} events/s");
        Console.WriteLine($"   bare queue      {queueRate,14:N0} events/s (baseline: schedule + dequeue only)");
        Console.WriteLine($"   ratio           {simRate / queueRate,14:0.000} (simulator / baseline); target >= 1,000,000 events/s: {(simRate >= 1e6 ? "met" : "NOT met")}");

        // (2) 1,000 replicas on every core; the heap is measured around it to get what a summary keeps per replica.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var summary = MonteCarloRunner.Run(model, replicas, masterSeed: 1);
        watch.Stop();
        var retained = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (double)replicas;
        Console.WriteLine();
        Console.WriteLine($"2. Monte Carlo: {replicas} replicas of bwa in {watch.Elapsed.TotalSeconds:0.00} s on {Environment.ProcessorCount} cores "
            + $"({replicas / watch.Elapsed.TotalSeconds:0} replicas/s); target < 10 s: {(watch.Elapsed.TotalSeconds < 10 ? "met" : "NOT met")}");
        Console.WriteLine($"   makespan p50 {summary.MakespanSeconds.P50.Value:0.0} s, p95 {summary.MakespanSeconds.P95.Value:0.0} s; cost p50 {summary.TotalUsd.P50.Value:0.0000} USD; completed {summary.CompletedShare:P1}");

        // (3) Memory per replica: bytes allocated by one run (full result included) and by the event loop alone.
        var before = GC.GetAllocatedBytesForCurrentThread();
        Simulator.Run(model, new SeededRandomSource(5));
        var full = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        Simulator.CountEvents(model, new SeededRandomSource(5));
        var loop = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine();
        Console.WriteLine($"3. Memory per replica (bwa): {full / 1024.0:0} KiB allocated by a full run with its result, {loop / 1024.0:0} KiB by the event loop alone "
            + $"({loop / (double)events:0} B/event); the Monte Carlo summary retains {retained:0} B per replica (replica 0's full result included)");

        // (4) Scaling with composed DAGs.
        Console.WriteLine();
        Console.WriteLine("4. Scaling (copies of montage, 103 tasks each, chained; per replica, single thread):");
        Console.WriteLine("   tasks    events   build ms   ms/replica   events/s        ms per 1k tasks");
        var montage = SimulatorWorkloads.LoadTrace("montage-chameleon-2mass-01d-001");
        double? baseline = null;
        foreach (var copies in new[] { 1, 10, 50, 100 })
        {
            var trace = SimulatorWorkloads.Compose(montage, copies);
            var build = Stopwatch.StartNew();
            var (cm, plan) = SimulatorWorkloads.Planned(trace);
            var m = SimulationModel.Build(cm, plan, network, noisy);
            build.Stop();
            var n = Simulator.CountEvents(m, new SeededRandomSource(1));
            Measure(seed => Simulator.CountEvents(m, new SeededRandomSource(seed)), 0.5); // warm-up
            var (e, s) = Measure(seed => Simulator.CountEvents(m, new SeededRandomSource(seed)), 1.5);
            var runs = e / (double)n;
            var msPerReplica = s * 1000 / runs;
            var perK = msPerReplica / (trace.Tasks.Count / 1000.0);
            baseline ??= perK;
            Console.WriteLine($"   {trace.Tasks.Count,6} {n,9} {build.Elapsed.TotalMilliseconds,10:0} {msPerReplica,12:0.000} {e / s,12:N0}   {perK,8:0.000} ({perK / baseline:0.00}x of 103 tasks)");
        }

        return 0;
    }

    private static (long Events, double Seconds) Measure(Func<int, long> run, double minSeconds = 2.0)
    {
        var watch = Stopwatch.StartNew();
        long total = 0;
        var seed = 100;
        while (watch.Elapsed.TotalSeconds < minSeconds)
        {
            total += run(seed++);
        }

        return (total, watch.Elapsed.TotalSeconds);
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
}
