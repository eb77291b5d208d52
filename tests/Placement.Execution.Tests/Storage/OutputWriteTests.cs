using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Storage;

public class OutputWriteTests
{
    [Theory]
    [InlineData(false, false, OutputWriteMode.Create)]
    [InlineData(false, true, OutputWriteMode.Replace)]
    [InlineData(true, false, OutputWriteMode.Create)]
    [InlineData(true, true, OutputWriteMode.Append)]
    public void Decide_ReuseByExistsMatrix_MatchesCostModelRule(bool reuse, bool exists, OutputWriteMode expected)
    {
        Assert.Equal(expected, OutputWrite.Decide(reuse, exists));
    }

    [Fact]
    public void Decide_OnlyReuseAndExistsTogether_Append()
    {
        foreach (var reuse in new[] { false, true })
        {
            foreach (var exists in new[] { false, true })
            {
                Assert.Equal(reuse && exists, OutputWrite.Decide(reuse, exists) == OutputWriteMode.Append);
                Assert.Equal(!exists, OutputWrite.Decide(reuse, exists) == OutputWriteMode.Create);
            }
        }
    }
}
