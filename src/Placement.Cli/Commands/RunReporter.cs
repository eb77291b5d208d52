using Placement.Execution.Ports;
using Spectre.Console;

namespace Placement.Cli.Commands;

/// <summary>
/// Shows a run's progress: a live Spectre.Console progress bar when a terminal is attached, else one plain line
/// per event (pipes, CI logs, tests). The first line always names the run id, so a caller can resume it.
/// </summary>
internal sealed class RunReporter(CliConsole console, int nodeCount)
{
    private readonly object gate = new();

    public RunResult Run(Func<IProgress<RunEvent>, Task<RunResult>> start)
    {
        if (console.Ansi is { } ansi)
        {
            RunResult? result = null;
            ansi.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(ctx =>
            {
                var bar = ctx.AddTask("starting", maxValue: nodeCount);
                var progress = new Reporter(e =>
                {
                    lock (gate)
                    {
                        switch (e)
                        {
                            case RunEvent.RunStarted r:
                                bar.Description = Markup.Escape($"{r.RunId}: started");
                                break;
                            case RunEvent.NodeStarted s:
                                bar.Description = Markup.Escape($"{e.RunId}: {s.Node} @ {s.Location}");
                                break;
                            case RunEvent.NodeCommitted c:
                                bar.Increment(1);
                                bar.Description = Markup.Escape($"{e.RunId}: {c.Node} {c.Kind.ToString().ToLowerInvariant()}");
                                break;
                            case RunEvent.NodeAttemptFailed f:
                                ansi.MarkupLine($"[yellow]{Markup.Escape($"{f.Node} attempt {f.Attempt} failed: {f.Error}")}[/]");
                                break;
                            case RunEvent.NodeFailed f:
                                ansi.MarkupLine($"[red]{Markup.Escape($"{f.Node} failed: {f.Error}")}[/]");
                                break;
                        }
                    }
                });
                result = start(progress).GetAwaiter().GetResult();
            });
            return result!;
        }

        var announced = false;
        var plain = new Reporter(e =>
        {
            lock (gate)
            {
                if (!announced)
                {
                    console.Line($"Run {e.RunId} started.");
                    announced = true;
                }

                if (e is not RunEvent.RunStarted)
                {
                    console.Line(Describe(e));
                }

                console.Out.Flush();
            }
        });
        return start(plain).GetAwaiter().GetResult();
    }

    private static string Describe(RunEvent e) => e switch
    {
        RunEvent.NodeStarted s => s.Fallback is { } kind
            ? $"start    {s.Node} at {s.Location} (attempt {s.Attempt}, fallback {kind})"
            : $"start    {s.Node} at {s.Location} (attempt {s.Attempt})",
        RunEvent.NodeCommitted c => $"commit   {c.Node} {c.Kind.ToString().ToLowerInvariant()} {c.Bytes} bytes -> {c.Uri}",
        RunEvent.NodeAttemptFailed f => $"retry    {f.Node} attempt {f.Attempt} failed: {f.Error}" + (f.RetryInSeconds is { } d ? $" (again in {d:0.00} s)" : ""),
        RunEvent.NodeFailed f => $"failed   {f.Node}: {f.Error}",
        RunEvent.TransferDone t => $"transfer {t.Data} {t.From} -> {t.To} {t.Bytes} bytes ({t.Mode})",
        RunEvent.TransferRetry r => $"retry    transfer of {r.Data} to {r.To} attempt {r.Attempt}: {r.Error} (again in {r.RetryInSeconds:0.00} s)",
        _ => e.ToString(),
    };

    /// <summary>Reports synchronously on the calling thread (no synchronisation-context hop, so lines keep their order).</summary>
    private sealed class Reporter(Action<RunEvent> report) : IProgress<RunEvent>
    {
        public void Report(RunEvent value) => report(value);
    }
}
