using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Bench;

/// <summary>
/// The hard planning family (issue 13): the planner benchmark's diamond and layered DAGs with the scenario-wide
/// constraints whose rows make the LP bound weak. About a fifth of the nodes need a GPU (A10) and the GPUs per
/// location are capped, so the cheap regions fill up; groups of three siblings that read the same parents must
/// sit apart (anti-affinity); parent/child pairs must share a location (colocate); a deadline below the cheapest
/// plans' makespan forces faster SKUs on the critical path; a budget row caps the bill. Seeded: same seed, same
/// scenario. Deadline and budget are set by <see cref="WithLimits"/> from a reference plan.
/// </summary>
internal static class HardScenarios
{
    /// <summary>The GPU type of the GPU nodes and SKUs.</summary>
    public const string Gpu = "A10";

    /// <summary>GPU SKUs added to every region: name, GPUs, runtime factor, price factor over the region's base.</summary>
    public static readonly (string Sku, int Gpus, decimal Speed, decimal Price)[] GpuSkus = [("g-a10", 1, 1m, 2.6m), ("g-a10x2", 2, 0.55m, 4.9m)];

    /// <summary>The hard variant of <paramref name="shape"/> (a <see cref="PlannerScenarios"/> generator) with n nodes.</summary>
    public static Scenario Make(Func<int, int, Scenario> shape, int n, int seed)
    {
        var plain = shape(n, seed);
        var rng = new Random(seed * 7919 + n);
        var cpuSkus = PlannerCatalog.Skus.Select(s => s.Sku).ToList();
        var nodes = plain.Nodes.Select(node =>
        {
            var hours = node.Work.RuntimeHoursBySku["s-std"];
            return rng.Next(5) == 0
                ? node with
                {
                    Endpoint = new VmRequirement(Gpu, 1, [], 0, 0),
                    Work = node.Work with { RuntimeHoursBySku = GpuSkus.ToDictionary(g => g.Sku, g => Math.Round(hours * g.Speed, 4)) },
                }
                : node with { Endpoint = new VmRequirement(null, 0, cpuSkus, 0, 0) };
        }).ToList();

        var readsOf = plain.Edges.GroupBy(e => e.To).ToDictionary(g => g.Key, g => g.Select(e => e.From).ToHashSet());
        var used = new HashSet<string>(StringComparer.Ordinal);
        var antiAffinity = new List<IReadOnlyList<string>>();
        var colocate = new List<IReadOnlyList<string>>();
        var names = nodes.Select(x => x.Name).ToList();
        for (var i = 0; i + 3 < names.Count; i += 3)
        {
            var roll = rng.Next(6);
            if (roll == 0)
            {
                // Three siblings, placed apart: they share parents, so the cheap plan puts them together.
                var group = names.Skip(i).Take(3).ToList();
                antiAffinity.Add(group);
                used.UnionWith(group);
            }
            else if (roll == 1 && readsOf.TryGetValue(names[i], out var parents) && parents.FirstOrDefault(p => p != "input" && !used.Contains(p)) is { } parent && !used.Contains(names[i]))
            {
                colocate.Add([parent, names[i]]);
                used.Add(parent);
                used.Add(names[i]);
            }
        }

        var gpuNodes = nodes.Count(x => x.Endpoint is VmRequirement { GpuType: not null });
        var cap = Math.Max(2, gpuNodes / 6);
        var constraints = ScenarioConstraints.None with { AntiAffinity = antiAffinity, Colocate = colocate, DefaultMaxGpusPerLocation = cap };
        return plain with { Name = "hard-" + plain.Name, Nodes = nodes, Constraints = constraints };
    }

    /// <summary>The scenario with a deadline and a budget: fractions of a reference plan's makespan and cost.</summary>
    public static Scenario WithLimits(Scenario s, double makespanHours, double costUsd, double deadlineFactor = 1.25, double budgetFactor = 1.5) =>
        s with
        {
            Constraints = s.Constraints with
            {
                DeadlineHours = Math.Round((decimal)(makespanHours * deadlineFactor), 4),
                BudgetUsd = Math.Round((decimal)(costUsd * budgetFactor), 2),
            },
        };

    /// <summary><see cref="PlannerCatalog.Build"/> with the GPU SKUs of <see cref="GpuSkus"/> in every region, priced from its cheapest CPU SKU.</summary>
    public static PricingCatalog Catalog(int candidates, int seed)
    {
        var cpu = PlannerCatalog.Build(candidates, seed);
        var rng = new Random(seed + 17);
        var gpu = cpu.Regions.SelectMany(r =>
        {
            var basePrice = cpu.Skus.Where(k => k.Location == r.Location).Min(k => k.UsdPerHour) * (0.8m + (decimal)rng.NextDouble() * 0.4m);
            return GpuSkus.Select(g => new VmSku(r.Location, g.Sku, Gpu, g.Gpus, 8, 32, Math.Round(basePrice * g.Price, 4), cpu.Skus[0].Source));
        });
        return new PricingCatalog(cpu.Regions, cpu.Skus.Concat(gpu), cpu.Services, cpu.Llm, cpu.Storage, cpu.Egress, cpu.Links);
    }
}
