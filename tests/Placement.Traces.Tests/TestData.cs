using Placement.Traces.Formats;
using Placement.Traces.Model;

namespace Placement.Traces.Tests;

/// <summary>Finds the checked-in WfCommons traces under tests/data/wfinstances.</summary>
internal static class TestData
{
    public static string Folder { get; } = Find();

    public static string PathOf(string version, string name) => Path.Combine(Folder, "v" + version, name + ".json");

    public static Trace Load(string version, string name)
    {
        var path = PathOf(version, name);
        var result = TraceReader.Read(File.ReadAllText(path), path);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        return result.Value!;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "wfinstances");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/wfinstances not found above " + AppContext.BaseDirectory);
    }
}
