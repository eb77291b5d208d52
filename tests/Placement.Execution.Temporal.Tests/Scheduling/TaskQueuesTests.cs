namespace Placement.Execution.Temporal.Tests.Scheduling;

public sealed class TaskQueuesTests
{
    [Theory]
    [InlineData("aws/us-east-1", "placement-aws-us-east-1")]
    [InlineData("GCP/us-west1", "placement-gcp-us-west1")]
    [InlineData("openai/global", "placement-openai-global")]
    [InlineData("azure/eastus", "placement-azure-eastus")]
    public void ForLocation_IsPlacementProviderRegion(string location, string queue) => Assert.Equal(queue, TaskQueues.ForLocation(location));

    [Fact]
    public void Problems_TwoLocationsSharingAQueue_Reported()
    {
        var problem = Assert.Single(TaskQueues.Problems(["a-b/c", "a/b-c", "aws/us-east-1"]));
        Assert.Contains("would share the task queue placement-a-b-c", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_NotALocation_SaysHowToWriteOne()
    {
        Assert.Contains("PROVIDER/REGION", TaskQueues.Problem("us-east-1"), StringComparison.Ordinal);
        Assert.Null(TaskQueues.Problem("aws/us-east-1"));
        Assert.Throws<FormatException>(() => TaskQueues.ForLocation("nope"));
    }

    [Fact]
    public void Problem_QueueTooLong_Reported() =>
        Assert.Contains("longer than", TaskQueues.Problem("p/" + new string('r', 300)), StringComparison.Ordinal);
}
