namespace Placement.Core.Pricing;

/// <summary>The class of an egress price row, in the precedence order of cost-model.md.</summary>
public enum EgressKind
{
    /// <summary>An explicit override for one source region and destination location.</summary>
    Pair,

    /// <summary>Same provider, same geo.</summary>
    InterRegion,

    /// <summary>Same provider, different geo.</summary>
    InterContinental,

    /// <summary>To another provider or the internet.</summary>
    Internet,
}
