using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Core.Plans;
using Placement.Core.Pricing;
using Placement.Data.Plans;
using Placement.Data.PricingFiles;
using Placement.Data.Scenarios;

namespace Placement.Data;

/// <summary>
/// The file-system edge: reads the pricing folder, scenario files and plan files, turning every problem
/// into an <see cref="InputException"/> with file, line and field. Writes go through <see cref="AtomicFile"/>.
/// </summary>
public static class Workspace
{
    /// <summary>Finds <c>pricing-data/</c>: the given folder, else next to the scenario or the current folder or above, else next to the program.</summary>
    public static string FindPricingFolder(string? explicitFolder, string? scenarioPath)
    {
        if (explicitFolder is not null)
        {
            return explicitFolder;
        }

        var starts = new[] { string.IsNullOrWhiteSpace(scenarioPath) || scenarioPath.Contains('\0', StringComparison.Ordinal) ? null : Path.GetDirectoryName(Path.GetFullPath(scenarioPath)), Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "pricing-data");
                if (File.Exists(Path.Combine(candidate, "regions.csv")))
                {
                    return candidate;
                }
            }
        }

        return "pricing-data";
    }

    /// <summary>Loads the pricing catalogue from a folder.</summary>
    public static PricingCatalog LoadPricing(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new InputException(new Problem("command line", 0, 0, "--pricing", "the pricing folder is empty", "pass --pricing FOLDER or leave it out to use ./pricing-data"));
        }

        if (!Directory.Exists(folder))
        {
            throw new InputException(new Problem(folder, 0, 0, "", "pricing folder not found", "pass --pricing FOLDER or run from the repository root"));
        }

        var texts = PricingLoader.FileNames
            .Where(n => File.Exists(Path.Combine(folder, n)))
            .ToDictionary(n => n, n => File.ReadAllText(Path.Combine(folder, n)), StringComparer.Ordinal);
        var result = PricingLoader.Load(texts, folder);
        return result.Ok ? result.Value! : throw new InputException(result.Problems);
    }

    /// <summary>Loads and checks a scenario file; <paramref name="warn"/> hears each warning (absurd values) of a valid one.</summary>
    public static Scenario LoadScenario(string path, PricingCatalog pricing, Action<Problem>? warn = null)
    {
        var result = ScenarioLoader.Load(ReadText(path, "a scenario YAML file"), path, pricing);
        if (!result.Ok)
        {
            throw new InputException(result.Problems);
        }

        foreach (var w in result.Warnings)
        {
            warn?.Invoke(w);
        }

        return result.Value!;
    }

    /// <summary>Reads a plan file and prices it against the scenario; refuses a plan made for another scenario.</summary>
    public static Plan LoadPlan(string path, CostModel model) => LoadPlanEvaluated(path, model).Plan;

    /// <summary>As <see cref="LoadPlan"/>, with the evaluation the plan was priced from (for <c>SimulationModel.Build</c>).</summary>
    public static (Plan Plan, PlanEvaluation Evaluation) LoadPlanEvaluated(string path, CostModel model)
    {
        var result = PlanJson.Read(ReadInputBytes(path, "a plan JSON file"), path);
        if (!result.Ok)
        {
            throw new InputException(result.Problems);
        }

        var file = result.Value!;
        var scenario = model.Graph.Scenario;
        if (file.ScenarioName.Length > 0 && file.ScenarioName != scenario.Name)
        {
            throw new InputException(new Problem(path, 0, 0, "scenario.name",
                $"the plan is for scenario {file.ScenarioName}, not {scenario.Name}",
                $"give the scenario file of {file.ScenarioName}, or make a plan for {scenario.Name} with 'placement plan SCENARIO --out PLAN.json'"));
        }

        if (file.ScenarioHash.Length > 0 && file.ScenarioHash != scenario.ContentHash)
        {
            throw new InputException(new Problem(path, 0, 0, "scenario.hash",
                $"the plan was made for another version of the scenario (plan {Short(file.ScenarioHash)}, scenario {scenario.Name} {Short(scenario.ContentHash)})",
                "re-plan with 'placement plan', or set scenario.hash to \"\" to apply a hand-written plan"));
        }

        try
        {
            return Plan.CreateEvaluated(model, file.Assignment, file.Solver);
        }
        catch (CostModelException e)
        {
            throw new InputException(e.Problems.Select(p => new Problem(path, 0, 0, "nodes", p)).ToList());
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>
    /// Reads an input file; an empty path, a folder or an unreadable file is an <see cref="InputException"/> naming
    /// the path and <paramref name="what"/> it should be (e.g. "a plan JSON file").
    /// </summary>
    public static string ReadInput(string path, string what) => ReadText(path, what);

    /// <summary>As <see cref="ReadInput"/>, the file's bytes undecoded (for readers that parse UTF-8 themselves).</summary>
    public static byte[] ReadInputBytes(string path, string what)
    {
        CheckInputPath(path, what);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(new Problem(path, 0, 0, "", $"cannot read {what}: {e.Message.TrimEnd('.')}", "check the path"));
        }
    }

    private static void CheckInputPath(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputException(new Problem("command line", 0, 0, "", $"an empty path where {what} was expected", "give the file's path"));
        }

        if (Directory.Exists(path))
        {
            throw new InputException(new Problem(path, 0, 0, "", $"is a folder, not {what}", "give the file's path"));
        }
    }

    private static string ReadText(string path, string what)
    {
        CheckInputPath(path, what);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(new Problem(path, 0, 0, "", $"cannot read {what}: {e.Message.TrimEnd('.')}", "check the path"));
        }
    }
}
