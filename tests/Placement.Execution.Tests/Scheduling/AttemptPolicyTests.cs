using Placement.Execution.Scheduling;

namespace Placement.Execution.Tests.Scheduling;

public class AttemptPolicyTests
{
    [Fact]
    public void AfterFailure_PrimaryTriesThenFallback_BacksOffBetweenTriesOfOneHandlerOnly()
    {
        var p = new AttemptPolicy(3, 2);
        Assert.Equal(new AttemptDecision(false, 2, true), p.AfterFailure(1, permanent: false));
        Assert.Equal(new AttemptDecision(false, 4, false), p.AfterFailure(3, permanent: false));
        Assert.True(p.IsFallback(4));
        Assert.Equal(new AttemptDecision(false, 5, true), p.AfterFailure(4, permanent: false));
        Assert.True(p.AfterFailure(5, permanent: false).GiveUp);
    }

    [Fact]
    public void AfterFailure_Permanent_SkipsToTheFallbackOrGivesUp()
    {
        Assert.Equal(new AttemptDecision(false, 4, false), new AttemptPolicy(3, 1).AfterFailure(1, permanent: true));
        Assert.True(new AttemptPolicy(3, 0).AfterFailure(1, permanent: true).GiveUp);
        Assert.True(new AttemptPolicy(3, 2).AfterFailure(4, permanent: true).GiveUp);
        Assert.True(new AttemptPolicy(1, 0).AfterFailure(1, permanent: false).GiveUp);
    }
}
