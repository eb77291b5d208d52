namespace Placement.Core.Model;

/// <summary>
/// A glob over locations: <c>aws/*</c>, <c>*/europe-*</c>, <c>gcp/us-*</c> or an exact <c>provider/region</c>.
/// A <c>*</c> matches any run of characters inside one part (it never crosses the <c>/</c>).
/// A bare <c>*</c> matches every location.
/// </summary>
public sealed record LocationPattern
{
    private readonly string providerGlob;
    private readonly string regionGlob;

    private LocationPattern(string text, string providerGlob, string regionGlob)
    {
        Text = text;
        this.providerGlob = providerGlob;
        this.regionGlob = regionGlob;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Parses a pattern; false when it is not <c>*</c> or <c>provider/region</c> with optional <c>*</c>.</summary>
    public static bool TryParse(string? text, out LocationPattern? pattern)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        if (t == "*")
        {
            pattern = new LocationPattern(t, "*", "*");
            return true;
        }

        var parts = t.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0
            || !parts.All(p => p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '*')))
        {
            return false;
        }

        pattern = new LocationPattern(t, parts[0], parts[1]);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static LocationPattern Parse(string text) =>
        TryParse(text, out var p) ? p! : throw new FormatException($"'{text}' is not a location pattern such as aws/* or */europe-*.");

    /// <summary>True when the location matches.</summary>
    public bool Matches(Location location) => Glob(providerGlob, location.Provider) && Glob(regionGlob, location.Region);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool Glob(string glob, string value)
    {
        // Iterative wildcard match with backtracking to the last star: linear for the short strings here.
        int g = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (g < glob.Length && glob[g] == value[v])
            {
                g++;
                v++;
            }
            else if (g < glob.Length && glob[g] == '*')
            {
                star = g++;
                mark = v;
            }
            else if (star >= 0)
            {
                g = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (g < glob.Length && glob[g] == '*')
        {
            g++;
        }

        return g == glob.Length;
    }
}
