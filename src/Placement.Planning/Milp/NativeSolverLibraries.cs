using System.Reflection;
using System.Runtime.InteropServices;

namespace Placement.Planning.Milp;

/// <summary>
/// Finds the native COIN-OR libraries before the planner calls them, so a machine without CBC gets a message naming
/// the install command instead of a crash inside a P/Invoke. A library may be given by path (tests point it at a
/// missing file to play a machine without CBC; <see cref="UsePaths"/> makes the P/Invokes load the same file).
/// </summary>
public static class NativeSolverLibraries
{
    /// <summary>The CBC library as the P/Invokes name it (<c>libCbcSolver.so</c> on Linux).</summary>
    public const string Cbc = "CbcSolver";

    /// <summary>The CLP library as the P/Invokes name it (<c>libClp.so</c> on Linux).</summary>
    public const string Clp = "Clp";

    private static int resolverSet;

    /// <summary>
    /// Throws <see cref="SolverUnavailableException"/> unless both libraries load, from <paramref name="locate"/>'s
    /// path for a library name when it gives one, else from the system's library search.
    /// </summary>
    public static void EnsureAvailable(Func<string, string?> locate)
    {
        foreach (var name in new[] { Cbc, Clp })
        {
            var path = locate(name);
            var loaded = path is null
                ? NativeLibrary.TryLoad(name, typeof(NativeSolverLibraries).Assembly, null, out _)
                : NativeLibrary.TryLoad(path, out _);
            if (!loaded)
            {
                throw new SolverUnavailableException(path ?? $"lib{name}.so", path is null ? "not found by the system's library search" : "no loadable library at that path");
            }
        }
    }

    /// <summary>
    /// Makes the planner's P/Invokes load a library from <paramref name="locate"/>'s path when it gives one
    /// (process-wide, once; later calls are ignored). Front ends call it at start-up with their configuration.
    /// </summary>
    public static void UsePaths(Func<string, string?> locate)
    {
        if (Interlocked.Exchange(ref resolverSet, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(NativeSolverLibraries).Assembly, (name, assembly, search) =>
            locate(name) is { } path && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero);
    }

    /// <summary>Runs a native call, turning a missing library or entry point into <see cref="SolverUnavailableException"/>.</summary>
    internal static T Call<T>(string library, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new SolverUnavailableException($"lib{library}.so", e.GetType().Name, e);
        }
    }
}
