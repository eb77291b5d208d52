using System.CommandLine;
using System.Globalization;
using Placement.Execution.Engine;
using Placement.Execution.Journal;
using Placement.Execution.Ports;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement runs [--state DIR]</c>: lists the runs of a state folder, oldest first: id, status (<c>running</c>
/// while a live process owns it, <c>interrupted</c> when its owner died), start, scenario, plan file and trace path.
/// Reads only: a state folder without a journal says so and writes nothing.
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CliConsole console)
    {
        var state = new Option<string>("--state") { Description = "Folder of the journal, buckets and run folders", DefaultValueFactory = _ => ".placement" };
        var command = new Command("runs", "List the runs of a state folder (status, start, plan, trace).");
        command.Options.Add(state);
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(state)!;
            var path = EmbeddedExecutor.JournalPath(folder);
            if (!File.Exists(path))
            {
                console.Line($"No runs in {folder} (no journal at {path}).");
                return 0;
            }

            using var journal = new SqliteJournal(path);
            var runs = journal.Runs();
            if (runs.Count == 0)
            {
                console.Line($"No runs in {folder}.");
                return 0;
            }

            var table = new Data.Reports.TextTable("run", "status", "started (UTC)", "scenario", "plan", "trace");
            foreach (var r in runs)
            {
                var status = r.Status.ToString().ToLowerInvariant();
                if (r.Status == RunStatus.Running && (journal.Lease(r.RunId) is not { } lease || !RunLeaseState.IsAlive(lease)))
                {
                    status = "interrupted";
                }

                var trace = Path.Combine(Path.GetFullPath(folder), "runs", r.RunId, "trace.json");
                table.Add(r.RunId, status, r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Scenario,
                    r.PlanFile ?? $"(hash {r.PlanHash[..Math.Min(12, r.PlanHash.Length)]})", File.Exists(trace) ? trace : "(none yet)");
            }

            console.Table(table);
            console.Line($"Resume one with: placement run SCENARIO --plan PLAN --resume RUN_ID{(Path.GetFullPath(folder) == Path.GetFullPath(".placement") ? "" : $" --state {folder}")}");
            return 0;
        });
        return command;
    }
}
