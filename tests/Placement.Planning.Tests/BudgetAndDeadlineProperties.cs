using FsCheck;
using FsCheck.Fluent;
using static Placement.Planning.Tests.PlanningFixtures;

namespace Placement.Planning.Tests;

/// <summary>
/// <see cref="PlanningProblem.MeetsBudgetAndDeadline"/> (when the LP stage leaves the deferred rows out) agrees with
/// <see cref="PlanningProblem.Violations"/> on the budget and the deadline, whatever the other constraints say.
/// </summary>
public class BudgetAndDeadlineProperties
{
    [Fact]
    public void MeetsBudgetAndDeadline_RandomChoices_AgreesWithViolations()
    {
        var both = new[] { 0, 0 };
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            if (TryProblem(RandomInstances.Scenario(seed, maxNodes: 6, constraints: true)) is not { } p)
            {
                return true;
            }

            var rng = new Random(seed);
            for (var trial = 0; trial < 5; trial++)
            {
                var choice = p.Nodes.Select(n => rng.Next(n.Candidates.Count)).ToArray();
                var meets = p.MeetsBudgetAndDeadline(choice);
                both[meets ? 1 : 0]++;
                var broken = p.Violations(choice).Count > p.Violations(choice, includeBudget: false, includeDeadline: false).Count;
                if (meets == broken)
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

        // Both answers must come up, or the property says nothing.
        Assert.True(both[0] > 0 && both[1] > 0, $"met {both[1]} times, broken {both[0]} times");
    }
}
