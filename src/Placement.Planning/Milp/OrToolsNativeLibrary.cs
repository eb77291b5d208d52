using System.Reflection;
using System.Runtime.InteropServices;

namespace Placement.Planning.Milp;

/// <summary>
/// Lets OR-Tools' P/Invokes find <c>google-ortools-native</c> where a host does not probe NuGet's
/// <c>runtimes/RID/native/</c> folders: an application started with its <c>deps.json</c> (the CLI, tests, bench)
/// loads it as usual, but an assembly loaded by path (<c>#r</c> in the .NET Interactive kernel) has no
/// <c>deps.json</c> and the default search looks only beside the host. The resolver tries the default search first,
/// then <c>runtimes/RID/native/</c> and the folder beside <c>Google.OrTools.dll</c>. The library's own dependencies
/// (libortools, libscip, ...) sit in the same folder and load through its <c>$ORIGIN</c> run path.
/// </summary>
internal static class OrToolsNativeLibrary
{
    private static int installed;

    /// <summary>Installs the resolver on the Google.OrTools assembly (once per process; a resolver already set by the host is kept).</summary>
    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Google.OrTools.LinearSolver.Solver).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host set its own resolver for OR-Tools: it knows where the library is.
        }
    }

    /// <summary>The paths probed for a native library <paramref name="name"/> of an assembly in <paramref name="folder"/>, in order.</summary>
    public static IEnumerable<string> Candidates(string folder, string name)
    {
        var file = OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? name + ".dylib" : name + ".so";
        foreach (var rid in RuntimeIds())
        {
            yield return Path.Combine(folder, "runtimes", rid, "native", file);
        }

        yield return Path.Combine(folder, file);
    }

    // In a Native AOT binary Assembly.Location is empty: the probe below is then skipped (the system's search above
    // is all there is), which is what the empty-folder check handles.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location is handled: no folder to probe.")]
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? search)
    {
        if (NativeLibrary.TryLoad(name, assembly, search, out var handle))
        {
            return handle;
        }

        var folder = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(folder))
        {
            return IntPtr.Zero;
        }

        foreach (var path in Candidates(folder, name))
        {
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>NuGet's runtime identifiers for this process: the running one first, then the portable one.</summary>
    private static IEnumerable<string> RuntimeIds()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return new[] { RuntimeInformation.RuntimeIdentifier, $"{os}-{arch}" }.Distinct(StringComparer.Ordinal);
    }
}
