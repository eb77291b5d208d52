using Placement.Data;

namespace Placement.Cli.Commands;

/// <summary>
/// The files one command writes, named by their options. Each target is checked when it is added, before any
/// work (not empty, not a folder, not under a regular file or a system folder such as /proc, not one of the
/// command's inputs, a folder that can be written), so a bad path is one message naming the option and exit 2.
/// At the end the texts are staged as temporary files beside their targets and then renamed over them together:
/// a failure leaves nothing half-written and no temporary file behind.
/// </summary>
internal sealed class OutputFiles
{
    private static readonly string[] SystemFolders = ["/proc", "/sys", "/dev"];

    private readonly HashSet<string> inputs;
    private readonly Dictionary<string, string> targets = new(StringComparer.Ordinal);
    private readonly List<(string Option, string Temp, string Target)> staged = [];

    /// <summary>Creates the set; <paramref name="inputs"/> are files the command reads, which no output may replace.</summary>
    public OutputFiles(params string?[] inputs)
    {
        this.inputs = inputs.OfType<string>().Select(Full).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every problem found by <see cref="File"/> and <see cref="Folder"/> so far.</summary>
    public List<Problem> Problems { get; } = [];

    /// <summary>Checks an output file option; returns the path, or null when the option was not given or is bad.</summary>
    public string? File(string option, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var problem = CheckFile(option, path);
        if (problem is not null)
        {
            Problems.Add(Bad(option, path, problem.Value.Message, problem.Value.Hint));
            return null;
        }

        var full = Full(path)!;
        if (targets.TryGetValue(full, out var other))
        {
            Problems.Add(Bad(option, path, $"is also the file of {other}", "give each output its own file"));
            return null;
        }

        targets[full] = option;
        return path;
    }

    /// <summary>Checks a folder option (created if missing, e.g. <c>--state</c>); returns the path, or null when bad.</summary>
    public string? Folder(string option, string path)
    {
        var problem = CheckPath(path, folder: true);
        if (problem is null && System.IO.File.Exists(path))
        {
            problem = ("is a regular file, not a folder", "give a folder (it is created if missing)");
        }

        if (problem is not null)
        {
            Problems.Add(Bad(option, path, problem.Value.Message, problem.Value.Hint));
            return null;
        }

        return path;
    }

    /// <summary>Throws the problems found, together with <paramref name="others"/>, if there are any.</summary>
    public void ThrowIfBad(IEnumerable<Problem>? others = null)
    {
        var all = Problems.Concat(others ?? []).ToList();
        if (all.Count > 0)
        {
            throw new InputException(all);
        }
    }

    /// <summary>Writes the text to a temporary file beside the target of <paramref name="option"/>; <see cref="Commit"/> moves it into place.</summary>
    public void Stage(string option, string path, string text)
    {
        var full = Full(path)!;
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            System.IO.File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false));
            staged.Add((option, temp, full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            Discard();
            throw new InputException(Bad(option, path, $"cannot be written: {e.Message}", "check the folder exists and can be written"));
        }
    }

    /// <summary>Moves every staged file over its target.</summary>
    public void Commit()
    {
        try
        {
            foreach (var (option, temp, target) in staged)
            {
                try
                {
                    System.IO.File.Move(temp, target, overwrite: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException(Bad(option, target, $"cannot be written: {e.Message}", "check the folder exists and can be written"));
                }
            }
        }
        finally
        {
            Discard();
        }
    }

    /// <summary>Stages and commits one file.</summary>
    public void Write(string option, string path, string text)
    {
        Stage(option, path, text);
        Commit();
    }

    private void Discard()
    {
        foreach (var (_, temp, _) in staged)
        {
            TryDelete(temp);
        }

        staged.Clear();
    }

    private (string Message, string Hint)? CheckFile(string option, string path)
    {
        if (CheckPath(path, folder: false) is { } problem)
        {
            return problem;
        }

        var full = Full(path)!;
        if (Directory.Exists(full))
        {
            return ("is a folder", $"give a file name, e.g. {option} {Path.Combine(path, "out" + Extension(option))}");
        }

        if (inputs.Contains(full))
        {
            return ("is an input of this command; writing there would destroy it", "give another file name");
        }

        return null;
    }

    /// <summary>Problems every output path shares: empty, invalid, a folder name, under /proc, /sys or /dev, under a file, in a folder that cannot be written.</summary>
    private static (string Message, string Hint)? CheckPath(string path, bool folder)
    {
        var what = folder ? "folder" : "file";
        if (string.IsNullOrWhiteSpace(path))
        {
            return ("is empty", $"give a {what} name");
        }

        var full = Full(path);
        if (full is null)
        {
            return ("is not a valid path", $"give a {what} name without control characters");
        }

        if (!folder && (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar)))
        {
            return ("ends with a slash, so it names a folder", "give a file name");
        }

        var system = SystemFolders.FirstOrDefault(s => full == s || full.StartsWith(s + "/", StringComparison.Ordinal));
        if (system is not null)
        {
            return ($"is under {system}, a virtual system folder where files cannot be created", $"write the {what} to an ordinary folder");
        }

        // The nearest folder that exists must be a folder (not a regular file) that can be written.
        var parent = Path.GetDirectoryName(full.TrimEnd('/'));
        while (parent is not null && !Directory.Exists(parent))
        {
            if (System.IO.File.Exists(parent))
            {
                return ($"is under {parent}, which is a regular file, not a folder", $"give a {what} in a folder");
            }

            parent = Path.GetDirectoryName(parent);
        }

        if (parent is null)
        {
            return null;
        }

        var probe = Path.Combine(parent, $".placement-probe-{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ($"cannot be written: folder {parent} does not accept new files ({e.Message})", $"give a {what} in a folder you can write");
        }
        finally
        {
            TryDelete(probe);
        }
    }

    private static string Extension(string option) => option switch
    {
        "--csv" => ".csv",
        "--events" => ".jsonl",
        "--out" or "--json" or "--trace-out" => ".json",
        _ => "",
    };

    private static Problem Bad(string option, string path, string message, string? hint) =>
        new("command line", 0, 0, option, $"'{path}' {message}", hint);

    private static string? Full(string path)
    {
        try
        {
            return path.Contains('\0', StringComparison.Ordinal) ? null : Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (System.IO.File.Exists(path))
            {
                System.IO.File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless; the command's own error is the one to report.
        }
    }
}
