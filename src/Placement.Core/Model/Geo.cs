namespace Placement.Core.Model;

/// <summary>Continent group of a region, used by egress tiers and residency rules.</summary>
public enum Geo
{
    /// <summary>North America.</summary>
    Na,
    /// <summary>South America.</summary>
    Sa,
    /// <summary>Europe.</summary>
    Eu,
    /// <summary>Middle East.</summary>
    Me,
    /// <summary>Africa.</summary>
    Af,
    /// <summary>Asia-Pacific.</summary>
    Apac,
    /// <summary>Oceania.</summary>
    Oc,
}

/// <summary>Text form of <see cref="Geo"/> as written in files: <c>na</c>, <c>eu</c>, ...</summary>
public static class GeoText
{
    /// <summary>Parses a lower-case geo code.</summary>
    public static bool TryParse(string? text, out Geo geo)
    {
        geo = default;
        return text is not null
            && !int.TryParse(text, out _)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out geo)
            && Enum.IsDefined(geo);
    }

    /// <summary>The lower-case code of a geo.</summary>
    public static string Code(this Geo geo) => geo.ToString().ToLowerInvariant();

    /// <summary>All codes, for hints in error messages.</summary>
    public static string AllCodes => string.Join(", ", Enum.GetValues<Geo>().Select(g => g.Code()));
}
