using Placement.Core.Model;

namespace Placement.Execution.Temporal;

/// <summary>
/// The task-queue naming rule, stable across releases (workers and running workflows depend on it): a location
/// <c>PROVIDER/REGION</c> polls the queue <c>placement-PROVIDER-REGION</c>, lower case, with every character other
/// than <c>a-z</c>, <c>0-9</c>, <c>-</c>, <c>_</c> and <c>.</c> written as <c>_</c> (so <c>aws/us-east-1</c> is
/// <c>placement-aws-us-east-1</c>). The workflow itself and its final record activity use <see cref="Workflows"/>.
/// A location whose queue name would break Temporal's limits (empty parts, over <see cref="MaxLength"/> characters)
/// is refused by <see cref="Problem"/> before anything starts.
/// </summary>
public static class TaskQueues
{
    /// <summary>The prefix every Placement queue starts with.</summary>
    public const string Prefix = "placement-";

    /// <summary>The queue of the workflows and of the final record activity.</summary>
    public const string Workflows = "placement-workflows";

    /// <summary>Longest queue name accepted (Temporal allows 1,000 bytes; names stay far below).</summary>
    public const int MaxLength = 200;

    /// <summary>The task queue of a location.</summary>
    public static string ForLocation(Location location) => Prefix + Part(location.Provider) + "-" + Part(location.Region);

    /// <summary>The task queue of a location given as text (<c>aws/us-east-1</c>); throws <see cref="FormatException"/> on a bad location.</summary>
    public static string ForLocation(string location) =>
        Location.TryParse(location, out var l) ? ForLocation(l) : throw new FormatException($"'{location}' is not a location (PROVIDER/REGION)");

    /// <summary>Why a location cannot have a queue, or null when it can.</summary>
    public static string? Problem(string location)
    {
        if (!Location.TryParse(location, out var l))
        {
            return $"'{location}' is not a location: write PROVIDER/REGION, e.g. aws/us-east-1";
        }

        if (l.Provider.Trim().Length == 0 || l.Region.Trim().Length == 0)
        {
            return $"location '{location}' has an empty provider or region";
        }

        var queue = ForLocation(l);
        return queue.Length > MaxLength ? $"location '{location}' gives a task queue longer than {MaxLength} characters" : null;
    }

    /// <summary>
    /// Problems of a set of locations used together: each must have a queue, and no two may share one
    /// (<c>a-b/c</c> and <c>a/b-c</c> would both be <c>placement-a-b-c</c>).
    /// </summary>
    public static IReadOnlyList<string> Problems(IEnumerable<string> locations)
    {
        var problems = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var location in locations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (Problem(location) is { } why)
            {
                problems.Add(why);
                continue;
            }

            var queue = ForLocation(location);
            if (seen.TryGetValue(queue, out var other))
            {
                problems.Add($"locations '{other}' and '{location}' would share the task queue {queue}; rename one");
                continue;
            }

            seen[queue] = location;
        }

        return problems;
    }

    private static string Part(string text) =>
        new(text.Trim().ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' ? c : '_').ToArray());
}
