using FsCheck;
using FsCheck.Fluent;
using Placement.Core.Pricing;
using Placement.Data.Scenarios;

namespace Placement.Data.Tests;

/// <summary>
/// The loader's fast path (FastYaml, no positions) and its full path (YamlDotNet, every problem with line and
/// column) agree: wherever the fast path gives a scenario, the full path gives an equal one with no problem and no
/// warning; wherever the full path reports anything, the fast path declines; and a text inside the fast reader's
/// subset with nothing to report is never declined.
/// </summary>
public class FastPathEquivalenceTests
{
    /// <summary>Compares both paths on one text; returns whether the fast path read it.</summary>
    internal static bool AssertSamePaths(string text, PricingCatalog pricing)
    {
        var full = ScenarioLoader.LoadFull(text, "s.yaml", pricing);
        var fast = ScenarioLoader.TryLoadFast(text, "s.yaml", pricing);
        if (!full.Ok || full.Warnings.Count > 0)
        {
            Assert.True(fast is null, $"the fast path accepted a text the full path reports on: {string.Join("; ", full.Problems.Concat(full.Warnings))}\n{text}");
            return false;
        }

        if (FastYaml.TryParse(text) is not null)
        {
            Assert.True(fast is not null, $"the fast path declined a clean text inside its subset:\n{text}");
        }

        if (fast is not null)
        {
            Assert.Equal(ObjectDump.Of(full.Value), ObjectDump.Of(fast));
        }

        return fast is not null;
    }

    [Theory]
    [MemberData(nameof(FastYamlTests.RepositoryFiles), MemberType = typeof(FastYamlTests))]
    public void TryLoadFast_RepositoryScenario_EqualsFullPath(string relative)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, relative));

        Assert.True(AssertSamePaths(text, Repo.Pricing), "every repository scenario is clean and in the subset");
    }

    private static string Problems() => string.Join("\n", Enumerable.Range(0, 200).Select(seed => ScenarioLoader.LoadFull(RandomScenarioText.Make(seed, Repo.Pricing), "s.yaml", Repo.Pricing))
        .SelectMany(r => r.Problems.Concat(r.Warnings).Take(1)).GroupBy(p => p.Message.Split('\'')[0]).OrderByDescending(g => g.Count()).Take(15).Select(g => $"{g.Count()} {g.First()}"));

    [Fact]
    public void Load_AnyPath_SameResultAsFullPath()
    {
        // The public Load returns the fast path's scenario or the full path's result, never a mix.
        foreach (var seed in Enumerable.Range(0, 40))
        {
            var text = RandomScenarioText.Make(seed, Repo.Pricing);
            var load = ScenarioLoader.Load(text, "s.yaml", Repo.Pricing);
            var full = ScenarioLoader.LoadFull(text, "s.yaml", Repo.Pricing);
            Assert.Equal(ObjectDump.Of(full.Value), ObjectDump.Of(load.Value));
            Assert.Equal(full.Problems.Select(p => p.ToString()), load.Problems.Select(p => p.ToString()));
            Assert.Equal(full.Warnings.Select(p => p.ToString()), load.Warnings.Select(p => p.ToString()));
        }
    }

    [Fact]
    public void TryLoadFast_RandomScenarios_EqualsFullPathOrDeclines()
    {
        var fastCount = 0;
        var total = 0;
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            total++;
            if (AssertSamePaths(RandomScenarioText.Make(seed, Repo.Pricing), Repo.Pricing))
            {
                fastCount++;
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

        // Both kinds occur, so neither branch of the comparison is vacuous.
        Assert.True(fastCount >= total / 10 && fastCount <= total - total / 10, $"{fastCount} of {total} read by the fast path; problems: {Problems()}");
    }
}
