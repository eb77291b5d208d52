using System.Text.RegularExpressions;

namespace Placement.Simulation.Tests;

/// <summary>The simulator core must stay pure: no files, console, wall clock or unseeded randomness in its source.</summary>
public sealed class PurityTests
{
    private static readonly string[] Banned =
    [
        @"\bConsole\.", @"\bFile\.", @"\bDirectory\.", @"\bDateTime\.(Now|UtcNow|Today)", @"\bDateTimeOffset\.(Now|UtcNow)",
        @"\bStopwatch\b", @"new\s+Random\s*\(", @"Random\.Shared", @"\bEnvironment\.TickCount", @"\bGuid\.NewGuid",
    ];

    [Fact]
    public void SimulationSource_UsesNoIoClockOrGlobalRandom()
    {
        var folder = Path.Combine(RepoPaths.Root, "src", "Placement.Simulation");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        var hits = files.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => Banned.Any(b => Regex.IsMatch(x.line, b)))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(hits);
    }

    [Fact]
    public void BannedList_CatchesAWallClock() => Assert.Contains(Banned, b => Regex.IsMatch("var t = DateTime.Now;", b));
}
