using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Model;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Parts;

/// <summary>
/// For random part-reading patterns run through the real embedded executor on local folders: the bytes moved to
/// each destination are the size of the union of the parts its readers there read (computed here as a plain set
/// union, independently of the cost model), each part is journaled once per destination, and the staged copy holds
/// exactly the parts the readers with storage there read.
/// </summary>
public class PartsPropertyTests
{
    private static readonly string[] Locations = ["gcp/us-west1", "aws/us-east-1", "azure/eastus"];

    private sealed record Reader(string Name, int At, bool Storing, int[] Parts);

    private static (string Yaml, (string, string)[] Placement, int[] Sizes, Reader[] Readers) Make(int seed)
    {
        var random = new Random(seed);
        var sizes = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(1, 400)).ToArray();
        var readers = Enumerable.Range(1, random.Next(1, 7)).Select(i =>
        {
            var parts = Enumerable.Range(0, sizes.Length).Where(_ => random.Next(2) == 0).ToArray();
            return new Reader($"r{i}", random.Next(Locations.Length), random.Next(3) > 0, parts.Length > 0 ? parts : [random.Next(sizes.Length)]);
        }).ToArray();
        var yaml = new StringBuilder("name: parts-prop\nstorage: { default: gcp/us-west1, retentionMonths: 1 }\nnodes:\n");
        var parts = string.Join(", ", sizes.Select((b, i) => $"{{ name: p{i}, bytes: {b.ToString(CultureInfo.InvariantCulture)} }}"));
        yaml.Append($"  - {{ name: src, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.1 }}, parts: [{parts}], handler: {{ kind: noop }} }}\n");
        foreach (var r in readers)
        {
            yaml.Append($"  - {{ name: {r.Name}, endpoint: {{ kind: vm, minVcpus: 2 }}, {(r.Storing ? "" : "persistence: none, ")}work: {{ runtimeHours: 0.1 }}, outputBytes: 3, handler: {{ kind: noop }} }}\n");
        }

        yaml.Append("edges:\n");
        foreach (var r in readers)
        {
            yaml.Append($"  - {{ from: src, to: {r.Name}, parts: [{string.Join(", ", r.Parts.Select(p => $"p{p}"))}] }}\n");
        }

        var placement = readers.Select(r => (r.Name, Locations[r.At])).Prepend(("src", Locations[0])).ToArray();
        return (yaml.ToString(), placement, sizes, readers);
    }

    [Fact]
    public void StartAsync_RandomPartReadingPatterns_BytesMovedToEachDestinationAreTheUnionOfThePartsItsReadersThereRead()
    {
        var cases = 0;
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (yaml, placement, sizes, readers) = Make(seed);
            var folder = TestKit.TempFolder("parts-prop");
            var (_, graph) = TestKit.Scenario(folder, yaml);
            var plan = TestKit.PlanFor(graph, placement);
            using var executor = TestKit.Executor(Path.Combine(folder, "state"), TestKit.Local(folder));
            var result = executor.StartAsync(new RunRequest(graph, plan, folder), null, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));

            var expected = new Dictionary<string, long>();
            var expectedParts = new List<(string Part, string To)>();
            for (var l = 1; l < Locations.Length; l++)
            {
                var there = readers.Where(r => r.At == l).ToList();
                var union = there.SelectMany(r => r.Parts).ToHashSet();
                if (union.Count > 0)
                {
                    expected[Locations[l]] = union.Sum(p => (long)sizes[p]);
                    expectedParts.AddRange(union.Select(p => ($"p{p}", Locations[l])));
                }

                // The staged copy: one object per part the readers with storage there read, no other.
                var dest = Location.Parse(Locations[l]);
                var storingUnion = there.Where(r => r.Storing).SelectMany(r => r.Parts).ToHashSet();
                var key = StorageKey.ForRunOutput("parts-prop", result.RunId, "src");
                for (var p = 0; p < sizes.Length; p++)
                {
                    var size = TestKit.Local(folder).For(dest).SizeAsync(dest, StorageKey.ForPart(key, $"p{p}"), default).GetAwaiter().GetResult();
                    Assert.Equal(storingUnion.Contains(p) ? sizes[p] : null, size);
                }
            }

            var measured = result.Transfers.Where(t => t.Data == "src").ToDictionary(t => t.To, t => t.Bytes);
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), measured.OrderBy(e => e.Key, StringComparer.Ordinal));
            var journaled = executor.Journal.PartTransfers(result.RunId).Select(p => (p.Part, p.To)).ToList();
            Assert.Equal(expectedParts.Order(), journaled.Order());

            // The plan priced the same bytes (the cost model's rule agrees with the plain union).
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), plan.Cost.Transfers.Where(t => t.Data == "src").ToDictionary(t => t.To.ToString(), t => t.Bytes).OrderBy(e => e.Key, StringComparer.Ordinal));
            Directory.Delete(folder, recursive: true);
            cases++;
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
        Assert.Equal(25, cases);
    }
}
