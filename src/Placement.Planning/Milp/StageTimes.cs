using System.Diagnostics;
using System.Globalization;

namespace Placement.Planning.Milp;

/// <summary>
/// Wall-clock seconds per stage of a solve (model, warm start, LP bound, branch and bound), kept in the outcome's
/// notes under <c>stages</c> as each stage ends, so every return path reports where the time went.
/// </summary>
internal sealed class StageTimes(Dictionary<string, string> notes, Stopwatch clock)
{
    private double last;

    /// <summary>Seconds of the stage that ended last.</summary>
    public double Last { get; private set; }

    /// <summary>Ends the stage <paramref name="name"/> now.</summary>
    public void Mark(string name)
    {
        var now = clock.Elapsed.TotalSeconds;
        var entry = $"{name} {(now - last).ToString("0.000", CultureInfo.InvariantCulture)} s";
        notes["stages"] = notes.TryGetValue("stages", out var before) ? before + ", " + entry : entry;
        Last = now - last;
        last = now;
    }
}
