namespace Placement.Planning;

/// <summary>
/// A branch-and-bound engine failed: its native library could not be loaded, or it stopped abnormally without a
/// plan. The message names the engine, what happened and the other engine to use; front ends print it as is.
/// </summary>
public sealed class BranchAndBoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="engine"/> (e.g. <c>scip</c>).</summary>
    public BranchAndBoundException(string engine, string what, Exception? inner = null)
        : base($"the branch-and-bound engine {engine} failed: {what}. Hint: use --engine {(engine == "cbc" ? "scip" : "cbc")}", inner)
    {
        Engine = engine;
    }

    /// <summary>The engine that failed (<c>cbc</c> or <c>scip</c>).</summary>
    public string Engine { get; }
}
