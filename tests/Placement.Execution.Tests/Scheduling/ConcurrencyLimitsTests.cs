using Placement.Core.Model;
using Placement.Execution.Scheduling;

namespace Placement.Execution.Tests.Scheduling;

public class ConcurrencyLimitsTests
{
    private static readonly Location Aws = Location.Parse("aws/us-east-1");
    private static readonly Location Gcp = Location.Parse("gcp/us-west1");

    [Fact]
    public void Pick_LocationFull_SkipsItsNodesAndStillStartsOthersInOrder()
    {
        var limits = new ConcurrencyLimits(4, 2, new Dictionary<string, int> { ["gcp/us-west1"] = 1 });
        var at = new Dictionary<string, Location> { ["a1"] = Aws, ["a2"] = Aws, ["a3"] = Aws, ["g1"] = Gcp, ["g2"] = Gcp };
        var picked = limits.Pick(["a1", "a2", "a3", "g1", "g2"], n => at[n], new Dictionary<Location, int> { [Aws] = 1 });
        Assert.Equal(["a1", "g1"], picked);
    }

    [Fact]
    public void Pick_OverallReached_StopsThere()
    {
        var limits = new ConcurrencyLimits(2, 5, new Dictionary<string, int>());
        Assert.Equal(["x"], limits.Pick(["x", "y", "z"], _ => Aws, new Dictionary<Location, int> { [Gcp] = 1 }));
        Assert.Empty(limits.Pick(["x"], _ => Aws, new Dictionary<Location, int> { [Gcp] = 2 }));
    }
}
