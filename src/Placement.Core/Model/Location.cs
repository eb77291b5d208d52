namespace Placement.Core.Model;

/// <summary>
/// A place where work runs or data lives: <c>provider/region</c>, for example <c>aws/us-east-1</c>,
/// <c>gcp/us-west1</c>, <c>azure/eastus</c> or <c>openai/global</c>. Provider and region are lower case.
/// </summary>
/// <remarks>Ordering is ordinal on the text form, so every listing of locations is deterministic.</remarks>
public readonly record struct Location(string Provider, string Region) : IComparable<Location>
{
    /// <summary>Parses <c>provider/region</c>; returns false for anything else.</summary>
    public static bool TryParse(string? text, out Location location)
    {
        location = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == trimmed.Length - 1 || trimmed.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        var provider = trimmed[..slash];
        var region = trimmed[(slash + 1)..];
        if (!IsToken(provider) || !IsToken(region))
        {
            return false;
        }

        location = new Location(provider.ToLowerInvariant(), region.ToLowerInvariant());
        return true;
    }

    /// <summary>Parses <c>provider/region</c> or throws <see cref="FormatException"/>.</summary>
    public static Location Parse(string text) =>
        TryParse(text, out var location)
            ? location
            : throw new FormatException($"'{text}' is not a location: write provider/region, e.g. aws/us-east-1.");

    /// <inheritdoc />
    public int CompareTo(Location other) => string.CompareOrdinal(ToString(), other.ToString());

    /// <inheritdoc />
    public override string ToString() => $"{Provider}/{Region}";

    private static bool IsToken(string s) => s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
