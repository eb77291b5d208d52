using Placement.Execution.Ports;
using Placement.Traces.Formats;

namespace Placement.Execution.Tests.Engine;

/// <summary>Transfers' start and end are read from the injected clock, journaled, and written to the run trace as measured.</summary>
public class TransferTimingTests
{
    [Fact]
    public async Task StartAsync_SteppingClock_TraceTransferTimesEqualJournalAndLieBetweenProducerAndConsumer()
    {
        var folder = TestKit.TempFolder("timing");
        var (_, graph) = TestKit.Scenario(folder, Scenarios.Spread);
        TestKit.WriteBytes(Path.Combine(folder, "raw.bin"), 5000);
        var plan = TestKit.PlanFor(graph, Scenarios.SpreadPlacement);
        var clock = new SteppingClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), TimeSpan.FromMilliseconds(7));
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder), time: clock);
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder, Pricing: TestKit.Pricing), null, default);
        Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));

        var run = executor.Journal.Run(result.RunId)!;
        var journaled = executor.Journal.Transfers(result.RunId).ToDictionary(t => (t.Data, t.To));
        var trace = TraceReader.Read(File.ReadAllText(result.TracePath), result.TracePath);
        Assert.True(trace.Ok, string.Join("\n", trace.Problems));
        var tasks = trace.Value!.Tasks.ToDictionary(t => t.Id, t => t.Placement!);
        var transfers = trace.Value.Run!.Transfers;
        Assert.Equal(5, transfers.Count);
        foreach (var t in transfers)
        {
            var row = journaled[(t.Data, t.To.ToString())];
            Assert.Equal("measured", t.Timing);
            Assert.Equal(Math.Round((row.StartedAt!.Value - run.StartedAt).TotalSeconds, 6), t.StartSeconds);
            Assert.Equal(Math.Round((row.EndedAt!.Value - run.StartedAt).TotalSeconds, 6), t.EndSeconds);
            Assert.True(t.EndSeconds > t.StartSeconds, $"{t.Data} -> {t.To}");

            // Where the move sits against the tasks around it, by mode.
            var consumers = graph.Readers(t.Data).Select(e => e.To).Where(c => tasks[c].Location == t.To).ToList();
            var producerEnd = tasks.TryGetValue(t.Data, out var producer) ? producer.EndSeconds : 0;
            switch (t.Mode)
            {
                case "route-back":
                    // Inside its producer: after the handler, before the commit.
                    Assert.InRange(t.StartSeconds, producer!.StartSeconds, producer.EndSeconds);
                    Assert.InRange(t.EndSeconds, producer.StartSeconds, producer.EndSeconds);
                    break;
                case "stream-to-consumer":
                    // The consumer reads it as it runs.
                    Assert.True(t.StartSeconds > producerEnd, $"{t.Data}: {t.StartSeconds} after {producerEnd}");
                    Assert.All(consumers, c => Assert.InRange(t.StartSeconds, tasks[c].StartSeconds, tasks[c].EndSeconds));
                    break;
                default:
                    // Staged: after the producer committed, before any consumer at the destination starts.
                    Assert.True(t.StartSeconds > producerEnd, $"{t.Data}: {t.StartSeconds} after {producerEnd}");
                    Assert.NotEmpty(consumers);
                    Assert.All(consumers, c => Assert.True(t.EndSeconds < tasks[c].StartSeconds, $"{t.Data} -> {c}: {t.EndSeconds} before {tasks[c].StartSeconds}"));
                    break;
            }
        }

        Assert.Contains(transfers, t => t.Mode == "server-copy");
        Assert.Contains(transfers, t => t.Mode == "stream-to-consumer");
        Assert.Contains(transfers, t => t.Mode == "route-back");
    }
}
