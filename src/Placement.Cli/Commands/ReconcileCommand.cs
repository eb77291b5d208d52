using System.CommandLine;
using System.Globalization;
using Placement.Data;
using Placement.Data.Reports;
using Placement.Execution.Records;

namespace Placement.Cli.Commands;

/// <summary>
/// <c>placement reconcile PLAN.json RUN_TRACE [--csv FILE]</c>: predicted vs measured bytes and USD per node and
/// per transfer, from a plan file and the trace a run wrote.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CliConsole console)
    {
        var plan = new Argument<string>("plan") { Description = "Plan JSON file" };
        var trace = new Argument<string>("trace") { Description = "Run trace (RUN_FOLDER/trace.json)" };
        var csv = new Option<string?>("--csv") { Description = "Also write the lines as CSV to FILE" };
        var command = new Command("reconcile", "Compare a plan with a run: predicted vs measured bytes and cost per node and transfer.");
        command.Arguments.Add(plan);
        command.Arguments.Add(trace);
        command.Options.Add(csv);
        command.SetAction(parse =>
        {
            var planPath = parse.GetRequiredValue(plan);
            var tracePath = parse.GetRequiredValue(trace);
            var outputs = new OutputFiles(planPath, tracePath);
            var csvPath = outputs.File("--csv", parse.GetValue(csv));
            outputs.ThrowIfBad();
            var lines = Lines(planPath, tracePath);
            if (csvPath is not null)
            {
                outputs.Write("--csv", csvPath, Reconciliation.Csv(lines));
            }

            console.Heading($"Reconciliation of {planPath} with {tracePath}");
            console.Line();
            console.Line("Nodes (bytes: output size; usd: compute + services + LLM)");
            console.Table(Table(lines.Where(l => l.Kind == "node"), "node", "location", "home"));
            console.Line();
            console.Line("Transfers");
            var transfers = lines.Where(l => l.Kind == "transfer").ToList();
            if (transfers.Count == 0)
            {
                console.Line("(none planned, none measured)");
            }
            else
            {
                console.Table(Table(transfers, "data", "from", "to"));
            }

            // Outputs with parts: each part of their transfers, planned vs moved (from the run's manifest beside the trace).
            if (lines.Where(l => l.Kind == "part").ToList() is { Count: > 0 } parts)
            {
                console.Line();
                console.Line("Parts (of the transfers above; usd: the part's share by bytes)");
                console.Table(Table(parts, "data/part", "from", "to"));
            }

            console.Line();
            var predicted = lines.Where(l => l.Kind != "part").Sum(l => l.PredictedUsd);
            var measured = lines.Where(l => l.Kind != "part").Sum(l => l.MeasuredUsd ?? 0);
            var bytesPlanned = transfers.Sum(l => l.PredictedBytes ?? 0);
            var bytesMoved = transfers.Sum(l => l.MeasuredBytes ?? 0);
            console.Line($"Bytes moved: predicted {bytesPlanned}, measured {bytesMoved}. USD (nodes + transfers, storage excluded): predicted {Usd(predicted)}, measured {Usd(measured)}.");
            if (csvPath is not null)
            {
                console.Line($"CSV written to {csvPath}");
            }

            return 0;
        });
        return command;
    }

    private static TextTable Table(IEnumerable<ReconcileLine> lines, string name, string from, string to)
    {
        var table = new TextTable(name, from, to, ">predicted bytes", ">measured bytes", ">predicted $", ">measured $");
        foreach (var l in lines)
        {
            table.Add(l.Name, l.From, l.To, Bytes(l.PredictedBytes), Bytes(l.MeasuredBytes), Usd(l.PredictedUsd), l.MeasuredUsd is { } m ? Usd(m) : "-");
        }

        return table;
    }

    private static string Bytes(long? b) => b?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Usd(decimal usd) => usd.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>The reconciliation; a plan file missing a field or holding one of the wrong type is bad input naming the file.</summary>
    private static IReadOnlyList<ReconcileLine> Lines(string planPath, string tracePath)
    {
        var planText = Read(planPath, "a plan JSON file");
        var traceText = Read(tracePath, "a run trace");
        var check = Data.Plans.PlanJson.Read(planText, planPath);
        if (!check.Ok)
        {
            throw new InputException(check.Problems);
        }

        try
        {
            var manifestPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tracePath))!, "manifest.json");
            var manifestText = File.Exists(manifestPath) ? Read(manifestPath, "a run manifest") : null;
            return Reconciliation.Lines(planText, planPath, traceText, tracePath, manifestText, manifestPath);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new InputException(new Problem(planPath, 0, 0, "", $"is not a complete placement-plan/1 file: a field is missing or of the wrong type ({e.Message})", "write the plan with 'placement plan --out' or 'placement cost --json'"));
        }
    }

    private static string Read(string path, string what) => Workspace.ReadInput(path, what);
}
