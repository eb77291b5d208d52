namespace Placement.Data;

/// <summary>
/// One thing wrong with an input file: where (file, 1-based line and column, field path), what, and how to
/// fix it. Loaders collect every problem instead of stopping at the first.
/// </summary>
public sealed record Problem(string File, int Line, int Column, string Field, string Message, string? Hint = null)
{
    /// <summary><c>file:line:column: field: message (hint)</c>, the form editors and CI logs link.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var field = Field.Length > 0 ? $" {Field}:" : "";
        var hint = Hint is null ? "" : $" Hint: {Hint}";
        return $"{where}:{field} {Message}.{hint}";
    }
}

/// <summary>The outcome of loading a file: a value, or the problems that prevented it.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Problem> Problems)
    where T : class
{
    /// <summary>True when there is a value and no problem.</summary>
    public bool Ok => Value is not null && Problems.Count == 0;

    /// <summary>Things that do not stop the value from being used but are probably mistakes (absurd sizes, costs).</summary>
    public IReadOnlyList<Problem> Warnings { get; init; } = [];
}

/// <summary>Thrown at the edge when input is unusable; carries every problem.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputException(IReadOnlyList<Problem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception from one problem.</summary>
    public InputException(Problem problem)
        : this([problem])
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Problem> Problems { get; }
}
