namespace Placement.Cli.Tests;

/// <summary>Runs the CLI in-process in plain-text mode from the repository root and captures its output.</summary>
internal static class CliRunner
{
    public static string Root => RepoPaths.Root;

    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWith(Environment.GetEnvironmentVariable, args);

    /// <summary>Runs with the settings the CLI reads from the environment taken from <paramref name="environment"/>.</summary>
    public static (int Exit, string Out, string Err) RunWith(Func<string, string?> environment, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var previous = Directory.GetCurrentDirectory();
        lock (Gate)
        {
            Directory.SetCurrentDirectory(Root);
            try
            {
                var exit = CliApp.Run(args, output, error, terminal: false, environment);
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
            }
        }
    }

    /// <summary>
    /// Runs the CLI as its own process (<c>dotnet placement.dll ARGS</c>) from the repository root, for commands that
    /// may leave a native solve running when they end (<c>plan --time-limit</c>): the executable ends its process
    /// without waiting for it, which an in-process run cannot do without taking the test host down.
    /// </summary>
    public static (int Exit, string Out, string Err) RunProcess(params string[] args) =>
        ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "placement.dll"), .. args], Root, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["NO_COLOR"] = "1" });

    /// <summary>Compares with a checked-in golden file; set UPDATE_GOLDEN=1 to rewrite it after a reviewed change.</summary>
    public static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(Root, "tests", "Placement.Cli.Tests", "golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing: run the tests once with UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static readonly object Gate = new();
}
