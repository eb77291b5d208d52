using System.Globalization;
using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Pricing;

namespace Placement.Data.Scenarios;

/// <summary>
/// Values a valid scenario may hold but that are almost surely mistakes: a node running for decades, petabytes of
/// data, a run costing millions. Each becomes a warning (file, line, field, what, hint) next to the scenario, never
/// an error: the thresholds are <see cref="ScenarioLimits"/>'s <c>Warn*</c> constants.
/// </summary>
internal static class ScenarioWarnings
{
    /// <summary>A node's cheapest priced candidate (null when none could be priced) and its price.</summary>
    public readonly record struct Cheapest(Candidate? At, decimal Usd);

    /// <summary>
    /// Reports the warnings; <paramref name="cheapest"/> holds each node's cheapest candidate when the checks found
    /// them already (null: priced here).
    /// </summary>
    public static void Find(Scenario s, PricingCatalog pricing, YamlSource src, Cheapest[]? cheapest = null)
    {
        for (var i = 0; i < s.Datasets.Count; i++)
        {
            if (s.Datasets[i].Bytes > ScenarioLimits.WarnBytes)
            {
                Bytes(src, $"datasets[{i}].bytes", $"dataset {s.Datasets[i].Name}", s.Datasets[i].Bytes);
            }
        }

        for (var i = 0; i < s.Edges.Count; i++)
        {
            // The paths are only formatted for a warning: a 100,000-task scenario has half a million edges.
            if (s.Edges[i].Bytes is { } b && b > ScenarioLimits.WarnBytes)
            {
                Bytes(src, $"edges[{i}].bytes", $"edge {s.Edges[i].From} -> {s.Edges[i].To}", b);
            }
        }

        decimal cheapestTotal = 0;
        for (var i = 0; i < s.Nodes.Count; i++)
        {
            var n = s.Nodes[i];
            var path = new NodePath(i);
            if (n.OutputBytes > ScenarioLimits.WarnBytes)
            {
                Bytes(src, $"{path}.outputBytes", $"node {n.Name}'s output", n.OutputBytes);
            }

            var w = n.Work;
            var hours = Math.Max(w.RuntimeHours ?? 0, w.DurationHours ?? 0);
            foreach (var h in w.RuntimeHoursByGpu.Values)
            {
                hours = Math.Max(hours, h);
            }

            foreach (var h in w.RuntimeHoursBySku.Values)
            {
                hours = Math.Max(hours, h);
            }

            if (hours * n.InstanceCount > ScenarioLimits.WarnNodeHours)
            {
                src.Warn($"{path}.work", $"node {n.Name} runs for {Num(hours)} hours{(n.InstanceCount > 1 ? $" on {n.InstanceCount} instances" : "")} ({Num(hours * n.InstanceCount / 8766)} years of compute)",
                    $"more than {Num(ScenarioLimits.WarnNodeHours)} hours: check the unit (runtimeHours is hours, not seconds or minutes)");
            }

            foreach (var (value, key, word) in new[] { (w.VideoMinutes, "videoMinutes", "minutes of video"), (w.AudioMinutes, "audioMinutes", "minutes of audio") })
            {
                if (value > ScenarioLimits.WarnMediaMinutes)
                {
                    src.Warn($"{path}.work.{key}", $"node {n.Name} processes {Num(value)} {word} ({Num(value / 525_960)} years)", "check the unit: minutes, not seconds or frames");
                }
            }

            foreach (var (value, key) in new[] { (w.Images, "images"), (w.Requests, "requests") })
            {
                if (value > ScenarioLimits.WarnCalls)
                {
                    src.Warn($"{path}.work.{key}", $"node {n.Name} makes {Num(value)} {key}", $"more than {Num(ScenarioLimits.WarnCalls)}: check the count");
                }
            }

            if (w.InputTokens + (decimal)w.OutputTokens > ScenarioLimits.WarnTokens)
            {
                src.Warn($"{path}.work", $"node {n.Name} uses {Num(w.InputTokens + (decimal)w.OutputTokens)} tokens", $"more than {Num(ScenarioLimits.WarnTokens)}: check the count");
            }

            if (n.InstanceCount > ScenarioLimits.WarnInstances)
            {
                src.Warn($"{path}.count", $"node {n.Name} runs on {n.InstanceCount} instances at once", $"more than {Num(ScenarioLimits.WarnInstances)}: check the count");
            }

            var (cheapestAt, usd) = cheapest is null ? CheapestOf(n, s.Constraints, pricing) : cheapest[i];
            if (cheapestAt is not null)
            {
                cheapestTotal += usd;
                if (usd > ScenarioLimits.WarnNodeUsd)
                {
                    src.Warn($"{path}.work", $"node {n.Name} costs at least {Usd(usd)} (at {cheapestAt})", $"more than {Usd(ScenarioLimits.WarnNodeUsd)}: check the work estimate and its units");
                }
            }
        }

        if (cheapestTotal > ScenarioLimits.WarnScenarioUsd)
        {
            src.Warn("nodes", $"the scenario costs at least {Usd(cheapestTotal)} to run (every node at its cheapest candidate, before transfers and storage)",
                $"more than {Usd(ScenarioLimits.WarnScenarioUsd)}: check the work estimates and their units before planning");
        }

        if (s.Constraints.DeadlineHours is { } d && d > ScenarioLimits.WarnDeadlineHours)
        {
            src.Warn("constraints.deadlineHours", $"a deadline of {Num(d)} hours ({Num(d / 8766)} years)", "check the unit: deadlineHours is hours");
        }
    }

    /// <summary>The cheapest priced candidate, the first of equals (as a stable sort by price would give).</summary>
    private static Cheapest CheapestOf(WorkflowNode n, ScenarioConstraints constraints, PricingCatalog pricing)
    {
        Candidate? cheapestAt = null;
        var cheapest = 0m;
        foreach (var c in CandidateFinder.For(n, constraints, pricing))
        {
            if (NodeRunPrice.TryTotalUsd(n, c, pricing, out _) is { } price && (cheapestAt is null || price < cheapest))
            {
                cheapestAt = c;
                cheapest = price;
            }
        }

        return new Cheapest(cheapestAt, cheapest);
    }

    /// <summary>A node's path, formatted only when a warning interpolates it.</summary>
    private readonly struct NodePath(int index)
    {
        public override string ToString() => $"nodes[{index}]";
    }

    private static void Bytes(YamlSource src, string path, string what, long bytes)
    {
        if (bytes > ScenarioLimits.WarnBytes)
        {
            src.Warn(path, $"{what} is {Num(bytes / 1e15m)} PB", "more than 1 PB: check the unit (2 GB, 500 MiB; a bare number is bytes)");
        }
    }

    private static string Num(decimal v) => v >= 1e15m
        ? ((double)v).ToString("0.##e+0", CultureInfo.InvariantCulture)
        : v.ToString(v >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    private static string Usd(decimal v) => "$" + Num(Math.Round(v, 0));
}
