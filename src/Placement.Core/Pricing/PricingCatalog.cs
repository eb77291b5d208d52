using Placement.Core.Model;

namespace Placement.Core.Pricing;

/// <summary>
/// Every price Placement knows: regions with their geo, VM SKUs, managed services, LLM models, storage,
/// egress rows and network links. Immutable; lookups are dictionary-backed.
/// </summary>
public sealed class PricingCatalog
{
    private readonly Dictionary<Location, RegionInfo> regions;
    private readonly Dictionary<Location, List<VmSku>> skusByLocation;
    private readonly Dictionary<(Location Location, string Sku), VmSku> skuByKey;
    private readonly Dictionary<Location, List<ServicePrice>> servicesByLocation;
    private readonly Dictionary<Location, List<LlmPrice>> llmByLocation;
    private readonly Dictionary<Location, StoragePrice> storage;
    private readonly Dictionary<(string Provider, string Region, EgressKind Kind, Location? Destination), List<EgressRate>> egress;
    private readonly Dictionary<(Location From, Location To), NetworkLink> links;

    /// <summary>Builds a catalogue; later duplicates of a key are ignored by lookups (the loader rejects them).</summary>
    public PricingCatalog(
        IEnumerable<RegionInfo> regions,
        IEnumerable<VmSku> skus,
        IEnumerable<ServicePrice> services,
        IEnumerable<LlmPrice> llm,
        IEnumerable<StoragePrice> storage,
        IEnumerable<EgressRate> egress,
        IEnumerable<NetworkLink> links)
    {
        Regions = regions.OrderBy(r => r.Location).ToList();
        Skus = skus.ToList();
        Services = services.ToList();
        Llm = llm.ToList();
        Storage = storage.ToList();
        Egress = egress.ToList();
        Links = links.ToList();

        this.regions = Regions.GroupBy(r => r.Location).ToDictionary(g => g.Key, g => g.First());
        skusByLocation = Skus.GroupBy(s => s.Location).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Sku, StringComparer.Ordinal).ToList());

        // Pricing a node looks its SKU up: one probe instead of a scan, the first row of a key winning as in SkusAt.
        skuByKey = [];
        foreach (var s in Skus)
        {
            skuByKey.TryAdd((s.Location, s.Sku), s);
        }
        servicesByLocation = Services.GroupBy(s => s.Location).ToDictionary(g => g.Key, g => g.ToList());
        llmByLocation = Llm.GroupBy(s => s.Location).ToDictionary(g => g.Key, g => g.ToList());
        this.storage = Storage.GroupBy(s => s.Location).ToDictionary(g => g.Key, g => g.First());
        this.egress = Egress.GroupBy(e => (e.Provider, e.SourceRegion, e.Kind, e.Destination))
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.TierStartUnits).ToList());
        this.links = Links.GroupBy(l => (l.From, l.To)).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>All regions, ordered by location.</summary>
    public IReadOnlyList<RegionInfo> Regions { get; }

    /// <summary>All VM SKU rows.</summary>
    public IReadOnlyList<VmSku> Skus { get; }

    /// <summary>All managed service rows.</summary>
    public IReadOnlyList<ServicePrice> Services { get; }

    /// <summary>All LLM rows.</summary>
    public IReadOnlyList<LlmPrice> Llm { get; }

    /// <summary>All storage rows.</summary>
    public IReadOnlyList<StoragePrice> Storage { get; }

    /// <summary>All egress rows.</summary>
    public IReadOnlyList<EgressRate> Egress { get; }

    /// <summary>All network links.</summary>
    public IReadOnlyList<NetworkLink> Links { get; }

    /// <summary>The region record of a location, or null when unknown.</summary>
    public RegionInfo? Region(Location location) => regions.GetValueOrDefault(location);

    /// <summary>True when the location is known.</summary>
    public bool Knows(Location location) => regions.ContainsKey(location);

    /// <summary>VM SKUs offered at a location, ordered by name.</summary>
    public IReadOnlyList<VmSku> SkusAt(Location location) =>
        skusByLocation.TryGetValue(location, out var list) ? list : [];

    /// <summary>The SKU row, or null.</summary>
    public VmSku? Sku(Location location, string sku) => skuByKey.GetValueOrDefault((location, sku));

    /// <summary>The service price row, or null.</summary>
    public ServicePrice? Service(Location location, string service) =>
        servicesByLocation.TryGetValue(location, out var list)
            ? list.FirstOrDefault(s => string.Equals(s.Service, service, StringComparison.Ordinal))
            : null;

    /// <summary>The LLM price row, or null.</summary>
    public LlmPrice? LlmModel(Location location, string model) =>
        llmByLocation.TryGetValue(location, out var list)
            ? list.FirstOrDefault(s => string.Equals(s.Model, model, StringComparison.Ordinal))
            : null;

    /// <summary>The storage price of a location, or null when it has none.</summary>
    public StoragePrice? StorageAt(Location location) => storage.GetValueOrDefault(location);

    /// <summary>The network link between two locations, or null when not measured.</summary>
    public NetworkLink? Link(Location from, Location to) => links.GetValueOrDefault((from, to));

    /// <summary>
    /// Resolves the egress price of a move per cost-model.md, first match wins: same location free; a pair
    /// override; same provider and geo: inter-region of the source region; same provider, other geo:
    /// inter-continental; other provider: the source region's internet rate. A region-specific row beats the
    /// provider's <c>*</c> row. Returns null when no row applies (a missing price).
    /// </summary>
    public EgressSchedule? ResolveEgress(Location from, Location to)
    {
        if (from == to)
        {
            return EgressSchedule.Free(from, to);
        }

        if (Rows(from.Provider, from.Region, EgressKind.Pair, to) is { } pair)
        {
            return Schedule(from, to, EgressRule.PairOverride, pair);
        }

        if (from.Provider == to.Provider)
        {
            var sameGeo = Region(from)?.Geo is { } a && Region(to)?.Geo is { } b && a == b;
            var kind = sameGeo ? EgressKind.InterRegion : EgressKind.InterContinental;
            var rule = sameGeo ? EgressRule.InterRegion : EgressRule.InterContinental;
            var rows = Rows(from.Provider, from.Region, kind, null) ?? Rows(from.Provider, "*", kind, null);
            return rows is null ? null : Schedule(from, to, rule, rows);
        }

        var internet = Rows(from.Provider, from.Region, EgressKind.Internet, null) ?? Rows(from.Provider, "*", EgressKind.Internet, null);
        return internet is null ? null : Schedule(from, to, EgressRule.Internet, internet);
    }

    private List<EgressRate>? Rows(string provider, string region, EgressKind kind, Location? destination) =>
        egress.GetValueOrDefault((provider, region, kind, destination));

    private static EgressSchedule Schedule(Location from, Location to, EgressRule rule, List<EgressRate> rows)
    {
        var tiers = rows.Select(r => new EgressTier(r.TierStartUnits, r.UsdPerUnit)).ToList();
        if (tiers[0].StartUnits != 0)
        {
            // A schedule whose first row starts above zero would leave the first units unpriced; price them at the first rate.
            tiers.Insert(0, new EgressTier(0, tiers[0].UsdPerUnit));
        }

        return new EgressSchedule(from, to, rule, rows[0].Unit, tiers);
    }
}
