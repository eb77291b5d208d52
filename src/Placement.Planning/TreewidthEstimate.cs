namespace Placement.Planning;

/// <summary>
/// What variable elimination would cost on a problem with the elimination order chosen by
/// <see cref="TreewidthDpSolver"/> (min-fill), or why the DP refuses it.
/// </summary>
/// <param name="InducedWidth">Largest number of other nodes a node is joined with when it is eliminated (the treewidth bound of the order).</param>
/// <param name="LargestTable">Entries of the largest table (an input factor or a message).</param>
/// <param name="Work">Table entries times domain size summed over all eliminations, plus the entries of the input factors.</param>
/// <param name="StoredEntries">Entries of every input factor, message and argmin table (an upper bound on what is held at once).</param>
/// <param name="Refusal">Why the DP does not apply (objective, constraints, or a limit), or null when it does.</param>
public sealed record TreewidthEstimate(int InducedWidth, double LargestTable, double Work, double StoredEntries, string? Refusal)
{
    /// <summary>True when the DP applies.</summary>
    public bool Applies => Refusal is null;

    /// <summary>A refusal before any structure was looked at.</summary>
    public static TreewidthEstimate Refused(string reason) => new(0, 0, 0, 0, reason);
}
