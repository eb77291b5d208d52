namespace Placement.Core.Costing;

/// <summary>A placement the cost model cannot price; <see cref="Problems"/> lists every reason at once.</summary>
public sealed class CostModelException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    public CostModelException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>One sentence per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
