using Placement.Core.Model;

namespace Placement.Execution.Scheduling;

/// <summary>
/// How many nodes may run at once: <see cref="Overall"/> over all locations, <see cref="PerLocation"/> at each
/// location unless <see cref="ByLocation"/> names the location (<c>aws/us-east-1</c>). A rule separate from
/// readiness; pure and deterministic.
/// </summary>
/// <param name="Overall">Nodes running at once over all locations (at least 1).</param>
/// <param name="PerLocation">Nodes running at once at one location (at least 1).</param>
/// <param name="ByLocation">Overrides of <paramref name="PerLocation"/> by location text.</param>
public sealed record ConcurrencyLimits(int Overall, int PerLocation, IReadOnlyDictionary<string, int> ByLocation)
{
    /// <summary>The limit at one location.</summary>
    public int At(Location location) => ByLocation.GetValueOrDefault(location.ToString(), PerLocation);

    /// <summary>
    /// Which of the <paramref name="ready"/> nodes (in the order given, normally plan order) may start now, given
    /// <paramref name="runningAt"/> nodes already running per location: walks the list, skips a node whose
    /// location is full (a later node elsewhere may still start), and stops when the overall limit is reached.
    /// </summary>
    public IReadOnlyList<string> Pick(IReadOnlyList<string> ready, Func<string, Location> locationOf, IReadOnlyDictionary<Location, int> runningAt)
    {
        var picked = new List<string>();
        var running = runningAt.Values.Sum();
        var busy = new Dictionary<Location, int>(runningAt);
        foreach (var node in ready)
        {
            if (running >= Overall)
            {
                break;
            }

            var loc = locationOf(node);
            var n = busy.GetValueOrDefault(loc);
            if (n >= At(loc))
            {
                continue;
            }

            busy[loc] = n + 1;
            running++;
            picked.Add(node);
        }

        return picked;
    }
}
