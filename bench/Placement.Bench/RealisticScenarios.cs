using System.Globalization;
using System.Text;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Bench;

/// <summary>
/// Seeded random scenarios with the scenario format's full range, priced by the real catalogue (pricing-data/:
/// about 50 cloud locations, CPU and GPU SKUs, managed services, LLM APIs), written as YAML so the CLI can plan the
/// same file. Layered DAGs where every node reads 1 to 3 nodes of the two layers before it (some only a part of
/// their output) and about one in five also reads a dataset.
/// </summary>
/// <remarks>
/// <para>Endpoints: CPU VMs (8 to 32 vCPUs; some with faster SKUs, so several SKUs survive per location), GPU VMs
/// (one GPU of any type, runtime per GPU type), video and speech services of three providers and OpenAI's, LLM and
/// embedding APIs (no storage: outputs route back to the primary parent's bucket).</para>
/// <para>Data: 4 to 8 datasets homed across AWS, GCP and Azure regions, 1 GB to 2 TB, one in six with residency in
/// its home's geo. Constraints: 3 % of the CPU nodes pinned, 10 % denying one provider, anti-affinity pairs and
/// colocate pairs (one per 50 and 60 nodes), a GPU cap per location, a generous budget and deadline (so the
/// constraints shape the model without making the instance infeasible).</para>
/// </remarks>
internal static class RealisticScenarios
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runtime factor per GPU type against an A100 (H100 faster, T4 slower).</summary>
    private static readonly (string Gpu, double Factor)[] GpuSpeed =
        [("H100", 0.45), ("A100-80GB", 0.9), ("A100", 1.0), ("L4", 1.8), ("A10G", 1.6), ("A10", 1.7), ("V100", 1.9), ("T4", 2.8)];

    /// <summary>Faster CPU SKUs (runtime factor): when a node lists them, they and the plain ones both survive dominance.</summary>
    private static readonly (string Sku, double Factor)[] FastSkus =
        [("c5.4xlarge", 0.7), ("n2-standard-32", 0.45), ("Standard_D32s_v5", 0.45)];

    private static readonly string[][] VideoServices = [["gcp-video-intelligence-labels", "aws-rekognition-video-labels"]];

    private static readonly string[][] SpeechServices = [["aws-transcribe", "gcp-speech-to-text", "azure-speech-to-text", "openai-whisper"], ["aws-transcribe", "gcp-speech-to-text"]];

    private static readonly string[][] LlmModels = [["gpt-4o-mini"], ["gpt-4o", "gpt-4.1"], ["text-embedding-3-small"], ["gpt-4.1-mini", "o3-mini"]];

    /// <summary>Pins go to large regions every CPU SKU family is offered in.</summary>
    private static readonly string[] PinTargets = ["aws/us-east-1", "aws/us-west-2", "gcp/us-central1", "azure/eastus", "aws/eu-central-1", "gcp/europe-west4"];

    /// <summary>The YAML text of a scenario of <paramref name="nodes"/> nodes drawn with <paramref name="seed"/>.</summary>
    public static string Yaml(int nodes, int seed, PricingCatalog pricing)
    {
        var rng = new Random(seed);
        var homes = pricing.Regions.Where(r => r.HasStorage && r.Location.Provider is "aws" or "gcp" or "azure" && pricing.StorageAt(r.Location) is not null).ToList();
        var yaml = new StringBuilder();
        yaml.Append(Inv, $"name: realistic-{nodes}-s{seed}\n");
        yaml.Append("description: Seeded random scenario of the planner benchmark (bench/Placement.Bench/RealisticScenarios.cs).\n");
        yaml.Append("storage: { default: aws/us-east-1, retentionMonths: 1 }\n");

        var datasets = new List<(string Name, long Bytes)>();
        yaml.Append("datasets:\n");
        for (var d = 0; d < rng.Next(4, 9); d++)
        {
            var home = homes[rng.Next(homes.Count)];
            var bytes = (long)(1e9 * Math.Pow(2000, rng.NextDouble()));
            var residency = rng.Next(6) == 0 ? $", residency: [{home.Geo.Code()}]" : "";
            yaml.Append(Inv, $"  - {{ name: data{d}, home: {home.Location}, bytes: {bytes}{residency} }}\n");
            datasets.Add(($"data{d}", bytes));
        }

        var width = Math.Max(4, (int)(1.5 * Math.Sqrt(nodes)));
        var kinds = new char[nodes];
        var hours = new double[nodes];
        var outputs = new long[nodes];
        var cpu = new List<int>();
        yaml.Append("nodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            var roll = rng.NextDouble();
            kinds[i] = roll < 0.45 ? 'c' : roll < 0.6 ? 'g' : roll < 0.75 ? 's' : 'l';
            hours[i] = Math.Round(0.1 + (rng.NextDouble() * 3.9), 3);
            outputs[i] = kinds[i] == 'l' ? (long)(1e6 * Math.Pow(1000, rng.NextDouble())) : (long)(1e7 * Math.Pow(5000, rng.NextDouble()));
            var rules = "";
            string endpoint;
            string work;
            switch (kinds[i])
            {
                case 'c':
                    cpu.Add(i);
                    var vcpus = new[] { 8, 8, 16, 32 }[rng.Next(4)];
                    endpoint = $"{{ kind: vm, minVcpus: {vcpus} }}";
                    work = rng.Next(2) == 0
                        ? $"{{ runtimeHours: {F(hours[i])} }}"
                        : $"{{ runtimeHours: {F(hours[i])}, runtimeHoursBySku: {{ {string.Join(", ", FastSkus.Select(s => $"{s.Sku}: {F(hours[i] * s.Factor)}"))} }} }}";
                    if (rng.Next(33) == 0 && vcpus <= 8)
                    {
                        rules = $", candidates: {{ pin: {PinTargets[rng.Next(PinTargets.Length)]} }}";
                    }
                    else if (rng.Next(10) == 0)
                    {
                        rules = $", candidates: {{ deny: [{new[] { "aws", "gcp", "azure" }[rng.Next(3)]}/*] }}";
                    }

                    break;
                case 'g':
                    endpoint = "{ kind: vm, gpuCount: 1 }";
                    work = $"{{ runtimeHoursByGpu: {{ {string.Join(", ", GpuSpeed.Select(g => $"{g.Gpu}: {F(hours[i] * g.Factor)}"))} }} }}";
                    hours[i] *= GpuSpeed.Max(g => g.Factor);
                    break;
                case 's':
                    var video = rng.Next(2) == 0;
                    var services = video ? VideoServices[rng.Next(VideoServices.Length)] : SpeechServices[rng.Next(SpeechServices.Length)];
                    endpoint = $"{{ kind: service, services: [{string.Join(", ", services)}] }}";
                    work = $"{{ {(video ? "videoMinutes" : "audioMinutes")}: {rng.Next(60, 20_000)}, durationHours: {F(hours[i] / 4)} }}";
                    hours[i] /= 4;
                    break;
                default:
                    var models = LlmModels[rng.Next(LlmModels.Length)];
                    endpoint = $"{{ kind: llm, models: [{string.Join(", ", models)}] }}";
                    work = $"{{ inputTokens: {rng.Next(1, 400) * 100_000L}, outputTokens: {(models[0].StartsWith("text-embedding", StringComparison.Ordinal) ? 0 : rng.Next(1, 100) * 10_000L)}, durationHours: {F(hours[i] / 2)} }}";
                    hours[i] /= 2;
                    break;
            }

            yaml.Append(Inv, $"  - {{ name: t{i}, endpoint: {endpoint}{rules}, work: {work}, outputBytes: {outputs[i]} }}\n");
        }

        yaml.Append("edges:\n");
        var finish = new double[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var layer = i / width;
            var start = 0.0;
            if (layer == 0)
            {
                yaml.Append(Inv, $"  - {{ from: {datasets[rng.Next(datasets.Count)].Name}, to: t{i} }}\n");
            }
            else
            {
                var from = Math.Max(0, (layer - 2) * width);
                var to = layer * width;
                foreach (var p in Enumerable.Range(0, rng.Next(1, 4)).Select(_ => rng.Next(from, to)).Distinct())
                {
                    var part = rng.Next(4) == 0 ? $", bytes: {Math.Max(1, outputs[p] / rng.Next(2, 10))}" : "";
                    yaml.Append(Inv, $"  - {{ from: t{p}, to: t{i}{part} }}\n");
                    start = Math.Max(start, finish[p]);
                }

                if (rng.Next(5) == 0)
                {
                    var d = datasets[rng.Next(datasets.Count)];
                    yaml.Append(Inv, $"  - {{ from: {d.Name}, to: t{i}, bytes: {Math.Max(1, d.Bytes / rng.Next(2, 50))} }}\n");
                }
            }

            finish[i] = start + hours[i];
        }

        yaml.Append("constraints:\n");
        var pairs = cpu.OrderBy(_ => rng.Next()).ToList();
        var anti = Math.Max(1, nodes / 50);
        var colocate = Math.Max(1, nodes / 60);
        yaml.Append("  antiAffinity: [")
            .Append(string.Join(", ", Enumerable.Range(0, Math.Min(anti, pairs.Count / 4)).Select(k => $"[t{pairs[2 * k]}, t{pairs[(2 * k) + 1]}]")))
            .Append("]\n");
        var offset = 2 * anti;
        yaml.Append("  colocate: [")
            .Append(string.Join(", ", Enumerable.Range(0, Math.Min(colocate, (pairs.Count - offset) / 4)).Select(k => $"[t{pairs[offset + (2 * k)]}, t{pairs[offset + (2 * k) + 1]}]")))
            .Append("]\n");
        yaml.Append(Inv, $"  maxGpusPerLocation: {{ default: {Math.Max(8, kinds.Count(k => k == 'g') / 3)} }}\n");

        // Generous: the critical path on the slowest endpoints plus a day for transfers; USD 400 per node (the plans cost about 100).
        yaml.Append(Inv, $"  deadlineHours: {F(finish.Max() * 1.5 + 24)}\n");
        yaml.Append(Inv, $"  budgetUsd: {nodes * 400}\n");
        return yaml.ToString();
    }

    private static string F(double v) => Math.Round(v, 4).ToString("0.####", Inv);
}
