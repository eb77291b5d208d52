using System.Globalization;

namespace Placement.Execution.Engine;

/// <summary>
/// Run ids: <c>run-YYYYMMDD-HHMMSS-mmm-XXXXXXXX</c>, the UTC start to the millisecond then 32 random bits (lower-case
/// hex) from an injected source. They sort by start time; the journal's primary key refuses a duplicate, and the
/// executor then draws again, so two processes can never share one.
/// </summary>
public static class RunIds
{
    /// <summary>A new id for a run starting at <paramref name="now"/>.</summary>
    public static string New(DateTimeOffset now, Random random)
    {
        var suffix = (uint)random.NextInt64(0, 1L << 32);
        return string.Create(CultureInfo.InvariantCulture, $"run-{now.UtcDateTime:yyyyMMdd-HHmmss-fff}-{suffix:x8}");
    }
}
