namespace Placement.Execution.Tests;

/// <summary>A fake clock: every read of the time advances it by a fixed step (timers stay real).</summary>
internal sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    private long reads;

    public override DateTimeOffset GetUtcNow() => start + (step * Interlocked.Increment(ref reads));
}
