namespace Placement.Testing;

/// <summary>The repository root, found once by walking up from the test binaries to <c>Placement.sln</c>.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>Absolute path of the folder holding Placement.sln.</summary>
    public static string Root => RootPath.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Placement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Placement.sln not found above the test binaries.");
    }
}
