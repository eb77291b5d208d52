using System.Globalization;
using System.Text;
using Placement.Core.Pricing;

namespace Placement.Data.Tests;

/// <summary>
/// Seeded random scenario texts over the format's whole range, written in the styles people and the importer use
/// (block and flow mappings, quoted and plain scalars, comments, blank lines), mostly valid, with now and then a
/// mistake (an unknown key, a bad location, size or number, an unknown SKU or node, a duplicate, a huge value that
/// warns), so the loader's fast and full paths can be compared on texts of every kind.
/// </summary>
internal static class RandomScenarioText
{
    public static string Make(int seed, PricingCatalog pricing)
    {
        var r = new Random(seed);
        var t = new StringBuilder();
        // Half the texts are meant to be clean; the others hold a mistake now and then.
        var careless = r.Next(2) == 0;
        bool Rare() => careless && r.Next(12) == 0;
        string Pick(params string[] options) => options[r.Next(options.Length)];
        string Quote(string s) => Pick(s, $"\"{s}\"", $"'{s}'");
        string Location() => Rare() ? Pick("nowhere", "aws/mars-1", "aws/") : Pick("aws/us-east-1", "gcp/us-west1", "azure/eastus", "aws/eu-west-1");
        string Size() => Rare() ? Pick("-5", "lots", "3 XB", "2000 PB") : Pick("0", "123", "2 GB", "500 MiB", "1.5 MB", "1e3");
        string Hours() => Rare() ? Pick("-1", "abc", "1e300", "20000000") : Pick("0", "0.5", "1", "0.001023363333", "12");
        string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

        if (r.Next(3) == 0)
        {
            t.Append("# a random scenario\n\n");
        }

        t.Append("name: ").Append(Rare() ? "\"\"" : Quote($"s{seed & 0xffff}")).Append('\n');
        if (r.Next(2) == 0)
        {
            t.Append("description: ").Append(Quote("made up")).Append(Pick("", " # why")).Append('\n');
        }

        if (r.Next(3) > 0)
        {
            var retention = r.Next(3) == 0 ? $", retentionMonths: {(Rare() ? "5000" : Pick("1", "0.5", "12"))}" : "";
            t.Append(r.Next(2) == 0 ? $"storage: {{ default: {Location()}{retention} }}\n" : $"storage:\n  default: {Location()}\n" + (retention.Length > 0 ? $"  retentionMonths: {retention[19..]}\n" : ""));
        }

        var datasets = r.Next(3);
        var names = new List<string>();
        if (datasets > 0 || Rare())
        {
            t.Append("datasets:\n");
            for (var i = 0; i < datasets; i++)
            {
                var name = $"d{i}";
                names.Add(name);
                var residency = r.Next(4) == 0 ? $", residency: {List(new[] { Pick("na", "eu", "apac", Rare() ? "mars" : "oc") })}" : "";
                var uri = r.Next(5) == 0 ? ", uri: s3://bucket/key" : "";
                if (r.Next(2) == 0)
                {
                    t.Append($"  - {{ name: {Quote(name)}, home: {Location()}, bytes: {Size()}{residency}{uri} }}\n");
                }
                else
                {
                    t.Append($"  - name: {Quote(name)}\n    home: {Location()}\n    bytes: {Size()}\n");
                }
            }
        }

        var skus = pricing.Skus.Select(s => s.Sku).Distinct().Order(StringComparer.Ordinal).ToArray();
        var gpus = pricing.Skus.Select(s => s.GpuType).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        var services = pricing.Services.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal).ToArray();
        var models = pricing.Llm.Select(s => s.Model).Distinct().Order(StringComparer.Ordinal).ToArray();
        var nodes = r.Next(1, 9);
        var parts = new Dictionary<string, List<string>>();
        t.Append("nodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            var name = Rare() && i > 0 ? $"n{i - 1}" : $"n{i}";
            names.Add(name);
            var fields = new List<string> { $"name: {Quote(name)}" };
            var kind = r.Next(5);
            string work;
            if (kind <= 2)
            {
                var endpoint = new List<string> { "kind: vm" };
                if (r.Next(3) == 0)
                {
                    endpoint.Add($"skus: {List(Enumerable.Range(0, r.Next(1, 3)).Select(_ => Rare() ? "m9.huge" : Quote(skus[r.Next(skus.Length)])))}");
                }

                if (r.Next(5) == 0)
                {
                    endpoint.Add($"gpu: {gpus[r.Next(gpus.Length)]}");
                    endpoint.Add($"gpuCount: {r.Next(1, 3)}");
                }

                if (r.Next(3) == 0)
                {
                    endpoint.Add($"minVcpus: {Pick("2", "4", "8")}");
                }

                if (r.Next(4) == 0)
                {
                    endpoint.Add($"minMemoryGib: {Pick("4", "16", "7.5")}");
                }

                fields.Add($"endpoint: {{ {string.Join(", ", endpoint)} }}");
                work = r.Next(4) == 0 ? $"{{ runtimeHours: {Hours()}, runtimeHoursBySku: {{ {skus[r.Next(skus.Length)]}: {Hours()} }} }}"
                    : r.Next(6) == 0 ? $"{{ runtimeHoursByGpu: {{ {(gpus.Length > 0 ? gpus[0] : "A100")}: {Hours()} }}, runtimeHours: {Hours()} }}"
                    : $"{{ runtimeHours: {Hours()} }}";
            }
            else if (kind == 3)
            {
                fields.Add($"endpoint: {{ kind: service, service: {(Rare() ? "no-such-service" : services[r.Next(services.Length)])} }}");
                work = $"{{ {Pick("videoMinutes", "audioMinutes", "images", "requests")}: {Pick("10", "120", "1000")}, durationHours: {Hours()} }}";
            }
            else
            {
                fields.Add($"endpoint: {{ kind: llm, models: {List(new[] { Rare() ? "gpt-99" : models[r.Next(models.Length)] })} }}");
                work = $"{{ inputTokens: {Pick("1000", "0", "250000")}, outputTokens: {Pick("10", "5000")} }}";
            }

            if (r.Next(8) > 0)
            {
                fields.Add($"work: {work}");
            }

            if (r.Next(3) == 0)
            {
                var rules = new List<string>();
                if (r.Next(2) == 0)
                {
                    rules.Add($"allow: {List(new[] { Pick("aws/*", "gcp/us-west1", "*/us-*", "aws/us-east-1") })}");
                }

                if (r.Next(3) == 0)
                {
                    rules.Add($"deny: [{Pick("azure/*", "gcp/*", "bad pattern")}]");
                }

                if (r.Next(4) == 0)
                {
                    rules.Add($"pin: {Location()}");
                }

                fields.Add($"candidates: {{ {string.Join(", ", rules)} }}");
            }

            if (r.Next(3) == 0)
            {
                var n = r.Next(1, 4);
                var own = Enumerable.Range(0, n).Select(k => $"{name}.p{k}").ToList();
                if (Rare())
                {
                    own.Add(own[0]);
                }

                parts[name] = own;
                fields.Add("parts:\n" + string.Concat(own.Select(p => $"      - {{ name: {Quote(p)}, bytes: {Size()} }}\n")).TrimEnd('\n'));
            }
            else if (r.Next(2) == 0)
            {
                fields.Add($"outputBytes: {Size()}");
            }

            if (r.Next(6) == 0)
            {
                fields.Add($"persistence: {Pick("native", "none", Rare() ? "cloud" : "native")}");
            }

            if (r.Next(8) == 0)
            {
                fields.Add($"count: {Pick("1", "3", Rare() ? "0" : "2", "20000")}");
            }

            if (r.Next(6) == 0)
            {
                fields.Add($"handler: {{ kind: {Pick("noop", "command", "copy")}, run: {Quote("echo hi")}, fallback: {Pick("{ kind: noop }", "\"cp a b\"", "{ kind: command, run: x }")} }}");
            }

            if (r.Next(10) == 0)
            {
                fields.Add($"reuseStorage: {Pick("true", "false", Rare() ? "maybe" : "true")}");
            }

            if (Rare())
            {
                fields.Add("colour: blue");
            }

            if (r.Next(2) == 0)
            {
                t.Append("  - ").Append(string.Join("\n    ", fields)).Append('\n');
            }
            else if (fields.All(f => !f.Contains('\n', StringComparison.Ordinal)))
            {
                t.Append("  - { ").Append(string.Join(", ", fields)).Append(" }\n");
            }
            else
            {
                t.Append("  -\n    ").Append(string.Join("\n    ", fields)).Append('\n');
            }
        }

        var edges = new List<string>();
        for (var j = 0; j < nodes; j++)
        {
            for (var i = 0; i < names.Count; i++)
            {
                var from = names[i];
                var to = $"n{j}";
                var forward = !from.StartsWith('n') || int.Parse(from[1..], CultureInfo.InvariantCulture) < j || Rare();
                if (from == to || !forward || r.Next(3) > 0)
                {
                    continue;
                }

                var read = parts.TryGetValue(from, out var ps)
                    ? (r.Next(2) == 0 ? $", parts: {List(ps.Take(r.Next(1, ps.Count + 1)).Select(p => Quote(p)))}" : Rare() ? ", bytes: 5" : "")
                    : r.Next(2) == 0 ? $", bytes: {Size()}" : Rare() ? ", parts: [x]" : "";
                edges.Add($"  - {{ from: {Quote(Rare() ? "ghost" : from)}, to: {Quote(to)}{read} }}{Pick("", "", " # an edge")}\n");
                if (Rare())
                {
                    edges.Add(edges[^1]);
                }
            }
        }

        if (edges.Count > 0 || r.Next(2) == 0)
        {
            t.Append(edges.Count == 0 ? "edges: []\n" : "edges:\n" + string.Concat(edges));
        }

        if (r.Next(3) == 0)
        {
            var c = new List<string>();
            if (r.Next(2) == 0)
            {
                c.Add($"allow: [{Pick("aws/*", "*/*", "gcp/*")}]");
            }

            if (r.Next(3) == 0)
            {
                c.Add($"deny: [{Pick("azure/*", "aws/eu-*")}]");
            }

            if (r.Next(3) == 0 && nodes > 1)
            {
                c.Add($"{Pick("colocate", "antiAffinity")}: [[n0, {(Rare() ? "ghost" : "n1")}]]");
            }

            if (r.Next(4) == 0)
            {
                c.Add($"maxGpusPerLocation: {{ default: {Pick("8", "16")}, {Location()}: {Pick("2", "-1", "4")} }}");
            }

            if (r.Next(3) == 0)
            {
                c.Add($"budgetUsd: {Pick("100", "1e6", "-3")}");
            }

            if (r.Next(3) == 0)
            {
                c.Add($"deadlineHours: {Pick("24", "100000", "0.5")}");
            }

            t.Append(r.Next(2) == 0 ? $"constraints: {{ {string.Join(", ", c)} }}\n" : "constraints:\n" + string.Concat(c.Select(x => $"  {x}\n")));
        }

        return t.ToString();
    }
}
