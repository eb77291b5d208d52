using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Testing;

/// <summary>
/// A small pricing catalogue with round numbers, so every expected dollar in the tests can be worked out by hand,
/// plus one measured network link of 1 Gbit/s and 100 ms RTT between aws/us-east-1 and gcp/us-west1.
/// Shared by the core, planning and simulation tests.
/// </summary>
public static class Fixtures
{
    private static readonly PriceSource Src = new("test fixture", new DateOnly(2026, 11, 1), true);

    public static Location L(string text) => Location.Parse(text);

    public static PricingCatalog Catalog { get; } = BuildPricing();

    private static PricingCatalog BuildPricing()
    {
        RegionInfo R(string loc, Geo geo, bool storage = true) => new(L(loc), geo, loc, storage, Src);
        var regions = new[]
        {
            R("aws/us-east-1", Geo.Na), R("aws/us-east-2", Geo.Na), R("aws/eu-west-1", Geo.Eu),
            R("gcp/us-west1", Geo.Na), R("gcp/us-east1", Geo.Na), R("gcp/europe-west1", Geo.Eu),
            R("openai/global", Geo.Na, storage: false),
        };
        var skus = new[]
        {
            new VmSku(L("gcp/us-west1"), "n2-standard-8", null, 0, 8, 32, 0.40m, Src),
            new VmSku(L("gcp/us-east1"), "n2-standard-8", null, 0, 8, 32, 0.38m, Src),
            new VmSku(L("gcp/europe-west1"), "n2-standard-8", null, 0, 8, 32, 0.42m, Src),
            new VmSku(L("aws/us-east-1"), "m5.2xlarge", null, 0, 8, 32, 0.384m, Src),
            new VmSku(L("aws/us-east-2"), "m5.2xlarge", null, 0, 8, 32, 0.384m, Src),
            new VmSku(L("aws/eu-west-1"), "m5.2xlarge", null, 0, 8, 32, 0.428m, Src),
            new VmSku(L("aws/us-east-1"), "p4d.24xlarge", "A100", 8, 96, 1152, 21.96m, Src),
            new VmSku(L("gcp/us-west1"), "a2-highgpu-8g", "A100", 8, 96, 680, 29.39m, Src),
        };
        var services = new[]
        {
            new ServicePrice(L("gcp/us-west1"), "gcp-video-intelligence-labels", ServiceUnit.VideoMinute, 0.10m, Src),
            new ServicePrice(L("gcp/us-east1"), "gcp-video-intelligence-labels", ServiceUnit.VideoMinute, 0.10m, Src),
            new ServicePrice(L("aws/us-east-1"), "aws-rekognition-video-labels", ServiceUnit.VideoMinute, 0.10m, Src),
            new ServicePrice(L("aws/eu-west-1"), "aws-rekognition-video-labels", ServiceUnit.VideoMinute, 0.12m, Src),
        };
        var llm = new[] { new LlmPrice(L("openai/global"), "gpt-4o", 2.50m, 10.00m, Src) };
        var storage = new[]
        {
            new StoragePrice(L("aws/us-east-1"), 0.023m, DataUnit.GB, Src), new StoragePrice(L("aws/us-east-2"), 0.023m, DataUnit.GB, Src),
            new StoragePrice(L("aws/eu-west-1"), 0.023m, DataUnit.GB, Src), new StoragePrice(L("gcp/us-west1"), 0.020m, DataUnit.GiB, Src),
            new StoragePrice(L("gcp/us-east1"), 0.020m, DataUnit.GiB, Src), new StoragePrice(L("gcp/europe-west1"), 0.020m, DataUnit.GiB, Src),
        };
        EgressRate E(string provider, string region, EgressKind kind, decimal rate, DataUnit unit, decimal tier = 0, string? to = null) =>
            new(provider, region, kind, to is null ? null : L(to), tier, rate, unit, Src);
        var egress = new[]
        {
            E("aws", "*", EgressKind.InterRegion, 0.02m, DataUnit.GB),
            E("aws", "*", EgressKind.InterContinental, 0.02m, DataUnit.GB),
            E("aws", "*", EgressKind.Internet, 0.09m, DataUnit.GB),
            E("aws", "*", EgressKind.Internet, 0.085m, DataUnit.GB, tier: 10_240),
            E("aws", "*", EgressKind.Internet, 0.07m, DataUnit.GB, tier: 51_200),
            E("aws", "us-east-1", EgressKind.Pair, 0.01m, DataUnit.GB, to: "aws/us-east-2"),
            E("aws", "us-east-2", EgressKind.Pair, 0.01m, DataUnit.GB, to: "aws/us-east-1"),
            E("gcp", "*", EgressKind.InterRegion, 0.01m, DataUnit.GiB),
            E("gcp", "us-east1", EgressKind.InterRegion, 0.015m, DataUnit.GiB),
            E("gcp", "*", EgressKind.InterContinental, 0.08m, DataUnit.GiB),
            E("gcp", "*", EgressKind.Internet, 0.12m, DataUnit.GiB),
            E("openai", "*", EgressKind.InterRegion, 0m, DataUnit.GB),
            E("openai", "*", EgressKind.InterContinental, 0m, DataUnit.GB),
            E("openai", "*", EgressKind.Internet, 0m, DataUnit.GB),
        };
        var links = new[] { new NetworkLink(L("aws/us-east-1"), L("gcp/us-west1"), 1.0, 100.0, Src) };
        return new PricingCatalog(regions, skus, services, llm, storage, egress, links);
    }

    public static WorkflowNode Vm(string name, long outputBytes, decimal hours = 1m, string? storeWith = null, CandidateRules? rules = null) =>
        new(name, new VmRequirement(null, 0, [], 8, 0), Persistence.Native, rules ?? CandidateRules.Any,
            WorkEstimate.None with { RuntimeHours = hours }, outputBytes, storeWith, 1, null, false);

    public static WorkflowNode Service(string name, string service, long outputBytes, decimal minutes) =>
        new(name, new ServiceRequirement([service]), Persistence.Native, CandidateRules.Any,
            WorkEstimate.None with { VideoMinutes = minutes }, outputBytes, null, 1, null, false);

    public static WorkflowNode Llm(string name, long outputBytes, long inTokens, long outTokens, string? storeWith = null) =>
        new(name, new LlmRequirement(["gpt-4o"]), Persistence.None, CandidateRules.Any,
            WorkEstimate.None with { InputTokens = inTokens, OutputTokens = outTokens }, outputBytes, storeWith, 1, null, false);

    public static Scenario Scenario(IReadOnlyList<WorkflowNode> nodes, IReadOnlyList<Edge> edges, IReadOnlyList<Dataset>? datasets = null, Location? defaultStorage = null, decimal retention = 1) =>
        new("test", null, datasets ?? [], nodes, edges, defaultStorage, retention, ScenarioConstraints.None, "hash");

    public static CostModel ModelFor(Scenario s) => new(WorkflowGraph.Build(s), Catalog);

    public static Dictionary<string, Candidate> Assign(params (string Node, string Location, string Offering)[] items) =>
        items.ToDictionary(i => i.Node, i => new Candidate(L(i.Location), i.Offering), StringComparer.Ordinal);

    /// <summary>The worked example of cost-model.md: segment -> split -> detect -> summarise, with round sizes.</summary>
    public static Scenario WorkedExample() => Scenario(
        [
            Service("segment", "gcp-video-intelligence-labels", 2_000_000_000, 100),
            Vm("split", 10_000_000_000, hours: 2),
            Service("detect", "aws-rekognition-video-labels", 1_000_000_000, 100),
            Llm("summarise", 1_000_000, 1_000_000, 100_000),
        ],
        [new Edge("segment", "split", null), new Edge("split", "detect", null), new Edge("detect", "summarise", null)]);

    public static WorkflowNode GpuVm(string name, long outputBytes, decimal hours = 1m) =>
        new(name, new VmRequirement("A100", 8, [], 0, 0), Persistence.Native, CandidateRules.Any,
            WorkEstimate.None with { RuntimeHours = hours }, outputBytes, null, 1, null, false);
}
