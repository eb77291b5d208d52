namespace Placement.Planning;

/// <summary>
/// No plan satisfies the constraints. <see cref="Conflicts"/> names the constraints that conflict, one
/// sentence each, e.g. <c>node finetune: residency eu allows no candidate: ...</c>.
/// </summary>
public sealed class PlanningException : Exception
{
    /// <summary>Creates the exception from its conflicts.</summary>
    public PlanningException(IReadOnlyList<string> conflicts)
        : base("No plan satisfies the constraints: " + string.Join("; ", conflicts))
    {
        Conflicts = conflicts;
    }

    /// <summary>One sentence per conflicting constraint.</summary>
    public IReadOnlyList<string> Conflicts { get; }
}
