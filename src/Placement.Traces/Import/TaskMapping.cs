using System.Text.RegularExpressions;
using Placement.Core.Model;
using Placement.Data;

namespace Placement.Traces.Import;

/// <summary>
/// One <c>--map TASK_PATTERN=NODE_TEMPLATE</c> rule of <c>placement import-wfcommons</c>: tasks whose category or
/// id matches the glob <see cref="Pattern"/> (<c>*</c> any run, <c>?</c> one character, case-sensitive) become
/// nodes of the endpoint kind the template names, allowed at the template's locations.
/// Template grammar: <c>KIND[:NAME[|NAME...]][@LOCATION_PATTERN[,LOCATION_PATTERN...]]</c>, with KIND
/// <c>vm</c> (NAME = VM SKUs; none means any SKU), <c>service</c> (NAME = services) or <c>llm</c> (NAME = models).
/// Examples: <c>bwa*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/us-west1</c>, <c>*=vm@aws/*</c>,
/// <c>summar*=llm:gpt-4o-mini</c>.
/// </summary>
/// <param name="Pattern">Glob over task category or id.</param>
/// <param name="Kind">Endpoint kind word: <c>vm</c>, <c>service</c> or <c>llm</c>.</param>
/// <param name="Names">SKUs, services or models.</param>
/// <param name="Allow">Candidate location patterns; empty means anywhere the endpoint is offered.</param>
/// <param name="Text">The rule as written.</param>
public sealed record TaskMapping(string Pattern, string Kind, IReadOnlyList<string> Names, IReadOnlyList<LocationPattern> Allow, string Text)
{
    /// <summary>True when the task's category or id matches the pattern.</summary>
    public bool Matches(string category, string id) => Glob(category) || Glob(id);

    /// <summary>Parses every rule; problems name the rule and say what is wrong.</summary>
    public static LoadResult<IReadOnlyList<TaskMapping>> Parse(IEnumerable<string> rules)
    {
        var problems = new List<Problem>();
        var list = new List<TaskMapping>();
        foreach (var rule in rules)
        {
            var eq = rule.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == rule.Length - 1)
            {
                problems.Add(Bad(rule, "is not TASK_PATTERN=NODE_TEMPLATE"));
                continue;
            }

            var pattern = rule[..eq].Trim();
            var template = rule[(eq + 1)..].Trim();
            var at = template.IndexOf('@', StringComparison.Ordinal);
            var head = at < 0 ? template : template[..at];
            var allowText = at < 0 ? "" : template[(at + 1)..];
            var colon = head.IndexOf(':', StringComparison.Ordinal);
            var kind = (colon < 0 ? head : head[..colon]).Trim().ToLowerInvariant();
            var names = colon < 0 ? [] : head[(colon + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (kind is not ("vm" or "service" or "llm"))
            {
                problems.Add(Bad(rule, $"'{kind}' is not an endpoint kind (use vm, service or llm)"));
                continue;
            }

            if (kind != "vm" && names.Count == 0)
            {
                problems.Add(Bad(rule, $"a {kind} template needs a name, e.g. {kind}:{(kind == "llm" ? "gpt-4o-mini" : "aws-rekognition-image-labels")}"));
                continue;
            }

            var allow = new List<LocationPattern>();
            var ok = true;
            foreach (var p in allowText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (LocationPattern.TryParse(p, out var lp))
                {
                    allow.Add(lp!);
                }
                else
                {
                    problems.Add(Bad(rule, $"'{p}' is not a location pattern such as aws/us-east-1 or gcp/*"));
                    ok = false;
                }
            }

            if (ok)
            {
                list.Add(new TaskMapping(pattern, kind, names, allow, rule));
            }
        }

        return new LoadResult<IReadOnlyList<TaskMapping>>(problems.Count == 0 ? list : null, problems);
    }

    private bool Glob(string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(Pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static Problem Bad(string rule, string message) =>
        new("command line", 0, 0, "--map", $"'{rule}' {message}", "write TASK_PATTERN=KIND[:NAME[|NAME...]][@LOCATION,...], e.g. 'bwa*=vm:m5.2xlarge@aws/us-east-1,gcp/us-west1'");
}
