namespace Placement.Execution.Scheduling;

/// <summary>What to do after an attempt of a node failed.</summary>
/// <param name="GiveUp">True when no attempt follows: the node fails.</param>
/// <param name="NextTry">The next try (1-based within this execution of the node) when one follows.</param>
/// <param name="BackOff">True when the driver waits the backoff delay before the next try (not before the first fallback try).</param>
public sealed record AttemptDecision(bool GiveUp, int NextTry, bool BackOff);

/// <summary>
/// The retry rule of a node, shared by the embedded loop and a Temporal workflow (which maps it onto a primary
/// activity with <see cref="PrimaryTries"/> maximum attempts and a fallback activity with
/// <see cref="FallbackTries"/>): tries 1..<see cref="PrimaryTries"/> run the primary handler, the next
/// <see cref="FallbackTries"/> the fallback. A permanent failure of the primary skips to the fallback at once; a
/// permanent failure of the fallback, or its last try failing, gives up. Pure.
/// </summary>
/// <param name="PrimaryTries">The primary handler's <c>maxAttempts</c> (at least 1).</param>
/// <param name="FallbackTries">The fallback's <c>maxAttempts</c> (0 when the node has no fallback).</param>
public sealed record AttemptPolicy(int PrimaryTries, int FallbackTries)
{
    /// <summary>True when try <paramref name="tryNumber"/> runs the fallback handler.</summary>
    public bool IsFallback(int tryNumber) => tryNumber > PrimaryTries;

    /// <summary>True when try <paramref name="tryNumber"/> is the last of its handler's tries.</summary>
    public bool IsLastOfKind(int tryNumber) => IsFallback(tryNumber) ? tryNumber >= PrimaryTries + FallbackTries : tryNumber >= PrimaryTries;

    /// <summary>What follows a failed try; <paramref name="permanent"/> when the handler said retrying cannot help.</summary>
    public AttemptDecision AfterFailure(int tryNumber, bool permanent)
    {
        if (IsFallback(tryNumber))
        {
            return permanent || IsLastOfKind(tryNumber) ? new AttemptDecision(true, 0, false) : new AttemptDecision(false, tryNumber + 1, true);
        }

        if (permanent || IsLastOfKind(tryNumber))
        {
            return FallbackTries > 0 ? new AttemptDecision(false, PrimaryTries + 1, false) : new AttemptDecision(true, 0, false);
        }

        return new AttemptDecision(false, tryNumber + 1, true);
    }
}
