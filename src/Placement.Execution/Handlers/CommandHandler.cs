using System.Diagnostics;
using System.Text;
using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Handlers;

/// <summary>
/// <c>command</c>: runs <c>run</c> with <c>/bin/sh -c</c> in the attempt's work folder. Inputs are files under
/// <c>in/ITEM</c>; the command writes its output to <c>$PLACEMENT_OUTPUT</c>, or to the file named by
/// <c>outputs</c> (relative to the work folder). Environment: <c>PLACEMENT_INPUTS</c>, <c>PLACEMENT_INPUT_ITEM</c>
/// (item name upper-cased, other characters as '_'; for an input with parts, the folder <c>in/ITEM</c> of the parts read,
/// each also as <c>PLACEMENT_INPUT_ITEM__PART</c>), <c>PLACEMENT_OUTPUT</c> (and, for a node whose output has parts,
/// <c>PLACEMENT_OUTPUT_PARTS</c>, the folder it writes one file per part into), <c>PLACEMENT_NODE</c>,
/// <c>PLACEMENT_RUN_ID</c>, <c>PLACEMENT_ATTEMPT</c>, <c>PLACEMENT_IDEMPOTENCY_KEY</c>, <c>PLACEMENT_LOCATION</c>,
/// <c>PLACEMENT_SCENARIO_DIR</c>. Storage and API secrets are removed from the child's environment.
/// Standard output and error go to <c>stdout.txt</c>/<c>stderr.txt</c> in the work folder.
/// <para>
/// The command runs in its own process group under a small supervisor (<see cref="Supervisor"/>, started with
/// <c>setsid</c>, so the group id is the supervisor's pid, reported through <see cref="NodeWork.ProcessStarted"/>):
/// when the executor process dies, even by SIGKILL, the supervisor sees its parent change within 0.2 s and kills the
/// whole group; a timeout or cancel kills the whole group at once.
/// </para>
/// </summary>
public sealed class CommandHandler : INodeHandler
{
    /// <summary>Environment variables never passed to a command.</summary>
    public static readonly IReadOnlyList<string> SecretVariables =
        ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_KEY", "OPENAI_API_KEY", "PLACEMENT_OPENAI_API_KEY"];

    /// <summary>
    /// The supervisor (<c>/bin/sh -c SUPERVISOR placement-supervisor EXECUTOR_PID RUN</c>): a watcher polls the
    /// supervisor's parent every 0.2 s and kills the group once it is no longer the executor; the command runs in
    /// the foreground and its exit code is the supervisor's.
    /// </summary>
    public const string Supervisor = """
        sup=$$
        ( while sleep 0.2; do
            read -r _ _ _ pp _ < /proc/$sup/stat || exit 0
            [ "$pp" = "$1" ] || { kill -KILL -$sup; exit 0; }
          done ) </dev/null >/dev/null 2>&1 &
        watch=$!
        /bin/sh -c "$2"
        rc=$?
        kill $watch 2>/dev/null
        exit $rc
        """;

    /// <inheritdoc />
    public string Kind => "command";

    /// <inheritdoc />
    public IReadOnlyList<string> Check(WorkflowNode node)
    {
        var settings = node.Handler?.Settings ?? new Dictionary<string, string>();
        var problems = HandlerSettings.Check(settings).ToList();
        if (!settings.TryGetValue("run", out var run) || string.IsNullOrWhiteSpace(run))
        {
            problems.Add("handler.run: a command handler needs the command line to run");
        }

        if (settings.TryGetValue("outputs", out var o) && Storage.StorageKey.Problem(o) is { } why)
        {
            problems.Add($"handler.outputs: {why} (give a path relative to the work folder)");
        }

        return problems;
    }

    /// <inheritdoc />
    public async Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel)
    {
        var run = work.Settings.GetValueOrDefault("run") ?? throw new PermanentNodeException($"node {work.Node.Name}: no command to run");
        var info = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "setsid") { WorkingDirectory = work.WorkFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "/bin/sh", "-c", Supervisor, "placement-supervisor", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), run })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var secret in SecretVariables)
        {
            info.Environment.Remove(secret);
        }

        info.Environment["PLACEMENT_INPUTS"] = Path.Combine(work.WorkFolder, "in");
        foreach (var input in work.Inputs)
        {
            info.Environment["PLACEMENT_INPUT_" + EnvName(input.Item)] = input.Path;
            foreach (var part in input.Parts ?? [])
            {
                // An input with parts is a folder (in/ITEM) of the parts this node reads; each is also named on its own.
                info.Environment["PLACEMENT_INPUT_" + EnvName(input.Item) + "__" + EnvName(part.Part)] = part.Path;
            }
        }

        if (work.OutputPartsFolder is { } partsFolder)
        {
            info.Environment["PLACEMENT_OUTPUT_PARTS"] = partsFolder;
        }

        info.Environment["PLACEMENT_OUTPUT"] = work.OutputPath;
        info.Environment["PLACEMENT_NODE"] = work.Node.Name;
        info.Environment["PLACEMENT_RUN_ID"] = work.RunId;
        info.Environment["PLACEMENT_ATTEMPT"] = work.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PLACEMENT_IDEMPOTENCY_KEY"] = work.IdempotencyKey;
        info.Environment["PLACEMENT_LOCATION"] = work.Location.ToString();
        info.Environment["PLACEMENT_SCENARIO_DIR"] = work.ScenarioFolder;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start /bin/sh");
        work.ProcessStarted?.Invoke(process.Id);
        var stdout = Pump(process.StandardOutput, Path.Combine(work.WorkFolder, "stdout.txt"));
        var stderr = Pump(process.StandardError, Path.Combine(work.WorkFolder, "stderr.txt"));
        try
        {
            await process.WaitForExitAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                // The whole group: the command and everything it started.
                ProcessGroup.Kill(process.Id);
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var tail = await stderr.ConfigureAwait(false);
            throw new InvalidOperationException($"command exited with code {process.ExitCode}{(tail.Length > 0 ? ": " + tail : "")}");
        }

        if (work.Settings.TryGetValue("outputs", out var declared))
        {
            var produced = Path.Combine(work.WorkFolder, declared);
            if (!File.Exists(produced))
            {
                throw new InvalidOperationException($"command did not write its declared output {declared}");
            }

            File.Move(produced, work.OutputPath, overwrite: true);
        }
        else if (!File.Exists(work.OutputPath) && work.OutputPartsFolder is null)
        {
            throw new InvalidOperationException("command did not write $PLACEMENT_OUTPUT (or declare handler.outputs)");
        }

        return NodeOutcome.Done;
    }

    /// <summary>The environment-variable form of an item name: upper case, other characters as '_'.</summary>
    public static string EnvName(string item) => new(item.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());

    private static async Task<string> Pump(StreamReader reader, string path)
    {
        // Keeps the whole stream in a file and the last 500 characters for the error message.
        var tail = new StringBuilder();
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            tail.Append(buffer, 0, n);
            if (tail.Length > 2000)
            {
                tail.Remove(0, tail.Length - 500);
            }
        }

        var text = tail.ToString().Trim();
        return text.Length > 500 ? text[^500..] : text;
    }
}
