using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Placement.Core.Model;
using Placement.Core.Pricing;
using RegionInfo = Placement.Core.Pricing.RegionInfo;

namespace Placement.Data.PricingFiles;

/// <summary>
/// Reads the pricing CSV files (docs/pricing-data.md) into a <see cref="PricingCatalog"/>. Every row must
/// carry <c>source</c>, <c>as_of</c> and <c>verified</c>; every problem names the file, line and column.
/// </summary>
public static class PricingLoader
{
    /// <summary>The files a pricing folder holds, in load order.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["regions.csv", "vm-skus.csv", "services.csv", "llm.csv", "storage.csv", "egress.csv", "network.csv"];

    /// <summary>Loads a catalogue from CSV texts keyed by file name (see <see cref="FileNames"/>); <paramref name="folder"/> prefixes file names in problems.</summary>
    public static LoadResult<PricingCatalog> Load(IReadOnlyDictionary<string, string> texts, string folder)
    {
        var problems = new List<Problem>();
        string Text(string name)
        {
            if (texts.TryGetValue(name, out var t))
            {
                return t;
            }

            problems.Add(new Problem(Path.Combine(folder, name), 0, 0, "", "file is missing", "every pricing folder needs " + string.Join(", ", FileNames)));
            return "";
        }

        string FileOf(string name) => Path.Combine(folder, name);

        var regions = Read(Text("regions.csv"), FileOf("regions.csv"), problems, ["location", "geo", "display_name", "has_storage"], r =>
            new RegionInfo(r.Location("location"), r.Geo("geo"), r.Text("display_name"), r.Bool("has_storage"), r.Source()));
        var known = regions.Select(r => r.Location).ToHashSet();

        var skus = Read(Text("vm-skus.csv"), FileOf("vm-skus.csv"), problems, ["location", "sku", "gpu_type", "gpu_count", "vcpus", "memory_gib", "usd_per_hour"], r =>
            new VmSku(r.Location("location", known), r.Text("sku"), r.Optional("gpu_type"), r.Int("gpu_count"), r.Int("vcpus"),
                r.Decimal("memory_gib"), r.Decimal("usd_per_hour"), r.Source()));
        var services = Read(Text("services.csv"), FileOf("services.csv"), problems, ["location", "service", "unit", "usd_per_unit"], r =>
            new ServicePrice(r.Location("location", known), r.Text("service"), r.ServiceUnit("unit"), r.Decimal("usd_per_unit"), r.Source()));
        var llm = Read(Text("llm.csv"), FileOf("llm.csv"), problems, ["location", "model", "usd_per_million_input_tokens", "usd_per_million_output_tokens"], r =>
            new LlmPrice(r.Location("location", known), r.Text("model"), r.Decimal("usd_per_million_input_tokens"), r.Decimal("usd_per_million_output_tokens"), r.Source()));
        var storage = Read(Text("storage.csv"), FileOf("storage.csv"), problems, ["location", "storage_class", "usd_per_unit_month", "unit"], r =>
            new StoragePrice(r.Location("location", known), r.Decimal("usd_per_unit_month"), r.Unit("unit"), r.Source()));
        var egress = Read(Text("egress.csv"), FileOf("egress.csv"), problems, ["provider", "source_region", "kind", "destination", "tier_start_gb", "usd_per_unit", "unit"], r =>
        {
            var kind = r.EgressKind("kind");
            var destination = kind == EgressKind.Pair ? r.Location("destination", known) : (Location?)null;
            return new EgressRate(r.Text("provider"), r.Text("source_region"), kind, destination, r.Decimal("tier_start_gb"), r.Decimal("usd_per_unit"), r.Unit("unit"), r.Source());
        });
        var links = Read(Text("network.csv"), FileOf("network.csv"), problems, ["from", "to", "bandwidth_gbps", "rtt_ms"], r =>
            new NetworkLink(r.Location("from", known), r.Location("to", known), (double)r.PositiveDecimal("bandwidth_gbps"), (double)r.Decimal("rtt_ms"), r.Source()));

        Duplicates(skus, s => $"{s.Location},{s.Sku}", FileOf("vm-skus.csv"), problems);
        Duplicates(services, s => $"{s.Location},{s.Service}", FileOf("services.csv"), problems);
        Duplicates(llm, s => $"{s.Location},{s.Model}", FileOf("llm.csv"), problems);
        Duplicates(storage, s => s.Location.ToString(), FileOf("storage.csv"), problems);
        Duplicates(egress, e => $"{e.Provider},{e.SourceRegion},{e.Kind},{e.Destination},{e.TierStartUnits}", FileOf("egress.csv"), problems);

        if (problems.Count > 0)
        {
            return new LoadResult<PricingCatalog>(null, problems);
        }

        return new LoadResult<PricingCatalog>(new PricingCatalog(regions, skus, services, llm, storage, egress, links), problems);
    }

    private static void Duplicates<T>(List<T> rows, Func<T, string> key, string file, List<Problem> problems)
    {
        foreach (var g in rows.GroupBy(key).Where(g => g.Count() > 1))
        {
            problems.Add(new Problem(file, 0, 0, "", $"row {g.Key} appears {g.Count()} times", "keep one row per key"));
        }
    }

    private static List<T> Read<T>(string text, string file, List<Problem> problems, string[] required, Func<CsvRow, T> map)
    {
        var rows = new List<T>();
        if (text.Length == 0)
        {
            return rows;
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectColumnCountChanges = true };
        using var csv = new CsvReader(new StringReader(text), config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                problems.Add(new Problem(file, 1, 1, "", "file has no header row", $"the header must name {string.Join(", ", required)}, source, as_of, verified"));
                return rows;
            }

            var header = csv.HeaderRecord ?? [];
            var missing = required.Concat(["source", "as_of", "verified"]).Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new Problem(file, 1, 1, "", $"header lacks column(s) {string.Join(", ", missing)}", "see docs/pricing-data.md for each file's columns"));
                return rows;
            }

            var columns = new CsvColumns(header);
            var row = new CsvRow(csv, file, header, columns);
            while (csv.Read())
            {
                row.Problems.Clear();
                var value = map(row);
                if (row.Problems.Count == 0)
                {
                    rows.Add(value);
                }
                else
                {
                    problems.AddRange(row.Problems);
                }
            }
        }
        catch (CsvHelperException e)
        {
            problems.Add(new Problem(file, csv.Parser.RawRow, 1, "", $"malformed CSV: {e.Message.Split('\n')[0]}", "every row needs the same number of columns as the header; quote values containing commas"));
        }

        return rows;
    }

    /// <summary>A header's column indices by name, looked up once per file instead of once per field.</summary>
    private sealed class CsvColumns(string[] header)
    {
        private readonly Dictionary<string, int> index = header.Select((name, i) => (name, i)).GroupBy(p => p.name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);

        /// <summary>The index of the first column of that name, or -1 (the loader has checked the required ones are there).</summary>
        public int Of(string column) => index.GetValueOrDefault(column, -1);
    }

    /// <summary>
    /// The current CSV row read field by field (one instance per file, moved along by the reader); conversion
    /// failures become problems, not exceptions. Locations and price sources repeat across rows (2,000 network
    /// links cite a handful of sources), so each distinct text is parsed once and its value shared.
    /// </summary>
    private sealed class CsvRow
    {
        private readonly CsvReader csv;
        private readonly string file;
        private readonly string[] header;
        private readonly CsvColumns columns;
        private readonly Dictionary<string, Location> locations = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Source, string AsOf, string Verified), PriceSource> sources = [];

        public CsvRow(CsvReader csv, string file, string[] header, CsvColumns columns)
        {
            this.csv = csv;
            this.file = file;
            this.header = header;
            this.columns = columns;
        }

        public List<Problem> Problems { get; } = [];

        private string? Field(string column)
        {
            var i = columns.Of(column);
            return i < 0 ? null : csv.GetField(i);
        }

        public string Text(string column)
        {
            var v = Field(column) ?? "";
            if (v.Length == 0)
            {
                Fail(column, "is empty", "fill it in");
            }

            return v;
        }

        public string? Optional(string column) => Field(column) is { Length: > 0 } v ? v : null;

        public Location Location(string column, IReadOnlySet<Location>? known = null)
        {
            var v = Text(column);
            if (locations.TryGetValue(v, out var loc))
            {
                if (known is not null && !known.Contains(loc))
                {
                    Fail(column, $"location {loc} is not in regions.csv", "add it to regions.csv with its geo");
                }
            }
            else if (!Core.Model.Location.TryParse(v, out loc))
            {
                Fail(column, $"'{v}' is not a location", "write provider/region, e.g. aws/us-east-1");
            }
            else
            {
                locations[v] = loc;
                if (known is not null && !known.Contains(loc))
                {
                    Fail(column, $"location {loc} is not in regions.csv", "add it to regions.csv with its geo");
                }
            }

            return loc;
        }

        public Geo Geo(string column)
        {
            var v = Text(column);
            if (!GeoText.TryParse(v, out var geo))
            {
                Fail(column, $"'{v}' is not a geo", $"use one of {GeoText.AllCodes}");
            }

            return geo;
        }

        public bool Bool(string column)
        {
            var v = Text(column);
            if (!bool.TryParse(v, out var b))
            {
                Fail(column, $"'{v}' is not true or false");
            }

            return b;
        }

        public int Int(string column)
        {
            var v = Text(column);
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i < 0)
            {
                Fail(column, $"'{v}' is not a non-negative whole number");
            }

            return i;
        }

        public decimal Decimal(string column)
        {
            var v = Text(column);
            if (!decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                Fail(column, $"'{v}' is not a number");
            }
            else if (d < 0)
            {
                Fail(column, $"{v} is negative", "prices, sizes and rates cannot be negative");
            }

            return d;
        }

        public decimal PositiveDecimal(string column)
        {
            var d = Decimal(column);
            if (d == 0 && Problems.Count == 0)
            {
                Fail(column, "must be greater than zero");
            }

            return d;
        }

        public DataUnit Unit(string column)
        {
            var v = Text(column);
            if (v == "GB")
            {
                return DataUnit.GB;
            }

            if (v == "GiB")
            {
                return DataUnit.GiB;
            }

            Fail(column, $"'{v}' is not a unit", "use GB (10^9 bytes) or GiB (2^30 bytes)");
            return DataUnit.GB;
        }

        public ServiceUnit ServiceUnit(string column)
        {
            var v = Text(column);
            if (!ServiceUnits.TryParse(v, out var u))
            {
                Fail(column, $"'{v}' is not a service unit", $"use one of {ServiceUnits.AllWords}");
            }

            return u;
        }

        public EgressKind EgressKind(string column)
        {
            var v = Text(column);
            switch (v)
            {
                case "pair":
                    return Core.Pricing.EgressKind.Pair;
                case "inter_region":
                    return Core.Pricing.EgressKind.InterRegion;
                case "inter_continental":
                    return Core.Pricing.EgressKind.InterContinental;
                case "internet":
                    return Core.Pricing.EgressKind.Internet;
                default:
                    Fail(column, $"'{v}' is not an egress kind", "use pair, inter_region, inter_continental or internet");
                    return Core.Pricing.EgressKind.Internet;
            }
        }

        public PriceSource Source()
        {
            var key = (Field("source") ?? "", Field("as_of") ?? "", Field("verified") ?? "");
            if (sources.TryGetValue(key, out var known))
            {
                return known;
            }

            var before = Problems.Count;
            var source = Text("source");
            var asOfText = Text("as_of");
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf) && asOfText.Length > 0)
            {
                Fail("as_of", $"'{asOfText}' is not a date", "write YYYY-MM-DD");
            }

            var parsed = new PriceSource(source, asOf, Bool("verified"));
            if (Problems.Count == before)
            {
                // Only a clean parse is shared: a bad one must be reported again on every row that has it.
                sources[key] = parsed;
            }

            return parsed;
        }

        private void Fail(string column, string message, string? hint = null)
        {
            var col = Array.IndexOf(header, column) + 1;
            Problems.Add(new Problem(file, csv.Parser.RawRow, Math.Max(col, 1), column, message, hint));
        }
    }
}
