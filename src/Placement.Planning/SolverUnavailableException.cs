namespace Placement.Planning;

/// <summary>
/// Thrown when a native solver library the planner needs (COIN-OR CBC or CLP) cannot be loaded. The message names
/// the library and the command that installs it; it is not a defect of the input, so front ends print it as is.
/// </summary>
public sealed class SolverUnavailableException : Exception
{
    /// <summary>How to install the libraries on Debian or Ubuntu.</summary>
    public const string InstallHint = "install it with 'sudo apt-get install coinor-libcbc-dev coinor-libclp-dev' (or run 'bash scripts/setup.sh' in the repository)";

    /// <summary>Creates the exception for <paramref name="library"/> (e.g. <c>libCbcSolver.so</c>).</summary>
    public SolverUnavailableException(string library, string? detail = null, Exception? inner = null)
        : base($"the MILP solver library {library} (COIN-OR CBC) cannot be loaded{(detail is null ? "" : $" ({detail})")}. Hint: {InstallHint}", inner)
    {
        Library = library;
    }

    /// <summary>The library that could not be loaded.</summary>
    public string Library { get; }
}
